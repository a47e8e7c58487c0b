// Per-row plumbing shared by the student and staff validators: cell access, error collection and
// the checks of values common to both kinds (names, dates, СНИЛС, gender, phones, e-mail).
import type { Gender } from '../../db/schema';
import { normalizeEmail, normalizePhone } from './contacts';
import { ageAt, formatRuDate, parseDateDetailed } from './dates';
import { fieldLabel } from './fields';
import { normalizePersonName, personNameProblem, splitFullName, type SplitName } from './names';
import { normalizeSnils, snilsChecksumOk } from './snils';
import { cleanText, q } from './text';
import { countWith, plural, WORDS } from '../api/plural';
import type { ColumnMapping, FieldKey, RowError } from './types';
import { MAX, tooLongMessage, type TextKind } from '../api/limits';
import { normalizeGender } from './values';

export const REQUIRED = 'Не заполнено обязательное поле';

/** Column index per mapped field key (invalid entries dropped) and the list of used indexes. */
export function mappedColumns<K extends FieldKey>(mapping: ColumnMapping, keys: readonly K[]) {
  const cols = new Map<K, number>();
  const used: number[] = [];
  for (const key of keys) {
    const index = Object.hasOwn(mapping, key) ? mapping[key] : null;
    if (typeof index === 'number' && Number.isInteger(index) && index >= 0) {
      cols.set(key, index);
      used.push(index);
    }
  }
  return { cols, used };
}

/** One spreadsheet row being validated: cell texts by field and the errors found so far. */
export class RowScope<K extends FieldKey> {
  readonly errors: RowError[] = [];
  constructor(
    readonly row: number,
    private readonly cells: string[],
    private readonly cols: ReadonlyMap<K, number>,
  ) {}

  has(key: K): boolean {
    return this.cols.has(key);
  }

  /** The cell of a field, trimmed, with all whitespace collapsed ('' when unmapped or empty). */
  get(key: K): string {
    const index = this.cols.get(key);
    if (index === undefined) return '';
    const raw = this.cells[index];
    return raw === undefined || raw === '' ? '' : cleanText(raw);
  }

  /** The cell as in the sheet (line breaks kept). */
  raw(key: K): string {
    const index = this.cols.get(key);
    return index === undefined ? '' : (this.cells[index] ?? '');
  }

  error(key: FieldKey, message: string): void {
    this.errors.push({ row: this.row, column: fieldLabel(key), message });
  }

  required(key: FieldKey): void {
    this.error(key, `${REQUIRED} «${fieldLabel(key)}»`);
  }
}

/** True when every mapped cell of the row is empty (such rows are skipped, e.g. a footer in another column). */
export function rowIsBlank(cells: string[], used: number[]): boolean {
  for (const index of used) if ((cells[index] ?? '') !== '') return false;
  return true;
}

/**
 * The person's name from separate columns or from the full-name column (used when the separate
 * surname and name cells are unmapped or empty). Reports missing and malformed parts.
 * Returns null when surname or name is unusable; `column` is the field to blame for duplicates.
 */
export function readPersonName<K extends FieldKey>(
  scope: RowScope<K | NameKeys>,
): { name: SplitName; column: NameKeys } | null {
  const useFull = scope.has('fullName') && (!scope.has('lastName') || (scope.get('lastName') === '' && scope.get('firstName') === ''));
  if (useFull) {
    const full = scope.get('fullName');
    if (full === '') {
      scope.required('fullName');
      return null;
    }
    const split = splitFullName(full, fieldLabel('fullName'));
    if (!split.ok) {
      scope.error('fullName', split.message);
      return null;
    }
    return { name: split.name, column: 'fullName' };
  }
  const lastName = namePart(scope, 'lastName', true);
  const firstName = namePart(scope, 'firstName', true);
  const middleName = namePart(scope, 'middleName', false);
  if (lastName === null || firstName === null) return null;
  return { name: { lastName, firstName, middleName: middleName === '' ? null : middleName }, column: 'lastName' };
}

type NameKeys = 'fullName' | 'lastName' | 'firstName' | 'middleName';

