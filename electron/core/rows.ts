// The input-to-row mappers of people, defined once (issue 9): a student, a guardian and a staff
// member as the program takes them (a card's form, a row of an imported file) → the columns of
// their table. The students' card and the students' import, the staff card and the staff import
// all write through these, so a new column is filled the same way everywhere. A student's class is
// not among them (a dated membership: students/membership.ts), nor a teacher's subjects
// (staff_qualification rows: setup/qualifications.ts).
import type { NewRow } from '../../db';
import type { Gender } from '../api/enums';

interface Name {
  lastName: string;
  firstName: string;
  middleName: string | null;
}

export interface StudentFields extends Name {
  birthDate: string;
  gender: Gender | null;
  snils: string | null;
  address: string | null;
  personalFileNo: string | null;
}

/** The fields of the student card and the import; the class and the birth certificate (from the enrollment) are not among them. */
/** A person's name as the columns hold it (students, guardians, staff, applications, their parents). */
export function nameRow(n: Name): { last_name: string; first_name: string; middle_name: string | null } {
  return { last_name: n.lastName, first_name: n.firstName, middle_name: n.middleName };
}

export function studentRow(s: StudentFields): Omit<NewRow<'student'>, 'class_id' | 'birth_certificate'> {
  return {
    last_name: s.lastName,
    first_name: s.firstName,
    middle_name: s.middleName,
    birth_date: s.birthDate,
    gender: s.gender,
    snils: s.snils,
    address: s.address,
    personal_file_no: s.personalFileNo,
  };
}

export interface GuardianFields extends Name {
  phone: string | null;
  email: string | null;
  pdConsentDate: string | null;
  /** null: not said (no). */
  eServiceRefused: boolean | null;
}

export function guardianRow(g: GuardianFields): NewRow<'guardian'> {
  return {
    last_name: g.lastName,
    first_name: g.firstName,
    middle_name: g.middleName,
    phone: g.phone,
    email: g.email,
    pd_consent_date: g.pdConsentDate,
    e_service_refused: g.eServiceRefused ? 1 : 0,
  };
}

export interface StaffFields extends Name {
  birthDate: string | null;
  gender: Gender | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
  position: string;
  roles: readonly string[];
  /** Kept only for a deputy director (sorted, each once). */
  deputyGrades: readonly number[];
  rateHours: number;
}

export function staffRow(s: StaffFields): NewRow<'staff'> {
  return {
    last_name: s.lastName,
    first_name: s.firstName,
    middle_name: s.middleName,
    birth_date: s.birthDate,
    gender: s.gender,
    snils: s.snils,
    phone: s.phone,
    email: s.email,
    position: s.position,
    roles: JSON.stringify(s.roles),
    deputy_grades: JSON.stringify(s.roles.includes('deputy') ? [...new Set(s.deputyGrades)].sort((a, b) => a - b) : []),
    rate_hours: s.rateHours,
  };
}
