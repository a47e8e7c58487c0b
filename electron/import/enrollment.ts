// The enrollment module's export («Зачисление в ОО», issue 12, R10): its usual columns recognized by
// their headers, each row checked as the student import checks it (names, dates, СНИЛС, phones,
// e-mail, the parents) plus the application's own values. Pure: the core matches the drafts with
// the school (electron/core/enrollment/).
import type { EnrollmentPreference } from '../api/enums';
import { MAX, tooLongMessage } from '../api/limits';
import { cellText } from './cellText';
import { serialDate } from './biff';
import { formatRuDate, parseDateDetailed } from './dates';
import { ENROLLMENT_ONLY_FIELDS } from './enrollmentFields';
import {
  fieldsFor,
  GUARDIAN_SLOT_PARTS,
  guardianSlotKey,
  has,
  headerWords,
  recognizeHeader,
  starts,
} from './fields';
import { checkAge, mappedColumns, readDate, readGender, readPersonName, readSnils, readText, RowScope, rowIsBlank } from './rows';
import { readGuardians, readYesNo } from './students';
import { foldKey, q } from './text';
import type { ColumnMapping, FieldDef, FieldKey, GuardianDraft, RowError, SheetData, StudentFieldKey } from './types';

/** An application has at most this many parents (enrollment_parent.position 1..4). */
export const ENROLLMENT_PARENTS = 4;
/** The age of a child applying to the first grade, at the check's date: from 5 to 9 full years. */
export const ENROLLMENT_MIN_AGE = 5;
export const ENROLLMENT_MAX_AGE = 9;

const CHILD_KEYS = ['fullName', 'lastName', 'firstName', 'middleName', 'birthDate', 'gender', 'snils', 'address'] as const;
const PARENT_KEYS = ['motherName', 'motherPhone', 'motherEmail', 'fatherName', 'fatherPhone', 'fatherEmail', 'guardianName', 'guardianPhone', 'guardianEmail'] as const;
const SLOT_PARTS = GUARDIAN_SLOT_PARTS.filter((p) => p.part !== 'Consent' && p.part !== 'Refused');

/** The fields of the enrollment import, in the mapping step's order. */
export function enrollmentFields(): FieldDef[] {
  const students = new Map(fieldsFor('students', []).map((f) => [f.key, f]));
  const slots = fieldsFor('students', Array.from({ length: ENROLLMENT_PARENTS }, (_, i) => `Представитель ${i + 1} — ФИО`)).filter((f) =>
    SLOT_PARTS.some((p) => Array.from({ length: ENROLLMENT_PARENTS }, (_, i) => guardianSlotKey(i + 1, p.part)).includes(f.key as never)),
  );
  const only = new Map(ENROLLMENT_ONLY_FIELDS.map((f) => [f.key, f]));
  const pick = (m: Map<FieldKey, FieldDef>, ...keys: FieldKey[]) => keys.map((k) => ({ ...m.get(k)! }));
  return [
    ...pick(only, 'regNumber', 'appliedAt', 'status', 'preference', 'sibling'),
    ...pick(students, ...CHILD_KEYS.slice(0, 7)),
    ...pick(only, 'birthCertificate'),
    ...pick(students, 'address'),
    ...pick(only, 'onTerritory', 'adaptedProgramme'),
    ...pick(students, ...PARENT_KEYS),
    ...slots,
  ];
}

const APPLICANT = ['заявитель', 'заявителя', 'заявителю'];

