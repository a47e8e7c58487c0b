// Validation of an imported student list (with parents) into StudentDraft rows.
import { formatRuDate } from './dates';
import { PersonIndex, personKeys } from './duplicates';
import { fieldLabel } from './fields';
import { splitFullName } from './names';
import {
  checkAge,
  fullNameText,
  mappedColumns,
  readDate,
  readEmail,
  readGender,
  readPersonName,
  readPhone,
  readSnils,
  readText,
  RowScope,
  rowIsBlank,
} from './rows';
import { q } from './text';
import type {
  ColumnMapping,
  GuardianDraft,
  GuardianRelation,
  RowError,
  SheetData,
  StudentDraft,
  StudentFieldKey,
  ValidationContext,
  ValidationResult,
} from './types';
import { className, normalizeClassLetter, parseClassName, parseYesNo } from './values';
import { GUARDIAN_SLOT_PARTS, GUARDIAN_SLOTS, guardianSlotKey } from './fields';
import { MAX, tooLongMessage } from '../api/limits';

const KEYS: readonly StudentFieldKey[] = [
  'fullName', 'lastName', 'firstName', 'middleName', 'birthDate', 'gender', 'snils', 'className', 'address',
  'personalFileNo', 'motherName', 'motherPhone', 'motherEmail', 'fatherName', 'fatherPhone', 'fatherEmail',
  'guardianName', 'guardianPhone', 'guardianEmail', 'pdConsentDate', 'eServiceRefused',
  ...Array.from({ length: GUARDIAN_SLOTS }, (_, i) => GUARDIAN_SLOT_PARTS.map((p) => guardianSlotKey(i + 1, p.part))).flat(),
];

/** School age at the validation date, inclusive. */
export const STUDENT_MIN_AGE = 5;
export const STUDENT_MAX_AGE = 20;

interface GuardianColumns {
  /** The relation the columns carry (мать, отец); null: read from the `relation` column. */
  fixed: GuardianRelation | null;
  name: StudentFieldKey;
  relation: StudentFieldKey | null;
  phone: StudentFieldKey;
  email: StudentFieldKey;
  consent: StudentFieldKey | null;
  refused: StudentFieldKey | null;
}

const GUARDIAN_COLUMNS: readonly GuardianColumns[] = [
  { fixed: 'мать', name: 'motherName', relation: null, phone: 'motherPhone', email: 'motherEmail', consent: null, refused: null },
  { fixed: 'отец', name: 'fatherName', relation: null, phone: 'fatherPhone', email: 'fatherEmail', consent: null, refused: null },
  { fixed: 'законный представитель', name: 'guardianName', relation: null, phone: 'guardianPhone', email: 'guardianEmail', consent: null, refused: null },
  ...Array.from({ length: GUARDIAN_SLOTS }, (_, i): GuardianColumns => ({
    fixed: null,
    name: guardianSlotKey(i + 1, 'Name'),
    relation: guardianSlotKey(i + 1, 'Relation'),
    phone: guardianSlotKey(i + 1, 'Phone'),
    email: guardianSlotKey(i + 1, 'Email'),
    consent: guardianSlotKey(i + 1, 'Consent'),
    refused: guardianSlotKey(i + 1, 'Refused'),
  })),
];

export type Scope = RowScope<StudentFieldKey>;
type Existing = ValidationContext['existingStudents'][number];

export function readYesNo(scope: Scope, key: StudentFieldKey): boolean | null {
  const text = scope.get(key);
  if (text === '') return null;
  const v = parseYesNo(text);
  if (v === null) scope.error(key, `Неверное значение ${q(text)}: ожидается «да» или «нет»`);
  return v;
}

export function readGuardians(scope: Scope, today: string): GuardianDraft[] {
  const drafts: GuardianDraft[] = [];
  let any = false;
  const pdConsentDate = readDate(scope, 'pdConsentDate', today);
  const refused = readYesNo(scope, 'eServiceRefused');
  for (const g of GUARDIAN_COLUMNS) {
    if (!scope.has(g.name) && !scope.has(g.phone) && !scope.has(g.email) && !(g.relation && scope.has(g.relation))) continue;
    const nameText = scope.get(g.name);
    const relationText = g.relation ? scope.get(g.relation) : '';
    const phoneText = scope.get(g.phone);
    const emailText = scope.get(g.email);
    const consentText = g.consent ? scope.get(g.consent) : '';
    const refusedText = g.refused ? scope.get(g.refused) : '';
    if (nameText === '' && relationText === '' && phoneText === '' && emailText === '' && consentText === '' && refusedText === '') continue;
    any = true;
    const phone = readPhone(scope, g.phone);
    const email = readEmail(scope, g.email);
    const consent = g.consent ? readDate(scope, g.consent, today) : null;
    const slotRefused = g.refused ? readYesNo(scope, g.refused) : null;
    if (g.relation && relationText.length > MAX.relation) scope.error(g.relation, tooLongMessage(fieldLabel(g.relation), MAX.relation));
    if (nameText === '') {
      const what = relationText === '' && consentText === '' && refusedText === '' ? 'контакты' : 'данные представителя';
      scope.error(g.name, `Указаны ${what}, но не заполнено поле «${fieldLabel(g.name)}»`);
      continue;
    }
    const split = splitFullName(nameText, fieldLabel(g.name));
    if (!split.ok) {
      scope.error(g.name, split.message);
      continue;
    }
    const n = split.name;
    drafts.push({
      lastName: n.lastName,
      firstName: n.firstName,
      middleName: n.middleName,
      relation: g.fixed ?? (relationText === '' ? null : relationText),
      phone,
      email,
      pdConsentDate: consent ?? pdConsentDate,
      eServiceRefused: slotRefused ?? refused,
      columns: {
        name: fieldLabel(g.name),
        relation: fieldLabel(g.relation ?? g.name),
        phone: fieldLabel(g.phone),
        email: fieldLabel(g.email),
        consent: fieldLabel(g.consent && scope.get(g.consent) !== '' ? g.consent : 'pdConsentDate'),
        refused: fieldLabel(g.refused && scope.get(g.refused) !== '' ? g.refused : 'eServiceRefused'),
      },
    });
  }
  if (!any) {
    const noOne = 'но в строке не указаны ни мать, ни отец, ни законный представитель';
    if (scope.get('pdConsentDate') !== '') scope.error('pdConsentDate', `Указано согласие на обработку ПДн, ${noOne}`);
    if (refused === true) scope.error('eServiceRefused', `Указан отказ от электронного дневника, ${noOne}`);
  }
  return drafts;
}

