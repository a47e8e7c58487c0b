// Shared types of the spreadsheet import (pure part: reading, column recognition, validation).
import type { Gender } from '../../db/schema';

export type ImportKind = 'students' | 'staff';

/** A sheet as read from a file: header texts and the non-empty data rows below the header row. */
export interface SheetData {
  headers: string[];
  /** Cell texts; every row is padded to headers.length. */
  rows: string[][];
  /** rowNumbers[i] is the real spreadsheet row number (1-based) of rows[i]; empty rows are skipped. */
  rowNumbers: number[];
  /** Real spreadsheet row number of the header row (usually 1; later when the sheet starts with a title). */
  headerRowNumber: number;
}

export type StudentFieldKey =
  | 'fullName'
  | 'lastName'
  | 'firstName'
  | 'middleName'
  | 'birthDate'
  | 'gender'
  | 'snils'
  | 'className'
  | 'address'
  | 'personalFileNo'
  | 'motherName'
  | 'motherPhone'
  | 'motherEmail'
  | 'fatherName'
  | 'fatherPhone'
  | 'fatherEmail'
  | 'guardianName'
  | 'guardianPhone'
  | 'guardianEmail'
  | 'pdConsentDate'
  | 'eServiceRefused';

export type StaffFieldKey =
  | 'fullName'
  | 'lastName'
  | 'firstName'
  | 'middleName'
  | 'birthDate'
  | 'gender'
  | 'snils'
  | 'phone'
  | 'email'
  | 'position'
  | 'subjects'
  | 'rateHours';

export type FieldKey = StudentFieldKey | StaffFieldKey;

export interface FieldDef {
  key: FieldKey;
  /** Russian label, also used as RowError.column. */
  label: string;
  required: boolean;
  /** For 'fullName': the fields it fills in when mapped (so the separate name columns may be absent). */
  replaces?: FieldKey[];
}

/** Column index per field key (null = not in the file). */
export type ColumnMapping = Record<string, number | null>;

export interface RowError {
  /** Real spreadsheet row number. */
  row: number;
  /** Russian field label, e.g. «Дата рождения». */
  column: string;
  /** Russian message naming the problem and the offending value. */
  message: string;
}

export type GuardianRelation = 'мать' | 'отец' | 'законный представитель';

export interface GuardianDraft {
  lastName: string;
  firstName: string;
  middleName: string | null;
  relation: GuardianRelation;
  /** '+7 (XXX) XXX-XX-XX' */
  phone: string | null;
  email: string | null;
  /** 'YYYY-MM-DD' */
  pdConsentDate: string | null;
  eServiceRefused: boolean;
}

export interface StudentDraft {
  row: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  gender: Gender | null;
  /** 'XXX-XXX-XXX YY' */
  snils: string | null;
  grade: number;
  letter: string;
  address: string | null;
  personalFileNo: string | null;
  guardians: GuardianDraft[];
}

export interface StaffDraft {
  row: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  gender: Gender | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
  /** Defaults to «Учитель». */
  position: string;
  subjects: string[];
  /** Weekly hours of a full rate; defaults to 18. */
  rateHours: number;
}

export interface ExistingPerson {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  snils: string | null;
}

export interface ValidationContext {
  /** 'YYYY-MM-DD' */
  today: string;
  /** Classes of the current academic year. */
  classes: { grade: number; letter: string }[];
  existingStudents: (ExistingPerson & { birthDate: string })[];
  existingStaff: ExistingPerson[];
}

export interface ValidationResult<D> {
  /** Only the rows without any error, ready to be written. */
  drafts: D[];
  /** All problems, ordered by row; several per row are possible. */
  errors: RowError[];
}
