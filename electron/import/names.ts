// Person names: capitalization, validation and splitting of a full name written in one cell.
import { cleanText, q } from './text';
import { MAX, tooLongMessage } from '../api/limits';

/** Turkic patronymic particles written after the father's name («Рустам оглы», «Айгуль кызы»). */
const PARTICLES = new Set(['оглы', 'оглу', 'огли', 'кызы', 'гызы', 'кизи', 'кзы', 'улы', 'уулу']);

/** Already normalized names (the common case) are returned without work. */
const NORMAL_WORD = /^[А-ЯЁ][а-яё]+$/;
const NORMAL_WORDS = /^[А-ЯЁ][а-яё]+(?: [А-ЯЁ][а-яё]+)+$/;
const CAPITAL_PARTICLE = / (?:Оглы|Оглу|Огли|Кызы|Гызы|Кизи|Кзы|Улы|Уулу)(?= |$)/;
const HYPHEN_SPACES = /\s*-\s*/g;

/**
 * Trims, collapses spaces and capitalizes each part: «иванов» → «Иванов»,
 * «ИВАНОВА-ПЕТРОВА» → «Иванова-Петрова», «рустам ОГЛЫ» → «Рустам оглы». Ё is kept as written.
 */
export function normalizePersonName(raw: string): string {
  if (NORMAL_WORD.test(raw) || (NORMAL_WORDS.test(raw) && !CAPITAL_PARTICLE.test(raw))) return raw;
  let value = cleanText(raw);
  if (value.includes('-')) value = value.replace(HYPHEN_SPACES, '-');
  const lower = value.toLowerCase();
  const n = lower.length;
  let out = '';
  let start = 0;
  for (let i = 0; i <= n; i++) {
    const ch = i < n ? lower.charCodeAt(i) : -1;
    if (ch === -1 || ch === 32 /* space */ || ch === 45 /* - */ || ch === 46 /* . of initials */) {
      const word = lower.slice(start, i);
      // particles stay lower case unless they start the name
      out += start > 0 && PARTICLES.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1);
      if (ch !== -1) out += lower.charAt(i);
      start = i + 1;
    }
  }
  return out;
}

/** A name of Cyrillic words (with hyphens and apostrophes): certainly fine. */
const PLAIN_CYRILLIC = /^[А-ЯЁа-яё]+(?:[-'’ ][А-ЯЁа-яё]+)*$/;
const WORD = /^\p{L}+(?:['’-]\p{L}+)*$/u;
const CYRILLIC = /[\u0400-\u04FF]/;
const LATIN = /[A-Za-z]/;

/**
 * Why a normalized name part is unacceptable, as a Russian message starting with `label`; null when fine.
 * Rejects digits and other symbols, initials («М.») and words mixing Cyrillic with Latin letters.
 */
export function personNameProblem(label: string, value: string): string | null {
  if (value === '' || PLAIN_CYRILLIC.test(value)) return null;
  if (/\p{L}\./u.test(value)) return `${label} ${q(value)} содержит инициалы: нужно полное написание`;
  for (const word of value.split(' ')) {
    if (!WORD.test(word)) return `${label} ${q(value)} содержит недопустимые символы`;
    if (CYRILLIC.test(word) && LATIN.test(word)) {
      return `${label} ${q(value)} содержит латинские буквы среди русских`;
    }
  }
  return null;
}

export interface SplitName {
  lastName: string;
  firstName: string;
  middleName: string | null;
}

export type SplitResult = { ok: true; name: SplitName } | { ok: false; message: string };

/**
 * Splits «Фамилия Имя Отчество» written in one cell; two parts mean no patronymic,
 * trailing particles («оглы», «кызы») belong to the patronymic. Parts are normalized and checked
 * like personNameProblem(). `label` names the column in the failure message.
 */
export function splitFullName(raw: string, label = 'ФИО'): SplitResult {
  const value = normalizePersonName(raw.includes(',') ? raw.replace(/,/g, ' ') : raw);
  const words = value === '' ? [] : value.split(' ');
  const lastName = words[0];
  const firstName = words[1];
  if (lastName === undefined || firstName === undefined) {
    return { ok: false, message: `${label} ${q(value)}: нужны как минимум фамилия и имя` };
  }
  for (let i = 3; i < words.length; i++) {
    if (!PARTICLES.has(words[i]!.toLowerCase())) {
      return { ok: false, message: `Не удалось разобрать ${label} ${q(value)}: слишком много слов` };
    }
  }
  const problem = personNameProblem(label, value);
  if (problem !== null) return { ok: false, message: problem };
  const middleName = words.length === 2 ? null : words.length === 3 ? words[2]! : words.slice(2).join(' ');
  const long = namePartTooLong({ lastName, firstName, middleName });
  if (long) return { ok: false, message: `${label} ${q(value)}: ${long}` };
  return { ok: true, name: { lastName, firstName, middleName } };
}

/** The limit of the program's name fields (MAX.namePart) broken by one of the parts, as a message; null when all fit. */
export function namePartTooLong(n: SplitName): string | null {
  for (const [part, label] of [[n.lastName, 'Фамилия'], [n.firstName, 'Имя'], [n.middleName ?? '', 'Отчество']] as const)
    if (part.length > MAX.namePart) return tooLongMessage(label, MAX.namePart);
  return null;
}

/**
 * Comparison key for a person whose parts went through normalizePersonName() (which makes all case
 * variants equal): ё-insensitive.
 */
export function personKey(lastName: string, firstName: string, middleName: string | null): string {
  const key = middleName === null ? `${lastName}|${firstName}|` : `${lastName}|${firstName}|${middleName}`;
  return YO.test(key) ? key.replace(YO_ALL, (c) => (c === 'ё' ? 'е' : 'Е')) : key;
}

const YO = /[ёЁ]/;
const YO_ALL = /[ёЁ]/g;