function describe(s: Existing): string {
  return `${fullNameText(s)}, ${formatRuDate(s.birthDate)}`;
}

/**
 * Checks every non-blank row of a student sheet. Drafts are returned only for rows without errors;
 * all errors of all rows are reported, each with the real spreadsheet row number. A row about a
 * student already in the school (same СНИЛС, or same name and birth date) carries that student's
 * id: the import updates them.
 */
export function validateStudents(
  sheet: SheetData,
  mapping: ColumnMapping,
  ctx: ValidationContext,
): ValidationResult<StudentDraft> {
  const { cols, used } = mappedColumns(mapping, KEYS);
  const today = ctx.today;
  const classes = new Set(ctx.classes.map((c) => `${c.grade}|${normalizeClassLetter(c.letter)}`));
  const existing = new PersonIndex<Existing>(false);
  for (const s of ctx.existingStudents) existing.addPerson(s, s);
  const seen = new PersonIndex<number>(false);
  const matchedRows = new Map<string, number>();

  const drafts: StudentDraft[] = [];
  const errors: RowError[] = [];
  for (let i = 0; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i]!;
    if (rowIsBlank(cells, used)) continue;
    const row = sheet.rowNumbers[i] ?? i + sheet.headerRowNumber + 1;
    const scope: Scope = new RowScope(row, cells, cols);

    const person = readPersonName(scope);

    let birthDate: string | null = null;
    if (scope.get('birthDate') === '') scope.required('birthDate');
    else {
      birthDate = readDate(scope, 'birthDate', today);
      if (birthDate && !checkAge(scope, 'birthDate', birthDate, today, STUDENT_MIN_AGE, STUDENT_MAX_AGE, 'школьному')) {
        birthDate = null;
      }
    }
    const gender = readGender(scope, 'gender');
    const snils = readSnils(scope, 'snils');

    let grade = 0;
    let letter = '';
    const classText = scope.get('className');
    if (classText === '') scope.required('className');
    else {
      const c = parseClassName(classText);
      if (!c.ok) {
        scope.error(
          'className',
          c.reason === 'grade'
            ? `Неверный класс ${q(classText)}: номер класса должен быть от 1 до 11`
            : c.reason === 'letter'
              ? `Неверный класс ${q(classText)}: литера класса — одна или две русские буквы`
              : `Неверный класс ${q(classText)}: ожидается номер и буква, например «5А»`,
        );
      } else if (!classes.has(`${c.grade}|${c.letter}`)) {
        scope.error('className', `Класс «${className(c)}» не найден в текущем учебном году`);
      } else {
        grade = c.grade;
        letter = c.letter;
      }
    }
    const address = readText(scope, 'address', 'address');
    const personalFileNo = readText(scope, 'personalFileNo', 'personalFileNo');
    const guardians = readGuardians(scope, today);

    // The student already in the school this row is about: by СНИЛС, else by name and birth date.
    // A row pointing at two different students, or two rows at one, is refused.
    const keys = personKeys(person?.name ?? null, birthDate, snils);
    const bySnils = existing.findBySnils(keys);
    const byName = person ? existing.findByName(keys)?.ref : undefined;
    const conflict = !!bySnils && !!byName && bySnils !== byName;
    if (conflict) {
      scope.error(
        'snils',
        `СНИЛС ${q(snils!)} — у ученика ${q(describe(bySnils))}, а фамилия, имя, отчество и дата рождения — у ученика ${q(describe(byName))}: непонятно, чьи данные исправить`,
      );
    }
    const match = conflict ? undefined : (bySnils ?? byName);
    let repeated = false;
    const firstBySnils = seen.findBySnils(keys);
    if (firstBySnils !== undefined) {
      scope.error('snils', `Повторяет строку ${firstBySnils}: тот же СНИЛС ${q(snils!)}`);
      repeated = true;
    }
    if (person) {
      const first = seen.findByName(keys)?.ref;
      if (first !== undefined && first !== firstBySnils) {
        scope.error(person.column, `Повторяет строку ${first}: те же ФИО и дата рождения`);
        repeated = true;
      }
    }
    seen.add(keys, row);
    if (match && !repeated) {
      const first = matchedRows.get(match.id);
      if (first !== undefined) scope.error(person?.column ?? 'snils', `Тот же ученик, что в строке ${first}: ${describe(match)}`);
      else matchedRows.set(match.id, row);
    }

    if (scope.errors.length > 0) {
      for (const e of scope.errors) errors.push(e);
      continue;
    }
    const name = person!.name;
    drafts.push({
      row,
      lastName: name.lastName,
      firstName: name.firstName,
      middleName: name.middleName,
      birthDate: birthDate!,
      gender,
      snils,
      grade,
      letter,
      address,
      personalFileNo,
      guardians,
      existingId: match && !repeated ? match.id : null,
    });
  }
  return { drafts, errors };
}