/** One name column, normalized; null when a required part is missing or malformed (reported). */
function namePart<K extends FieldKey>(
  scope: RowScope<K | NameKeys>,
  key: 'lastName' | 'firstName' | 'middleName',
  required: boolean,
): string | null {
  const value = normalizePersonName(scope.get(key));
  if (value === '') {
    if (!required) return '';
    scope.required(key);
    return null;
  }
  if (value.length > MAX.namePart) {
    scope.error(key, tooLongMessage(fieldLabel(key), MAX.namePart));
    return null;
  }
  const problem = personNameProblem(fieldLabel(key), value);
  if (problem === null) return value;
  scope.error(key, problem);
  return required ? null : value;
}

/** A date cell: null when empty or wrong (wrong and future dates are reported). */
export function readDate<K extends FieldKey>(scope: RowScope<K>, key: K, today: string): string | null {
  const value = scope.get(key);
  if (value === '') return null;
  const r = parseDateDetailed(value, today);
  if (!r.ok) {
    scope.error(
      key,
      r.reason === 'calendar'
        ? `Неверная дата «${value}»: такой даты нет в календаре`
        : `Неверная дата «${value}»: ожидается дата вида ДД.ММ.ГГГГ`,
    );
    return null;
  }
  if (r.iso > today) {
    scope.error(key, `Дата «${formatRuDate(r.iso)}» ещё не наступила`);
    return null;
  }
  return r.iso;
}

/** Checks that the age at `today` is within min..max years; reports otherwise. */
export function checkAge<K extends FieldKey>(
  scope: RowScope<K>,
  key: K,
  birthDate: string,
  today: string,
  min: number,
  max: number,
  whose: string,
): boolean {
  const age = ageAt(birthDate, today);
  if (age >= min && age <= max) return true;
  scope.error(
    key,
    `Возраст ${countWith(age, WORDS.year)} (дата рождения ${formatRuDate(birthDate)}) ` +
      `не соответствует ${whose}: ожидается от ${min} до ${max} ${plural(max, 'года', 'лет', 'лет')}`,
  );
  return false;
}

/** СНИЛС cell → 'XXX-XXX-XXX YY'; null when empty or wrong (reported). */
export function readSnils<K extends FieldKey>(scope: RowScope<K>, key: K): string | null {
  const value = scope.get(key);
  if (value === '') return null;
  const snils = normalizeSnils(value);
  if (snils === null) {
    scope.error(key, `Неверный СНИЛС ${q(value)}: должно быть 11 цифр`);
    return null;
  }
  if (!snilsChecksumOk(snils)) {
    scope.error(key, `Неверная контрольная сумма СНИЛС ${q(snils)}`);
    return null;
  }
  return snils;
}

export function readGender<K extends FieldKey>(scope: RowScope<K>, key: K): Gender | null {
  const value = scope.get(key);
  if (value === '') return null;
  const gender = normalizeGender(value);
  if (gender === null) scope.error(key, `Неверное значение пола ${q(value)}: ожидается «м» или «ж»`);
  return gender;
}

export function readPhone<K extends FieldKey>(scope: RowScope<K>, key: K): string | null {
  const value = scope.get(key);
  if (value === '') return null;
  const phone = normalizePhone(value);
  if (phone === null) scope.error(key, `Неверный номер телефона ${q(value)}: ожидается российский номер из 10 цифр с кодом`);
  return phone;
}

/**
 * A free text cell (address, position…): null when empty; longer than the program's field
 * (MAX[kind], the same limit as the form's) is reported, never cut.
 */
export function readText<K extends FieldKey>(scope: RowScope<K>, key: K, kind: TextKind): string | null {
  const value = scope.get(key);
  if (value === '') return null;
  if (value.length > MAX[kind]) {
    scope.error(key, tooLongMessage(fieldLabel(key), MAX[kind]));
    return null;
  }
  return value;
}

export function readEmail<K extends FieldKey>(scope: RowScope<K>, key: K): string | null {
  const value = scope.get(key);
  if (value === '') return null;
  if (value.length > MAX.email) {
    scope.error(key, tooLongMessage(fieldLabel(key), MAX.email));
    return null;
  }
  const email = normalizeEmail(value);
  if (email === null) scope.error(key, `Неверный адрес электронной почты ${q(value)}`);
  return email;
}

/** «Иванов Иван Иванович» */
export function fullNameText(n: { lastName: string; firstName: string; middleName: string | null }): string {
  return n.middleName ? `${n.lastName} ${n.firstName} ${n.middleName}` : `${n.lastName} ${n.firstName}`;
}