/** The field an enrollment export's header denotes, or null. */
export function recognizeEnrollmentHeader(given: string): FieldKey | null {
  // «ФИО второго родителя» is the second parent's, as «Родитель 2 — ФИО».
  const header = given.replace(/втор(?:ой|ого|ому)/gi, '2');
  const w = headerWords(header);
  if (w.length === 0) return null;
  const applicant = has(w, ...APPLICANT);
  if (applicant) {
    // The applicant is the first parent: «ФИО заявителя», «Телефон заявителя», «Кем приходится заявитель».
    const key = recognizeHeader('students', header.replace(/заявител[ьяю]/gi, 'представитель 1'));
    return key !== null && key.startsWith('guardian1') && !key.endsWith('Consent') && !key.endsWith('Refused') ? key : null;
  }
  if ((has(w, 'кем') && starts(w, 'приход')) || starts(w, 'родств') || (has(w, 'степень') && starts(w, 'родств'))) return guardianSlotKey(1, 'Relation');
  if (starts(w, 'статус') || starts(w, 'состояни')) return 'status';
  if (starts(w, 'свидетельств') || (starts(w, 'документ') && (has(w, 'ребенка') || starts(w, 'рожд')))) return 'birthCertificate';
  if (starts(w, 'брат') || starts(w, 'сестр') || starts(w, 'сиблинг')) return 'sibling';
  if (starts(w, 'льгот') || starts(w, 'внеочеред') || starts(w, 'первоочеред') || starts(w, 'преимуществ') || (starts(w, 'прав') && starts(w, 'прием'))) return 'preference';
  if (starts(w, 'адаптир') || has(w, 'овз', 'аоп', 'аооп')) return 'adaptedProgramme';
  if (starts(w, 'территор') || starts(w, 'закреплен') || starts(w, 'микрорайон')) return 'onTerritory';
  const about = starts(w, 'заявлен') || starts(w, 'обращен');
  if ((has(w, 'номер', '№', 'no', 'n') || starts(w, 'рег')) && (about || starts(w, 'рег') || w.length === 1)) return 'regNumber';
  if ((has(w, 'дата', 'время') || starts(w, 'дат')) && (about || starts(w, 'подач') || starts(w, 'поступ') || starts(w, 'регистрац'))) return 'appliedAt';
  const key = recognizeHeader('students', header) as StudentFieldKey | null;
  if (key === null || key === 'className' || key === 'personalFileNo' || key === 'pdConsentDate' || key === 'eServiceRefused') return null;
  const slot = /^guardian(\d+)(\w+)$/.exec(key);
  if (slot && (Number(slot[1]) > ENROLLMENT_PARENTS || slot[2] === 'Consent' || slot[2] === 'Refused')) return null;
  return key;
}

/** How many fields a row of cells names: the header is the leading row naming the most. */
export function enrollmentHeaderScore(cells: string[]): number {
  return new Set(cells.map(recognizeEnrollmentHeader).filter((k) => k !== null)).size;
}

/** Column per field (the leftmost of several), every field present. */
export function recognizeEnrollmentColumns(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const f of enrollmentFields()) mapping[f.key] = null;
  headers.forEach((h, i) => {
    const key = recognizeEnrollmentHeader(h);
    if (key !== null && Object.hasOwn(mapping, key) && mapping[key] === null) mapping[key] = i;
  });
  return mapping;
}

/**
 * The statuses that allow enrollment (docs/contingent.md «Statuses»): the application was accepted
 * for consideration with the full set of documents, or the module decided to enroll the child.
 * Compared without case, ё, punctuation and extra spaces; the start of the status counts, so that
 * «Принято к рассмотрению (документы предоставлены)» is one of them. Any other status (a draft,
 * awaiting documents, refused, withdrawn, cancelled, already enrolled…) is shown and stored as it
 * is, never enrolled.
 */
export const ENROLLABLE_STATUSES = [
  'принято к рассмотрению',
  'принята к рассмотрению',
  'принят к рассмотрению',
  'зачислить',
  'к зачислению',
  'направлен на зачисление',
  'направлено на зачисление',
  'направлена на зачисление',
  'рекомендован к зачислению',
  'рекомендовано к зачислению',
  'рекомендована к зачислению',
  'ожидает зачисления',
  'подлежит зачислению',
] as const;

const statusKey = (s: string) => foldKey(s.replace(/[^\p{L}\p{N}]+/gu, ' '));

export function statusAllowsEnrollment(status: string): boolean {
  const k = statusKey(status);
  return ENROLLABLE_STATUSES.some((s) => k === s || k.startsWith(`${s} `));
}

