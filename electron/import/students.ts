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

const KEYS: readonly StudentFieldKey[] = [
  'fullName', 'lastName', 'firstName', 'middleName', 'birthDate', 'gender', 'snils', 'className', 'address',
  'personalFileNo', 'motherName', 'motherPhone', 'motherEmail', 'fatherName', 'fatherPhone', 'fatherEmail',
  'guardianName', 'guardianPhone', 'guardianEmail', 'pdConsentDate', 'eServiceRefused',
];

/** School age at the validation date, inclusive. */
export const STUDENT_MIN_AGE = 5;
export const STUDENT_MAX_AGE = 20;

const GUARDIAN_COLUMNS: readonly {
  relation: GuardianRelation;
  name: StudentFieldKey;
  phone: StudentFieldKey;
  email: StudentFieldKey;
}[] = [
  { relation: 'мать', name: 'motherName', phone: 'motherPhone', email: 'motherEmail' },
  { relation: 'отец', name: 'fatherName', phone: 'fatherPhone', email: 'fatherEmail' },
  { relation: 'законный представитель', name: 'guardianName', phone: 'guardianPhone', email: 'guardianEmail' },
];

type Scope = RowScope<StudentFieldKey>;
type Existing = ValidationContext['existingStudents'][number];

function readGuardians(scope: Scope, today: string): GuardianDraft[] {
  const drafts: GuardianDraft[] = [];
  let any = false;
  const pdConsentDate = readDate(scope, 'pdConsentDate', today);
  const refusedText = scope.get('eServiceRefused');
  const refused = parseYesNo(refusedText);
  if (refused === null) {
    scope.error('eServiceRefused', `Неверное значение ${q(refusedText)}: ожидается «да» или «нет»`);
  }
  for (const g of GUARDIAN_COLUMNS) {
    const nameText = scope.get(g.name);
    const phoneText = scope.get(g.phone);
    const emailText = scope.get(g.email);
    if (nameText === '' && phoneText === '' && emailText === '') continue;
    any = true;
    const phone = readPhone(scope, g.phone);
    const email = readEmail(scope, g.email);
    if (nameText === '') {
      scope.error(g.name, `Указаны контакты, но не заполнено поле «${fieldLabel(g.name)}»`);
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
      relation: g.relation,
      phone,
      email,
      pdConsentDate,
      eServiceRefused: refused ?? false,
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
 * all errors of all rows are reported, each with the real spreadsheet row number.
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
        scope.error('className', `Класс «${className(c.grade, c.letter)}» не найден в текущем учебном году`);
      } else {
        grade = c.grade;
        letter = c.letter;
      }
    }
    const address = readText(scope, 'address', 'address');
    const personalFileNo = readText(scope, 'personalFileNo', 'personalFileNo');
    const guardians = readGuardians(scope, today);

    // duplicates: in the school, then earlier in the file (one message when СНИЛС and name point to the same one)
    const keys = personKeys(person?.name ?? null, birthDate, snils);
    const otherBySnils = existing.findBySnils(keys);
    if (otherBySnils) {
      scope.error('snils', `Ученик уже есть в школе: СНИЛС ${q(snils!)} у ученика ${q(describe(otherBySnils))}`);
    }
    const firstBySnils = seen.findBySnils(keys);
    if (firstBySnils !== undefined) scope.error('snils', `Повторяет строку ${firstBySnils}: тот же СНИЛС ${q(snils!)}`);
    if (person) {
      const other = existing.findByName(keys)?.ref;
      if (other && other !== otherBySnils) scope.error(person.column, `Ученик уже есть в школе: ${describe(other)}`);
      const first = seen.findByName(keys)?.ref;
      if (first !== undefined && first !== firstBySnils) {
        scope.error(person.column, `Повторяет строку ${first}: те же ФИО и дата рождения`);
      }
    }
    seen.add(keys, row);

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
    });
  }
  return { drafts, errors };
}
