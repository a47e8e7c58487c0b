// The student card's form: its fields, the conversion from the stored card, and the checks made
// while typing and on «Сохранить».
import { MAX, missing, tooLong } from '../lib/checks';
import { ruDate } from '../lib/dates';
import type { Problem } from '../lib/errors';
import { declineName, relationGender, surnameFits } from '../../../electron/api/declension';
import type { Gender, StudentDetails } from '../../../electron/api/types';

export interface GuardianForm {
  key: string;
  id: string | null;
  lastName: string;
  firstName: string;
  middleName: string;
  relation: string;
  phone: string;
  email: string;
  consent: string;
  refused: boolean;
}
export interface Form {
  lastName: string;
  firstName: string;
  middleName: string;
  birth: string;
  gender: Gender | '';
  snils: string;
  classId: string | null;
  address: string;
  personalFileNo: string;
  guardians: GuardianForm[];
}
export const FIELD_NAMES: Partial<Record<keyof Form, string[]>> = {
  lastName: ['Фамилия'],
  firstName: ['Имя'],
  middleName: ['Отчество'],
  birth: ['birthDate', 'Дата рождения'],
  snils: ['СНИЛС'],
  classId: ['Класс'],
  address: ['Адрес'],
  personalFileNo: ['personalFileNo'],
};
let seq = 0;
export const gkey = () => `g${++seq}`;

export const splitName = (full: string) => {
  const [lastName = '', firstName = '', ...rest] = full.trim().split(/\s+/);
  return { lastName, firstName, middleName: rest.join(' ') || null };
};

/** «у Ивановой Анны Петровны»; «у представителя № 2» while the name is not written yet. */
export function whose(g: GuardianForm, i: number): string {
  return g.lastName.trim() && g.firstName.trim() ? declineName(g, 'genitive') : `представителя № ${i + 1}`;
}

/**
 * The student's surname for a parent whose relation says a man or a woman, when that form of the
 * surname fits them (lvovich: «Абрамов» fits a father, not a mother; «Ковальчук» fits both);
 * otherwise nothing: a surname is never guessed into a wrong gender.
 */
export function familySurname(form: Form, relation: string): string {
  const g = relationGender(relation);
  const surname = form.lastName.trim();
  return g && surname && surnameFits(surname, g) ? surname : '';
}

export function fromDetails(s: StudentDetails | null, classId: string | null): Form {
  return {
    lastName: s?.lastName ?? '',
    firstName: s?.firstName ?? '',
    middleName: s?.middleName ?? '',
    birth: ruDate(s?.birthDate),
    gender: s?.gender ?? '',
    snils: s?.snils ?? '',
    classId: s ? s.classId : classId,
    address: s?.address ?? '',
    personalFileNo: s?.personalFileNo ?? '',
    guardians: (s?.guardians ?? []).map((g) => ({
      key: gkey(),
      id: g.id,
      lastName: g.lastName,
      firstName: g.firstName,
      middleName: g.middleName ?? '',
      relation: g.relation,
      phone: g.phone ?? '',
      email: g.email ?? '',
      consent: ruDate(g.pdConsentDate),
      refused: g.eServiceRefused,
    })),
  };
}

// Too long texts are named while typing; empty required fields on «Сохранить».
export function lengthProblems(f: Form): Problem[] {
  const out: Problem[] = [];
  const put = (column: string, m: string | undefined) => m && out.push({ column, message: m });
  put('lastName', tooLong(f.lastName, MAX.namePart, 'Фамилия'));
  put('firstName', tooLong(f.firstName, MAX.namePart, 'Имя'));
  put('middleName', tooLong(f.middleName, MAX.namePart, 'Отчество'));
  put('snils', tooLong(f.snils, MAX.snils, 'СНИЛС'));
  put('personalFileNo', tooLong(f.personalFileNo, MAX.personalFileNo, '№ личного дела'));
  put('address', tooLong(f.address, MAX.address, 'Адрес'));
  f.guardians.forEach((g, i) => {
    put(`guardians.${i}.lastName`, tooLong(g.lastName, MAX.namePart, 'Фамилия'));
    put(`guardians.${i}.firstName`, tooLong(g.firstName, MAX.namePart, 'Имя'));
    put(`guardians.${i}.middleName`, tooLong(g.middleName, MAX.namePart, 'Отчество'));
    put(`guardians.${i}.relation`, tooLong(g.relation, MAX.relation, 'Кем приходится'));
    put(`guardians.${i}.phone`, tooLong(g.phone, MAX.phone, 'Телефон'));
    put(`guardians.${i}.email`, tooLong(g.email, MAX.email, 'E-mail'));
  });
  return out;
}
export function requiredProblems(f: Form): Problem[] {
  const out: Problem[] = [];
  const put = (column: string, m: string | undefined) => m && out.push({ column, message: m });
  put('lastName', missing(f.lastName, 'Фамилия'));
  put('firstName', missing(f.firstName, 'Имя'));
  f.guardians.forEach((g, i) => {
    put(`guardians.${i}.lastName`, missing(g.lastName, 'Фамилия'));
    put(`guardians.${i}.firstName`, missing(g.firstName, 'Имя'));
    put(`guardians.${i}.relation`, missing(g.relation, 'Кем приходится'));
  });
  return out;
}
