// Target fields of each import kind and automatic recognition of usual Russian column headers.
import type { ColumnMapping, FieldDef, FieldKey, GuardianSlotKey, GuardianSlotPart, ImportKind, StaffFieldKey, StudentFieldKey } from './types';
import { ruFold } from '../api/text';
import { ENROLLMENT_ONLY_FIELDS } from './enrollmentFields';

const NAME_PARTS: FieldKey[] = ['lastName', 'firstName', 'middleName'];

const STUDENT_FIELDS: readonly FieldDef[] = [
  { key: 'fullName', label: 'ФИО', required: false, replaces: NAME_PARTS },
  { key: 'lastName', label: 'Фамилия', required: true },
  { key: 'firstName', label: 'Имя', required: true },
  { key: 'middleName', label: 'Отчество', required: false },
  { key: 'birthDate', label: 'Дата рождения', required: true },
  { key: 'gender', label: 'Пол', required: false },
  { key: 'snils', label: 'СНИЛС', required: false },
  { key: 'className', label: 'Класс', required: true },
  { key: 'address', label: 'Адрес', required: false },
  { key: 'personalFileNo', label: '№ личного дела', required: false },
  { key: 'motherName', label: 'ФИО матери', required: false },
  { key: 'motherPhone', label: 'Телефон матери', required: false },
  { key: 'motherEmail', label: 'E-mail матери', required: false },
  { key: 'fatherName', label: 'ФИО отца', required: false },
  { key: 'fatherPhone', label: 'Телефон отца', required: false },
  { key: 'fatherEmail', label: 'E-mail отца', required: false },
  { key: 'guardianName', label: 'ФИО законного представителя', required: false },
  { key: 'guardianPhone', label: 'Телефон законного представителя', required: false },
  { key: 'guardianEmail', label: 'E-mail законного представителя', required: false },
  { key: 'pdConsentDate', label: 'Согласие на обработку ПДн', required: false },
  { key: 'eServiceRefused', label: 'Отказ от электронного дневника', required: false },
];

const STAFF_FIELDS: readonly FieldDef[] = [
  { key: 'fullName', label: 'ФИО', required: false, replaces: NAME_PARTS },
  { key: 'lastName', label: 'Фамилия', required: true },
  { key: 'firstName', label: 'Имя', required: true },
  { key: 'middleName', label: 'Отчество', required: false },
  { key: 'birthDate', label: 'Дата рождения', required: false },
  { key: 'gender', label: 'Пол', required: false },
  { key: 'snils', label: 'СНИЛС', required: false },
  { key: 'phone', label: 'Телефон', required: false },
  { key: 'email', label: 'E-mail', required: false },
  { key: 'position', label: 'Должность', required: false },
  { key: 'subjects', label: 'Предметы', required: false },
  { key: 'rateHours', label: 'Ставка (часов)', required: false },
];

/**
 * Numbered representatives, as the program's own export writes them («Представитель 1 — ФИО»,
 * «Представитель 1 — кем приходится», «… — телефон», «… — e-mail», «… — согласие на обработку ПДн»,
 * «… — отказ от электронного дневника»), any number of them per student up to GUARDIAN_SLOTS.
 */
export const GUARDIAN_SLOTS = 9;
export const GUARDIAN_SLOT_PARTS: readonly { part: GuardianSlotPart; label: string }[] = [
  { part: 'Name', label: 'ФИО' },
  { part: 'Relation', label: 'кем приходится' },
  { part: 'Phone', label: 'телефон' },
  { part: 'Email', label: 'e-mail' },
  { part: 'Consent', label: 'согласие на обработку ПДн' },
  { part: 'Refused', label: 'отказ от электронного дневника' },
];
export const guardianSlotKey = (n: number, part: GuardianSlotPart): GuardianSlotKey => `guardian${n}${part}`;
export const guardianSlotLabel = (n: number, label: string) => `Представитель ${n} — ${label}`;
const SLOT_KEY = /^guardian(\d+)(Name|Relation|Phone|Email|Consent|Refused)$/;

function slotFields(slots: number): FieldDef[] {
  const out: FieldDef[] = [];
  for (let n = 1; n <= slots; n++)
    for (const p of GUARDIAN_SLOT_PARTS) out.push({ key: guardianSlotKey(n, p.part), label: guardianSlotLabel(n, p.label), required: false });
  return out;
}

/**
 * The target fields of an import kind, in display order. Numbered representatives are offered as
 * far as the file's headers number them.
 */
export function fieldsFor(kind: ImportKind, headers: readonly string[] = []): FieldDef[] {
  if (kind === 'staff') return STAFF_FIELDS.map((f) => ({ ...f }));
  const slots = Math.max(0, ...headers.map((h) => guardianSlotOf(headerWords(h))?.n ?? 0));
  const at = STUDENT_FIELDS.findIndex((f) => f.key === 'pdConsentDate');
  return [...STUDENT_FIELDS.slice(0, at), ...slotFields(slots), ...STUDENT_FIELDS.slice(at)].map((f) => ({ ...f }));
}

