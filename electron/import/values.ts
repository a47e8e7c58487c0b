// Class names, gender, yes/no flags and the staff-specific values.
import type { Gender } from '../../db/schema';
import { capitalizeFirst, cleanText, foldKey } from './text';
import { classLetterProblem } from '../api/limits';
import { className } from '../api/text';

/** Latin letters that look like Cyrillic ones, as typed by mistake in class letters. */
const LOOKALIKES = new Map<string, string>(
  Object.entries({ A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х' }),
);

/** A class letter in canonical form: upper case, Latin look-alikes → Cyrillic. */
export function normalizeClassLetter(letter: string): string {
  const upper = cleanText(letter).toUpperCase();
  let out = '';
  for (const ch of upper) out += LOOKALIKES.get(ch) ?? ch;
  return out;
}

export type ClassParse =
  | { ok: true; grade: number; letter: string }
  | { ok: false; reason: 'format' | 'grade' | 'letter' };

/** A number and up to two letters (the letter: one or two Cyrillic letters, as everywhere in the program). */
const CLASS = /^(\d{1,2})([А-ЯЁA-Z]{0,2})$/;
/** The usual spellings («5А», «5 а», «5-А», «5«А»», «5"a"»), recognized without rewriting the text. */
const SIMPLE_CLASS = /^\s*(\d{1,2})[\s\-–—]*["«“„']?([А-ЯЁа-яёA-Za-z])["»”']?\s*$/;
const CYRILLIC_CAPITAL = /^[А-ЯЁ]$/;

/** Like normalizeClassName, with the reason of a failure ('grade': the number is not 1..11). */
export function parseClassName(raw: string): ClassParse {
  const simple = SIMPLE_CLASS.exec(raw);
  if (simple) {
    const grade = Number(simple[1]);
    if (grade >= 1 && grade <= 11) {
      const ch = simple[2]!;
      const letter = CYRILLIC_CAPITAL.test(ch) ? ch : normalizeClassLetter(ch);
      return classLetterProblem(letter) ? { ok: false, reason: 'letter' } : { ok: true, grade, letter };
    }
  }
  const compact = cleanText(raw)
    .toUpperCase()
    .replace(/\s*(?:КЛАСС|КЛ)\.?\s*/g, '')
    .replace(/[\s\-–—_.«»"'“”„‘’()]/g, '');
  const m = CLASS.exec(compact);
  if (!m) return { ok: false, reason: 'format' };
  const grade = Number(m[1]);
  if (grade < 1 || grade > 11) return { ok: false, reason: 'grade' };
  const letter = normalizeClassLetter(m[2]!);
  // Latin letters without a Cyrillic look-alike («5Z») are not a class letter.
  if (letter !== '' && classLetterProblem(letter)) return { ok: false, reason: 'letter' };
  return { ok: true, grade, letter };
}

/**
 * «5а», «5 А», «5-а», «5«А»», «5A» (Latin), «5 А класс» → { grade: 5, letter: 'А' }; null when it is not
 * a class of 1..11. A class without a letter («5») gives letter ''.
 */
export function normalizeClassName(raw: string): { grade: number; letter: string } | null {
  const r = parseClassName(raw);
  return r.ok ? { grade: r.grade, letter: r.letter } : null;
}

/** The display name of a class: «5А» (the one definition is electron/api/text.ts). */
export { className };

const GENDERS = new Map<string, Gender>([
  ...['м', 'муж', 'мужской', 'мужчина', 'мальчик', 'мал', 'm', 'male'].map((w) => [w, 'm'] as const),
  ...['ж', 'жен', 'женский', 'женщина', 'девочка', 'дев', 'f', 'female'].map((w) => [w, 'f'] as const),
]);

/** м/ж/муж/жен/мужской/женский/m/f in any case → 'm' | 'f'; null when empty or not recognized. */
export function normalizeGender(raw: string): Gender | null {
  const direct = GENDERS.get(raw);
  if (direct) return direct;
  const key = foldKey(raw).replace(/\.$/, '');
  return GENDERS.get(key) ?? null;
}

const YES = new Set(['да', 'д', 'yes', 'y', '+', '1', 'истина', 'true', 'x', 'х', 'v', '✓', '✔', 'отказ', 'отказался', 'отказалась']);
const NO = new Set(['', 'нет', 'н', 'no', 'n', '-', '–', '—', '0', 'ложь', 'false']);

/** да/нет (also +/-, 1/0, истина/ложь, empty = нет) → boolean; null when not recognized. */
export function parseYesNo(raw: string): boolean | null {
  const key = foldKey(raw).replace(/\.$/, '');
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}

/** «18», «18,0», «18 ч.», «18 часов» → 18; null unless a number of weekly hours in 1..40. */
export function parseRateHours(raw: string): number | null {
  const m = /^(\d{1,2}(?:[.,]\d+)?)\s*(?:ч|час|часа|часов)?\.?$/i.exec(cleanText(raw));
  if (!m) return null;
  const hours = Number(m[1]!.replace(',', '.'));
  return hours >= 1 && hours <= 40 ? hours : null;
}

/** «Математика, физика; информатика» → ['Математика', 'Физика', 'Информатика'] (no duplicates). */
export function splitSubjects(raw: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of raw.split(/[,;\n]/)) {
    const name = capitalizeFirst(cleanText(part));
    const key = foldKey(name);
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** A position with a capital first letter: «учитель» → «Учитель». */
export function normalizePosition(raw: string): string {
  return capitalizeFirst(cleanText(raw));
}