/** «Внеочередное», «первоочередное (дети военнослужащих)», «Преимущественное право» → the value; '' and «нет» → none. */
export function parsePreference(text: string): EnrollmentPreference | null {
  const k = foldKey(text);
  if (k === '' || k === 'нет' || k === '-' || k === '—' || k === 'отсутствует' || k === 'без льгот' || k === 'общая очередь' || k === 'на общих основаниях') return 'none';
  if (k.startsWith('внеочеред')) return 'out_of_turn';
  if (k.startsWith('первоочеред')) return 'first_turn';
  if (k.startsWith('преимуществ')) return 'priority';
  return null;
}

export interface EnrollmentDraft {
  row: number;
  regNumber: string;
  /** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM'. */
  appliedAt: string | null;
  status: string;
  enrollable: boolean;
  preference: EnrollmentPreference;
  /** The file says a brother or sister is in the school. */
  siblingMarked: boolean;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  gender: 'm' | 'f' | null;
  snils: string | null;
  birthCertificate: string | null;
  address: string | null;
  onTerritory: boolean | null;
  adaptedProgramme: boolean;
  parents: GuardianDraft[];
  /** The column the child's name came from (for messages). */
  nameColumn: 'fullName' | 'lastName';
}

type Key = StudentFieldKey | (typeof ENROLLMENT_ONLY_FIELDS)[number]['key'];
type Scope = RowScope<Key>;

/** An Excel serial day written as a number (a date cell without a date format): the date it means. */
const SERIAL = /^\d{5}(?:[.,]\d+)?$/;
function serialAsDate(text: string): string {
  if (!SERIAL.test(text)) return text;
  const n = Number(text.replace(',', '.'));
  return n >= 20000 && n <= 80000 ? cellText(serialDate(n)) : text;
}

const TIME = /^(.*\S)[ T]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

function readDateTime(scope: Scope, key: Key, today: string): string | null {
  const value = scope.get(key);
  if (value === '') return null;
  const m = TIME.exec(value);
  const day = m ? m[1]! : value;
  const r = parseDateDetailed(day, today);
  const hh = m ? Number(m[2]) : 0;
  const mm = m ? Number(m[3]) : 0;
  if (!r.ok || hh > 23 || mm > 59) {
    scope.error(key, `Неверные дата и время ${q(value)}: ожидается вид ДД.ММ.ГГГГ ЧЧ:ММ`);
    return null;
  }
  if (r.iso > today) {
    scope.error(key, `Дата «${formatRuDate(r.iso)}» ещё не наступила`);
    return null;
  }
  return m ? `${r.iso}T${m[2]!.padStart(2, '0')}:${m[3]}` : r.iso;
}

/** да/нет, as the student import reads its flags. */
const readFlag = (scope: Scope, key: Key) => readYesNo(scope as unknown as RowScope<StudentFieldKey>, key as StudentFieldKey);

const KEYS: readonly Key[] = [
  ...ENROLLMENT_ONLY_FIELDS.map((f) => f.key as Key),
  ...CHILD_KEYS,
  ...PARENT_KEYS,
  ...Array.from({ length: ENROLLMENT_PARENTS }, (_, i) => SLOT_PARTS.map((p) => guardianSlotKey(i + 1, p.part))).flat(),
];

/**
 * Checks every non-blank row. Drafts only for rows without errors; every error names the real row,
 * the column and the reason. A registration number met twice in the file is an error of both rows.
 */