const LABELS = new Map<string, string>();
for (const f of [...STUDENT_FIELDS, ...STAFF_FIELDS, ...slotFields(GUARDIAN_SLOTS), ...ENROLLMENT_ONLY_FIELDS]) LABELS.set(`${f.key}`, f.label);

/** The Russian label of a field key (the key itself when unknown). */
export function fieldLabel(key: FieldKey): string {
  return LABELS.get(key) ?? key;
}

/** The number and part of a numbered representative's field key; null for other keys. */
export function parseGuardianSlotKey(key: string): { n: number; part: GuardianSlotPart } | null {
  const m = SLOT_KEY.exec(key);
  return m ? { n: Number(m[1]), part: m[2] as GuardianSlotPart } : null;
}

/** Header → word list: lower case, ё → е, punctuation dropped, '№' kept as a word. */
export function headerWords(header: string): string[] {
  const norm = ruFold(header)
    .replace(/e-?mail/g, 'email')
    .replace(/№/g, ' № ')
    .replace(/[^a-zа-я0-9№]+/g, ' ')
    .trim();
  return norm === '' ? [] : norm.split(' ');
}

type Who = 'mother' | 'father' | 'guardian';
const WHO_WORDS = new Map<string, Who>([
  ...['мать', 'матери', 'мама', 'мамы', 'маме'].map((w) => [w, 'mother'] as const),
  ...['отец', 'отца', 'папа', 'папы', 'отцу'].map((w) => [w, 'father'] as const),
  ...[
    'представитель', 'представителя', 'представители', 'представителей', 'законный', 'законного', 'законные',
    'опекун', 'опекуна', 'попечитель', 'попечителя', 'родитель', 'родителя', 'родители', 'родителей',
  ].map((w) => [w, 'guardian'] as const),
]);
/** Words that may accompany a person column without changing its meaning («ФИО матери», «Мать (полностью)»). */
export const NAME_WORDS = new Set(['фио', 'ф', 'и', 'о', 'фамилия', 'имя', 'отчество', 'полностью', 'данные']);
export const PUPIL_WORDS = new Set(['ученик', 'ученика', 'учащийся', 'учащегося', 'обучающийся', 'обучающегося', 'ребенок', 'ребенка', 'воспитанник', 'воспитанника']);
const STAFF_WORDS = new Set(['сотрудник', 'сотрудника', 'работник', 'работника', 'педагог', 'педагога']);

export const starts = (words: string[], prefix: string) => words.some((w) => w.startsWith(prefix));
export const has = (words: string[], ...list: string[]) => words.some((w) => list.includes(w));

export function isPhone(w: string[]): boolean {
  return starts(w, 'тел') || starts(w, 'моб') || starts(w, 'сотов');
}
export function isEmail(w: string[]): boolean {
  return has(w, 'email', 'mail', 'емейл', 'емэйл', 'имейл') || starts(w, 'почт');
}
export function isBirthDate(w: string[]): boolean {
  if (has(w, 'др')) return true;
  return (has(w, 'дата', 'день', 'д') && (starts(w, 'рожд') || has(w, 'р'))) || (w.length === 1 && starts(w, 'рожд'));
}
export function isSnils(w: string[]): boolean {
  return starts(w, 'снилс') || (starts(w, 'страхов') && has(w, 'номер'));
}
export function isFullName(w: string[], extra: Set<string>): boolean {
  if (has(w, 'фио') || (has(w, 'ф') && has(w, 'и') && has(w, 'о'))) return true;
  if (has(w, 'фамилия') && has(w, 'имя')) return true;
  return w.length > 0 && w.every((x) => extra.has(x));
}
export function namePart(w: string[]): FieldKey | null {
  if (has(w, 'фамилия')) return 'lastName';
  if (has(w, 'имя')) return 'firstName';
  if (has(w, 'отчество')) return 'middleName';
  return null;
}

/** «Представитель 1 — телефон», «Телефон родителя 2»: a numbered representative's column; null for others. */
function guardianSlotOf(w: string[]): { n: number; part: GuardianSlotPart } | null {
  if (!w.some((x) => WHO_WORDS.has(x))) return null;
  const numbers = w.filter((x) => /^\d+$/.test(x));
  if (numbers.length !== 1) return null;
  const n = Number(numbers[0]);
  if (n < 1 || n > GUARDIAN_SLOTS) return null;
  if (starts(w, 'соглас')) return { n, part: 'Consent' };
  if (starts(w, 'отказ')) return { n, part: 'Refused' };
  if (isPhone(w)) return { n, part: 'Phone' };
  if (isEmail(w)) return { n, part: 'Email' };
  if (has(w, 'кем') || starts(w, 'родств') || starts(w, 'приход')) return { n, part: 'Relation' };
  const rest = w.filter((x) => !WHO_WORDS.has(x) && x !== '№' && !/^\d+$/.test(x));
  return rest.every((x) => NAME_WORDS.has(x)) ? { n, part: 'Name' } : null;
}

