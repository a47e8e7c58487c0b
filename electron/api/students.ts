// The contingent: students and their parents or guardians.
import { z } from 'zod';
import * as s from './schemas';
import { change, read, view, write } from './ops';
import type { Page } from './common';
import { studentSorts, type Gender } from './enums';

export interface StudentRow {
  id: string;
  fullName: string;
  birthDate: string;
  gender: Gender | null;
  className: string | null;
  classId: string | null;
  snils: string | null;
  guardians: string; // «Иванова Мария Петровна (мать)»
  eServiceRefused: boolean;
}

export interface GuardianDetails {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  relation: string;
  phone: string | null;
  email: string | null;
  pdConsentDate: string | null;
  eServiceRefused: boolean;
}

export interface StudentDetails {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  gender: Gender | null;
  snils: string | null;
  classId: string | null;
  className: string | null;
  /** Since when the student is in that class (issue 9: the open membership's first day). */
  classSince: string | null;
  address: string | null;
  personalFileNo: string | null;
  guardians: GuardianDetails[];
}

/** One student of a class on a day (issue 9: dated memberships): since when, and until when if they left. */
export interface RosterEntry {
  studentId: string;
  fullName: string;
  /** The membership's first day and the day of leaving (null: still in the class). */
  dateFrom: string;
  dateTo: string | null;
}

/** The order of the students' list (and of its export). */
export const studentSort = z.enum(studentSorts.values);

export const studentsOps = {
  'students.list': read(
    view('contingent'),
    z.object({
      search: s.searchText().optional(),
      classId: s.optionalId,
      grade: s.grade.optional(),
      sort: studentSort.default('name'),
      desc: z.boolean().default(false),
      offset: s.int('Начиная с ученика', 0, 1_000_000_000).default(0),
      limit: s.int('Учеников на странице', 1, 10000).default(200),
    }),
  ).returns<Page<StudentRow>>(),
  'students.get': read(view('contingent'), z.object({ id: s.id })).returns<StudentDetails>(),
  /** Who was in a class on a day (the class list as it stood then: movement, term reports, paper copies). */
  'students.rosterOn': read(view('contingent'), z.object({ classId: s.id, date: s.isoDate })).returns<RosterEntry[]>(),
  'students.save': write(
    change('contingent'),
    z.object({
      id: s.optionalId,
      lastName: s.required('Фамилия', 'namePart'),
      firstName: s.required('Имя', 'namePart'),
      middleName: s.optionalText('Отчество', 'namePart'),
      birthDate: s.isoDate,
      gender: s.gender,
      snils: s.optionalText('СНИЛС', 'snils'),
      classId: s.optionalId,
      /**
       * Issue 9: the day the student is in this class from — the day of the move (перевода) when the
       * class changes, of enrollment for a new student; today when not given. Ignored when the class stays.
       */
      classFrom: s.isoDate.optional(),
      address: s.optionalText('Адрес', 'address'),
      personalFileNo: s.optionalText('№ личного дела', 'personalFileNo'),
      guardians: s.list(
        z.object({
          id: s.optionalId,
          lastName: s.required('Фамилия представителя', 'namePart'),
          firstName: s.required('Имя представителя', 'namePart'),
          middleName: s.optionalText('Отчество представителя', 'namePart'),
          relation: s.required('Кем приходится', 'relation'),
          phone: s.optionalText('Телефон', 'phone'),
          email: s.optionalText('E-mail', 'email'),
          pdConsentDate: s.isoDate.nullable(),
          eServiceRefused: s.flag('Отказ от электронного дневника'),
        }),
        'Представителей',
        s.maxItems.guardians,
      ),
    }),
  ).returns<StudentDetails>(),
  'students.remove': write(change('contingent'), z.object({ id: s.id })).returns<void>(),
};
