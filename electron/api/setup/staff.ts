// The staff list: people, their duties at the school (R6) and what they may teach.
import { z } from 'zod';
import * as s from '../schemas';
import { change, read, view, write } from '../ops';
import type { AppRole, Gender, StaffRole } from '../enums';

export interface Staff {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  fullName: string;
  birthDate: string | null;
  gender: Gender | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
  position: string;
  roles: StaffRole[];
  deputyGrades: number[];
  subjects: string[];
  rateHours: number;
  /** The person's account in this program, if any: its role is the card's «Роль в программе». */
  account: StaffAccount | null;
}

export interface StaffAccount {
  id: string;
  /** Shown only to those who may view «Пользователи». */
  login: string | null;
  role: AppRole;
  disabled: boolean;
}

export const staffOps = {
  'staff.list': read(view('setup'), z.object({ search: s.searchText().optional() }).optional().default({})).returns<Staff[]>(),
  'staff.save': write(
    change('setup'),
    z.object({
      id: s.optionalId,
      lastName: s.required('Фамилия', 'namePart'),
      firstName: s.required('Имя', 'namePart'),
      middleName: s.optionalText('Отчество', 'namePart'),
      birthDate: s.isoDate.nullable(),
      gender: s.gender,
      snils: s.optionalText('СНИЛС', 'snils'),
      phone: s.optionalText('Телефон', 'phone'),
      email: s.optionalText('E-mail', 'email'),
      position: s.required('Должность', 'title'),
      roles: s.distinct(s.staffRole, 'Ролей', s.maxItems.staffRoles, 'Роли не должны повторяться'),
      deputyGrades: s.distinct(s.grade, 'Параллелей', s.maxItems.grades, 'Параллели не должны повторяться'),
      subjects: s.distinct(s.required('Предмет', 'title'), 'Предметов', s.maxItems.staffSubjects, 'Предметы не должны повторяться'),
      rateHours: s.num('Ставка', 0, 60, { range: 'Ставка — от 0 до 60 часов в неделю' }),
    }),
  ).returns<Staff>(),
  'staff.remove': write(change('setup'), z.object({ id: s.id })).returns<void>(),
};