export function validateEnrollment(sheet: SheetData, mapping: ColumnMapping, today: string): { drafts: EnrollmentDraft[]; errors: RowError[] } {
  const { cols, used } = mappedColumns(mapping, KEYS);
  const drafts: EnrollmentDraft[] = [];
  const errors: RowError[] = [];
  const numbers = new Map<string, number>();
  const dateCols = [cols.get('birthDate'), cols.get('appliedAt')].filter((c): c is number => c !== undefined);
  for (let i = 0; i < sheet.rows.length; i++) {
    let cells = sheet.rows[i]!;
    if (rowIsBlank(cells, used)) continue;
    if (dateCols.some((c) => SERIAL.test(cells[c] ?? ''))) {
      cells = [...cells];
      for (const c of dateCols) cells[c] = serialAsDate(cells[c] ?? '');
    }
    const row = sheet.rowNumbers[i] ?? i + sheet.headerRowNumber + 1;
    const scope: Scope = new RowScope(row, cells, cols);

    const regNumber = scope.get('regNumber');
    if (regNumber === '') scope.required('regNumber');
    else if (regNumber.length > MAX.regNumber) scope.error('regNumber', tooLongMessage('Номер заявления', MAX.regNumber));
    else {
      const first = numbers.get(foldKey(regNumber));
      if (first !== undefined) scope.error('regNumber', `Заявление № ${q(regNumber)} уже есть в строке ${first}`);
      else numbers.set(foldKey(regNumber), row);
    }
    const appliedAt = readDateTime(scope, 'appliedAt', today);
    const status = scope.get('status');
    if (status === '') scope.required('status');
    else if (status.length > MAX.applicationStatus) scope.error('status', tooLongMessage('Статус заявления', MAX.applicationStatus));
    const prefText = scope.get('preference');
    const preference = parsePreference(prefText);
    if (preference === null)
      scope.error('preference', `Неизвестное право на приём ${q(prefText)}: ожидается «внеочередное», «первоочередное», «преимущественное» или пустая ячейка`);
    const sibling = readFlag(scope, 'sibling');

    const person = readPersonName(scope);
    let birthDate: string | null = null;
    if (scope.get('birthDate') === '') scope.required('birthDate');
    else {
      birthDate = readDate(scope, 'birthDate', today);
      if (birthDate && !checkAge(scope, 'birthDate', birthDate, today, ENROLLMENT_MIN_AGE, ENROLLMENT_MAX_AGE, 'поступающему в 1 класс')) birthDate = null;
    }
    const gender = readGender(scope, 'gender');
    const snils = readSnils(scope, 'snils');
    const birthCertificate = readText(scope, 'birthCertificate', 'birthCertificate');
    const address = readText(scope, 'address', 'address');
    const onTerritory = readFlag(scope, 'onTerritory');
    const adapted = readFlag(scope, 'adaptedProgramme');
    const parents = readGuardians(scope as unknown as RowScope<StudentFieldKey>, today);
    if (parents.length === 0 && !scope.errors.some((e) => e.column.startsWith('ФИО') || e.column.startsWith('Представитель')))
      scope.errors.push({ row, column: 'Представитель 1 — ФИО', message: 'Не указан ни один родитель (законный представитель): в заявлении должен быть заявитель' });
    if (parents.length > ENROLLMENT_PARENTS)
      scope.errors.push({ row, column: parents[ENROLLMENT_PARENTS]!.columns.name, message: `В заявлении больше ${ENROLLMENT_PARENTS} родителей (законных представителей)` });

    if (scope.errors.length) {
      errors.push(...scope.errors);
      continue;
    }
    drafts.push({
      row,
      regNumber,
      appliedAt,
      status,
      enrollable: statusAllowsEnrollment(status),
      preference: preference!,
      siblingMarked: sibling === true,
      lastName: person!.name.lastName,
      firstName: person!.name.firstName,
      middleName: person!.name.middleName,
      birthDate: birthDate!,
      gender,
      snils,
      birthCertificate,
      address,
      onTerritory,
      adaptedProgramme: adapted === true,
      parents,
      nameColumn: person!.column === 'fullName' ? 'fullName' : 'lastName',
    });
  }
  // A number repeated later also blames its first row.
  const repeated = new Set(errors.filter((e) => e.column === 'Номер заявления' && e.message.includes('уже есть в строке')).map((e) => Number(/строке (\d+)/.exec(e.message)![1])));
  for (const r of repeated) {
    const d = drafts.findIndex((x) => x.row === r);
    if (d >= 0) {
      errors.push({ row: r, column: 'Номер заявления', message: `Номер заявления ${q(drafts[d]!.regNumber)} повторяется ниже в файле` });
      drafts.splice(d, 1);
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { drafts, errors };
}

