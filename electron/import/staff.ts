// Validation of an imported staff list into StaffDraft rows.
import { formatRuDate } from './dates';
import { PersonIndex, personKeys } from './duplicates';
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
  ExistingPerson,
  RowError,
  SheetData,
  StaffDraft,
  StaffFieldKey,
  ValidationContext,
  ValidationResult,
} from './types';
import { normalizePosition, parseRateHours, splitSubjects } from './values';
import { MAX, MAX_ITEMS, tooManyMessage } from '../api/limits';

const KEYS: readonly StaffFieldKey[] = [
  'fullName', 'lastName', 'firstName', 'middleName', 'birthDate', 'gender', 'snils', 'phone', 'email',
  'position', 'subjects', 'rateHours',
];

export const DEFAULT_POSITION = 'Учитель';
export const DEFAULT_RATE_HOURS = 18;
export const STAFF_MIN_AGE = 16;
export const STAFF_MAX_AGE = 100;

function describe(p: ExistingPerson): string {
  return p.birthDate ? `${fullNameText(p)}, ${formatRuDate(p.birthDate)}` : fullNameText(p);
}

/**
 * Checks every non-blank row of a staff sheet. Drafts are returned only for rows without errors.
 * A person without a birth date matches a namesake with any birth date when looking for duplicates.
 */
export function validateStaff(
  sheet: SheetData,
  mapping: ColumnMapping,
  ctx: ValidationContext,
): ValidationResult<StaffDraft> {
  const { cols, used } = mappedColumns(mapping, KEYS);
  const today = ctx.today;
  const existing = new PersonIndex<ExistingPerson>(true);
  for (const s of ctx.existingStaff) existing.addPerson(s, s);
  const seen = new PersonIndex<number>(true);

  const drafts: StaffDraft[] = [];
  const errors: RowError[] = [];
  for (let i = 0; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i]!;
    if (rowIsBlank(cells, used)) continue;
    const row = sheet.rowNumbers[i] ?? i + sheet.headerRowNumber + 1;
    const scope = new RowScope<StaffFieldKey>(row, cells, cols);

    const person = readPersonName(scope);
    let birthDate = readDate(scope, 'birthDate', today);
    let birthOk = scope.get('birthDate') === '' || birthDate !== null;
    if (birthDate && !checkAge(scope, 'birthDate', birthDate, today, STAFF_MIN_AGE, STAFF_MAX_AGE, 'возрасту сотрудника')) {
      birthDate = null;
      birthOk = false;
    }
    const gender = readGender(scope, 'gender');
    const snils = readSnils(scope, 'snils');
    const phone = readPhone(scope, 'phone');
    const email = readEmail(scope, 'email');
    const positionText = readText(scope, 'position', 'title');
    const position = positionText === null ? DEFAULT_POSITION : normalizePosition(positionText);
    const subjects = splitSubjects(scope.raw('subjects'));
    const longSubject = subjects.find((s) => s.length > MAX.title);
    if (longSubject) scope.error('subjects', `Название предмета ${q(longSubject)} — не более ${MAX.title} символов`);
    else if (subjects.length > MAX_ITEMS.staffSubjects) scope.error('subjects', tooManyMessage('Предметов', MAX_ITEMS.staffSubjects));
    const rateText = scope.get('rateHours');
    let rateHours = DEFAULT_RATE_HOURS;
    if (rateText !== '') {
      const parsed = parseRateHours(rateText);
      if (parsed === null) scope.error('rateHours', `Неверная ставка ${q(rateText)}: ожидается число часов в неделю от 1 до 40`);
      else rateHours = parsed;
    }

    // a wrong birth date is not compared (it would look like «no birth date» and match any namesake)
    const keys = personKeys(person && birthOk ? person.name : null, birthDate, snils);
    const otherBySnils = existing.findBySnils(keys);
    if (otherBySnils) {
      scope.error('snils', `Сотрудник уже есть в школе: СНИЛС ${q(snils!)} у сотрудника ${q(describe(otherBySnils))}`);
    }
    const firstBySnils = seen.findBySnils(keys);
    if (firstBySnils !== undefined) scope.error('snils', `Повторяет строку ${firstBySnils}: тот же СНИЛС ${q(snils!)}`);
    if (person) {
      const other = existing.findByName(keys)?.ref;
      if (other && other !== otherBySnils) scope.error(person.column, `Сотрудник уже есть в школе: ${describe(other)}`);
      const first = seen.findByName(keys);
      if (first !== undefined && first.ref !== firstBySnils) {
        scope.error(
          person.column,
          first.sameBirthDate
            ? `Повторяет строку ${first.ref}: те же ФИО и дата рождения`
            : `Повторяет строку ${first.ref}: те же ФИО (дата рождения указана не в обеих строках)`,
        );
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
      birthDate,
      gender,
      snils,
      phone,
      email,
      position,
      subjects,
      rateHours,
    });
  }
  return { drafts, errors };
}
