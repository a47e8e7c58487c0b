// Shared types of the spreadsheet import (pure part: reading, column recognition, validation).
import type { Gender } from '../../db/schema';

export type { ImportKind } from '../api/enums';

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
  | GuardianSlotKey
  | 'pdConsentDate'
  | 'eServiceRefused';

/** The parts of a numbered representative's columns («Представитель 1 — телефон»). */
export type GuardianSlotPart = 'Name' | 'Relation' | 'Phone' | 'Email' | 'Consent' | 'Refused';
/** A numbered representative's column: 'guardian1Name', 'guardian2Phone'… */
export type GuardianSlotKey = `guardian${number}${GuardianSlotPart}`;

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

/** The enrollment module's export (issue 12): the child's name, birth date, gender, СНИЛС and address use the students' keys. */
export type EnrollmentFieldKey =
  | 'regNumber'
  | 'appliedAt'
  | 'status'
  | 'preference'
  | 'sibling'
  | 'birthCertificate'
  | 'onTerritory'
  | 'adaptedProgramme';

export type FieldKey = StudentFieldKey | StaffFieldKey | EnrollmentFieldKey;

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

/** The relations the mother's, father's and representative's columns carry. */
export type GuardianRelation = 'мать' | 'отец' | 'законный представитель';

/**
 * A parent or legal representative from a row. Null means «the cell is empty»: a new guardian gets
 * no value, a guardian already in the school keeps theirs (an empty cell never erases).
 */
export interface GuardianDraft {
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** From the column (мать, отец) or the «кем приходится» cell as written; null when empty. */
  relation: string | null;
  /** '+7 (XXX) XXX-XX-XX' */
  phone: string | null;
  email: string | null;
  /** 'YYYY-MM-DD' */
  pdConsentDate: string | null;
  eServiceRefused: boolean | null;
  /** Russian labels of the columns this guardian's values came from, to name in messages. */
  columns: Record<'name' | 'relation' | 'phone' | 'email' | 'consent' | 'refused', string>;
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
  /** The student already in the school this row is about (same СНИЛС, or same name and birth date); null: a new one. */
  existingId: string | null;
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
  /** Students of the school, to match rows with: a matching row updates the student. */
  existingStudents: (ExistingPerson & { birthDate: string; id: string })[];
  existingStaff: ExistingPerson[];
}

export interface ValidationResult<D> {
  /** Only the rows without any error, ready to be written. */
  drafts: D[];
  /** All problems, ordered by row; several per row are possible. */
  errors: RowError[];
}