function recognizeStudentHeader(w: string[]): StudentFieldKey | null {
  const slot = guardianSlotOf(w);
  if (slot) return guardianSlotKey(slot.n, slot.part);
  if (starts(w, 'соглас')) return 'pdConsentDate';
  if (starts(w, 'отказ')) return 'eServiceRefused';
  const who = w.map((x) => WHO_WORDS.get(x)).find((x) => x !== undefined);
  if (who) {
    if (isPhone(w)) return `${who}Phone`;
    if (isEmail(w)) return `${who}Email`;
    const rest = w.filter((x) => !WHO_WORDS.has(x));
    return rest.every((x) => NAME_WORDS.has(x)) ? `${who}Name` : null;
  }
  if (isSnils(w)) return 'snils';
  if ((starts(w, 'личн') && starts(w, 'дел')) || has(w, 'лд') || (has(w, 'л') && has(w, 'д'))) return 'personalFileNo';
  if (isBirthDate(w)) return 'birthDate';
  if (has(w, 'пол')) return 'gender';
  if ((has(w, 'класс', 'кл') || starts(w, 'класс')) && !starts(w, 'руковод')) return 'className';
  if (starts(w, 'адрес') || starts(w, 'проживан') || (has(w, 'место') && starts(w, 'жительств'))) return 'address';
  if (isFullName(w, PUPIL_WORDS)) return 'fullName';
  return namePart(w) as StudentFieldKey | null;
}

function recognizeStaffHeader(w: string[]): StaffFieldKey | null {
  if (isSnils(w)) return 'snils';
  if (isBirthDate(w)) return 'birthDate';
  if (has(w, 'пол')) return 'gender';
  if (isPhone(w)) return 'phone';
  if (isEmail(w)) return 'email';
  if (starts(w, 'должност')) return 'position';
  if (starts(w, 'предмет') || starts(w, 'дисциплин')) return 'subjects';
  if (starts(w, 'ставк') || (has(w, 'норма') && starts(w, 'час'))) return 'rateHours';
  if (isFullName(w, STAFF_WORDS)) return 'fullName';
  return namePart(w) as StaffFieldKey | null;
}

/** The field a single header denotes, or null. */
export function recognizeHeader(kind: ImportKind, header: string): FieldKey | null {
  const words = headerWords(header);
  if (words.length === 0) return null;
  return kind === 'students' ? recognizeStudentHeader(words) : recognizeStaffHeader(words);
}

/**
 * Column index per field of the kind (every field key is present; null = not recognized).
 * When several columns match a field, the leftmost one wins.
 */
export function recognizeColumns(kind: ImportKind, headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const f of fieldsFor(kind, headers)) mapping[f.key] = null;
  headers.forEach((header, index) => {
    const key = recognizeHeader(kind, header);
    if (key !== null && mapping[key] === null) mapping[key] = index;
  });
  return mapping;
}

/**
 * Problems of a (possibly user-edited) mapping, as Russian messages; empty when it can be validated:
 * required fields without a column (the full-name column stands in for the name parts),
 * one column assigned to several fields, indexes outside the sheet.
 */
export function checkMapping(kind: ImportKind, mapping: ColumnMapping, headers: string[]): string[] {
  return checkFieldMapping(fieldsFor(kind, headers), mapping, headers);
}

/** checkMapping for any list of fields (the enrollment import's too). */
export function checkFieldMapping(fields: readonly FieldDef[], mapping: ColumnMapping, headers: string[]): string[] {
  const problems: string[] = [];
  const col = (key: FieldKey) => mapping[key] ?? null;
  const fullName = col('fullName') !== null;
  for (const f of fields) {
    if (f.required && col(f.key) === null && !(fullName && NAME_PARTS.includes(f.key))) {
      problems.push(`Не выбран столбец для обязательного поля «${f.label}»`);
    }
  }
  const byColumn = new Map<number, string[]>();
  for (const f of fields) {
    const index = col(f.key);
    if (index === null) continue;
    if (!Number.isInteger(index) || index < 0 || index >= headers.length) {
      problems.push(`Для поля «${f.label}» выбран несуществующий столбец`);
      continue;
    }
    byColumn.set(index, [...(byColumn.get(index) ?? []), f.label]);
  }
  for (const [index, labels] of byColumn) {
    if (labels.length > 1) {
      const header = headers[index] || `№ ${index + 1}`;
      problems.push(`Столбец «${header}» выбран сразу для нескольких полей: ${labels.map((l) => `«${l}»`).join(', ')}`);
    }
  }
  return problems;
}
