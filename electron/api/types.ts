// Results of API operations, as the renderer sees them (camelCase, booleans as booleans).
import type { z } from 'zod';

export type GradeEditWindow = 'never' | '1w' | '2w' | '3w' | '1m';
export type Grading = 'five_point' | 'pass_fail' | 'none';
export type Gender = 'm' | 'f';
export type StaffRole = 'director' | 'deputy' | 'sysadmin' | 'secretary' | 'teacher';

export interface AppInfo {
  version: string;
  dbPath: string;
  schemaVersion: number;
  host: 'electron' | 'web' | 'test' | 'cli';
  hasSchool: boolean;
  /** The school's short name, for the login screen (before anyone logged in); null without a school. */
  schoolName: string | null;
  today: string;
}

export type AppRole = 'sysadmin' | 'secretary' | 'deputy' | 'director';

export interface DemoResult {
  students: number;
  classes: number;
  staff: number;
  ms: number;
  /** One user per role with a one-time password (must be changed at first login). */
  users: { login: string; role: AppRole; password: string }[];
}

export interface SessionUser {
  id: string;
  login: string;
  displayName: string;
  role: AppRole;
  deputyGrades: number[];
  mustChangePassword: boolean;
  /** What this role may do, per area of the app. */
  access: Record<string, 'none' | 'view' | 'change'>;
}

export interface AuthStatus {
  hasUsers: boolean;
  user: SessionUser | null;
  locked: boolean;
  autoLockMinutes: number;
}

export interface AppUser {
  id: string;
  login: string;
  displayName: string;
  role: AppRole;
  deputyGrades: number[];
  mustChangePassword: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

export interface UserSaved {
  user: AppUser;
  /** Set when a new user was created: the one-time password to hand over. */
  password: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  entity: string;
  entityLabel: string;
  entityId: string;
  action: 'insert' | 'update' | 'delete';
  changes: { field: string; old: unknown; new: unknown }[];
}

/** What the audit log holds, for the filters of its screen: logins and kinds of records. */
export interface AuditFacets {
  actors: string[];
  entities: { entity: string; title: string }[];
}

export interface CorrectionRequest {
  id: string;
  reportedAt: string;
  reporter: string;
  reporterContact: string | null;
  description: string;
  dueAt: string;
  correctedAt: string | null;
  correctedBy: string | null;
  resolution: string | null;
  reporterNotifiedAt: string | null;
  overdue: boolean;
}

export interface AppSettings {
  autoLockMinutes: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
  backupIntervalHours: number;
  backupKeep: number;
  backupDir: string;
}

export interface BackupInfo {
  file: string;
  createdAt: string;
  reason: string;
  encrypted: boolean;
  sizeBytes: number;
  schemaVersion: number;
  appVersion: string;
  counts: { students: number; staff: number; classes: number; users: number };
}

export interface BackupStatus {
  dir: string;
  lastBackupAt: string | null;
  nextBackupAt: string | null;
  backups: BackupInfo[];
}

export interface RestoreResult {
  restored: BackupInfo;
  /** The backup of the state before the restore. */
  safetyBackup: BackupInfo;
}

export interface ChecklistItem {
  key: 'school' | 'year' | 'bells' | 'subjects' | 'staff' | 'classes' | 'curriculum' | 'students';
  label: string;
  done: boolean;
  detail: string;
}

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

export interface StudyPeriodInput {
  kind: 'quarter' | 'half';
  number: number;
  name: string;
  startDate: string;
  endDate: string;
  gradeFrom: number;
  gradeTo: number;
}
export interface HolidayInput {
  name: string;
  startDate: string;
  endDate: string;
  gradeFrom: number;
  gradeTo: number;
}
export interface YearInput {
  id?: string | null;
  name: string;
  startDate: string;
  endDate: string;
  gradeEditWindow: GradeEditWindow;
  isCurrent: boolean;
  periods: StudyPeriodInput[];
  holidays: HolidayInput[];
}
export interface YearDetails extends YearInput {
  id: string;
  periods: (StudyPeriodInput & { id: string })[];
  holidays: (HolidayInput & { id: string })[];
}

export interface BellInput {
  lessonNo: number;
  startsAt: string;
  endsAt: string;
}
export interface BellScheduleDetails {
  id: string;
  yearId: string;
  shift: number;
  name: string;
  bells: (BellInput & { id: string })[];
}

export interface Subject {
  id: string;
  name: string;
  shortName: string;
  noAttestation: boolean;
  grading: Grading;
  sortOrder: number;
}

export interface Room {
  id: string;
  number: string;
  name: string | null;
  capacity: number | null;
}

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
}

export interface SchoolClass {
  id: string;
  grade: number;
  letter: string;
  name: string; // «5А»
  shift: number;
  classTeacherId: string | null;
  classTeacherName: string | null;
  roomId: string | null;
  roomNumber: string | null;
  studentCount: number;
  weeklyHours: number;
}

export interface CurriculumGrid {
  classes: { id: string; name: string; grade: number; maxWeekly: number }[];
  subjects: { id: string; name: string; shortName: string }[];
  cells: { classId: string; subjectId: string; hours: number }[];
}

export interface Page<R> {
  total: number;
  rows: R[];
}

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
  address: string | null;
  personalFileNo: string | null;
  guardians: GuardianDetails[];
}

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
}
export interface ImportPreview {
  fileName: string;
  headers: string[];
  fields: ImportField[];
  mapping: Record<string, number | null>;
  totalRows: number;
  validRows: number;
  sample: string[][]; // the first rows as read, for the mapping step
  errors: { row: number; column: string; message: string }[];
}
export interface ImportResult {
  imported: number;
  guardians?: number;
}

export interface ExportedFile {
  fileName: string;
  data: string; // base64
  rows: number;
}

export type { z };
