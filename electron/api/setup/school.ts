// The school's card and the first-run checklist.
import { z } from 'zod';
import * as s from '../schemas';
import { change, none, read, view, write } from '../ops';

export interface School {
  id: string;
  fullName: string;
  shortName: string;
  inn: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  directorId: string | null;
}

export interface ChecklistItem {
  key: 'school' | 'year' | 'bells' | 'subjects' | 'staff' | 'classes' | 'curriculum' | 'students';
  label: string;
  done: boolean;
  detail: string;
}

export function schoolInput() {
  return z.object({
    fullName: s.required('Полное наименование', 'schoolFullName'),
    shortName: s.required('Краткое наименование', 'schoolShortName'),
    inn: z
      .string()
      .max(20, 'ИНН — 10 или 12 цифр')
      .trim()
      .regex(/^(\d{10}|\d{12})?$/, 'ИНН — 10 или 12 цифр')
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
    address: s.optionalText('Адрес', 'address'),
    phone: s.optionalText('Телефон', 'phone'),
    email: s.optionalText('E-mail', 'email'),
    directorId: s.optionalId,
  });
}

export const schoolOps = {
  'setup.checklist': read(view('setup'), none).returns<ChecklistItem[]>(),
  'school.get': read('session', none).returns<School | null>(),
  'school.save': write(change('setup'), schoolInput()).returns<School>(),
};
