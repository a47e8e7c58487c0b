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
  /** The staff card the account belongs to; null for an account not yet linked (made before 0004). */
  staffId: string | null;
  /** The card's position, to tell people of the same name apart. */
  position: string | null;
  /** The card was removed from the staff list: the account cannot be enabled again. */
  staffRemoved: boolean;
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
  /** What happened when it is an event rather than changed fields: «Вход в программу», «Запись удалена». */
  event?: string;
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
  /** How an encrypted backup opens: with its password, or with this computer's key (automatic backups in the desktop app). */
  encryptedBy?: 'password' | 'key';
  /** The database the backup is of: its identity and school (absent in earlier versions' backups, and unknown for an encrypted one not yet opened). */
  database?: { id: string | null; school: string | null };
  /** Whose data, seen from the open database: its own, another database's, or not known until the password is entered. */
  origin?: 'this' | 'other' | 'unknown';
}

export interface BackupStatus {
  dir: string;
  /** The program's private data folder: a backup outside it (a USB stick) is encrypted unless the administrator declines. */
  dataDir: string;
  /** Automatic backups are encrypted with a key kept by the operating system (the desktop app, where it can). */
  keyEncryption: boolean;
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
  /** Students: what the file would change, row by row (only the rows without errors). */
  students?: ImportStudentChanges;
}
export interface ImportResult {
  imported: number;
  guardians?: number;
  /** Imported students who joined a class divided into subgroups: ask where to put them ('subgroups.pending'). */
  placementsPending?: number;
  /** Students already in the school whose data the file changed, and what changed. */
  updated?: number;
  changes?: ImportStudentUpdate[];
  /** Rows about students already in the school with nothing to change. */
  unchanged?: number;
}
/** One field a file changes, as the program shows it: «Класс: 7Б → 8Б». */
export interface ImportFieldChange {
  field: string;
  old: string | null;
  new: string | null;
}
/** A student already in the school whom a row of the file changes. */
export interface ImportStudentUpdate {
  row: number;
  studentId: string;
  /** «Абрамов Николай Алексеевич» */
  name: string;
  className: string | null;
  changes: ImportFieldChange[];
}
/** A student the file adds. */
export interface ImportStudentNew {
  row: number;
  name: string;
  className: string;
  guardians: number;
}
/** What a student file would do: add these, change those (field by field), leave the rest as they are. */
export interface ImportStudentChanges {
  added: ImportStudentNew[];
  updated: ImportStudentUpdate[];
  unchanged: number;
}

export interface ExportedFile {
  fileName: string;
  data: string; // base64
  rows: number;
}

// ── Groups and workload (R3, R4) ─────────────────────────────────────────────────────────────

/** How a class is divided for a subject; 'manual' once a student was moved by hand. */
export type DivisionMethod = 'balanced' | 'alphabet' | 'gender' | 'copy' | 'manual';
/** How 'subgroups.split' divides: sizes differing by at most one (keeping who was where), by the
 *  alphabet in consecutive parts, boys and girls, or the same as another subject's division. */
export type SplitBy = 'balanced' | 'alphabet' | 'gender' | 'copy';
export type StudyGroupKind = 'elective' | 'profile' | 'remedial' | 'other';

export interface StudentRef {
  id: string;
  fullName: string;
  gender: Gender | null;
}

export interface TeacherHours {
  teacherId: string;
  fullName: string;
  hours: number;
}

export interface Subgroup {
  id: string;
  number: number;
  name: string; // «1 подгруппа», «Мальчики»
  /** Teachers with their weekly hours: assignments of this subgroup and of the whole class for the subject. */
  teachers: TeacherHours[];
  /** The subgroup's teacher when there is exactly one, else null. */
  teacherId: string | null;
  teacherName: string | null;
  members: StudentRef[]; // in alphabetical order
}

export interface Division {
  id: string;
  classId: string;
  className: string;
  subjectId: string;
  subjectName: string;
  method: DivisionMethod;
  subgroups: Subgroup[];
  /** Students of the class in no subgroup of this division (newcomers): see 'subgroups.pending'. */
  unplaced: StudentRef[];
}

export interface ClassSubjectDivision {
  subjectId: string;
  subjectName: string;
  /** Weekly hours in the class's curriculum; 0 when the subject is divided but not in the curriculum. */
  hoursPerWeek: number;
  division: Division | null;
  /** What the division rule says for this class and subject, or null when it is not divided by the rule. */
  rule: { parts: number; by: 'balanced' | 'alphabet' | 'gender' } | null;
}

export interface ClassSubgroups {
  classId: string;
  className: string;
  studentCount: number;
  subjects: ClassSubjectDivision[];
}

/** One line of the division rule: which subject is divided, in which grades, from what class size. */
export interface DivisionRuleItem {
  subjectId: string;
  subjectName: string;
  gradeFrom: number;
  gradeTo: number;
  minStudents: number;
  parts: number;
  by: 'balanced' | 'alphabet' | 'gender';
}

export interface GroupsRule {
  items: DivisionRuleItem[];
  /** No teacher may have more weekly hours than this (validation 'teacher_over_max'). */
  maxTeacherHours: number;
  /** Weekly teaching hours of one rate (ставка) for staff whose main post is not a teacher's. */
  teachingNormHours: number;
  /** True until the rule is saved: the items are the default for the school's subjects. */
  isDefault: boolean;
}

export interface SplitAllResult {
  divided: number; // divisions created or re-divided
  kept: number; // already divided, left as they were
  classes: number; // classes touched
}

export interface PendingPlacement {
  studentId: string;
  studentName: string;
  gender: Gender | null;
  classId: string;
  className: string;
  divisionId: string;
  subjectId: string;
  subjectName: string;
  subgroups: { id: string; number: number; name: string; size: number }[];
  /** The smallest subgroup (for a division by gender: the student's own). */
  suggestedSubgroupId: string;
  suggestedSubgroupName: string;
}

export interface StudyGroup {
  id: string;
  name: string;
  kind: StudyGroupKind;
  kindLabel: string; // «Элективный курс»
  subjectId: string;
  subjectName: string;
  hoursPerWeek: number;
  teachers: TeacherHours[];
  teacherId: string | null;
  teacherName: string | null;
  memberCount: number;
  classNames: string[]; // classes the members come from: «10А», «10Б»
}

export interface StudyGroupDetails extends StudyGroup {
  members: (StudentRef & { classId: string | null; className: string | null })[];
}

export type AssignmentTarget = 'class' | 'subgroup' | 'group';

export interface Assignment {
  id: string;
  teacherId: string;
  teacherName: string;
  subjectId: string;
  subjectName: string;
  target: AssignmentTarget;
  classId: string | null;
  className: string | null;
  subgroupId: string | null;
  subgroupName: string | null;
  studyGroupId: string | null;
  studyGroupName: string | null;
  /** «5А», «5А, 1 подгруппа», «Учебная группа «…»». */
  label: string;
  hoursPerWeek: number;
}

export interface FromCurriculumResult {
  created: number;
  hours: number;
  /** What no qualified teacher could take (no staff member lists the subject). */
  unassigned: { label: string; subjectName: string; hours: number }[];
}

export interface TeacherWorkload {
  teacherId: string;
  fullName: string;
  position: string;
  /** Weekly hours of one rate (ставка) for this person's teaching. */
  normHours: number;
  maxHours: number;
  totalHours: number;
  /** totalHours / normHours, two decimals. */
  rates: number;
  overMax: boolean;
  /** One line per subject: «5А, 5Б, 7А (1 подгруппа)» and the hours. */
  subjects: { subjectId: string; subjectName: string; classes: string; hours: number }[];
  assignments: Assignment[];
}

export interface CoveragePart {
  /** null: the whole class. */
  subgroupId: string | null;
  label: string; // «весь класс», «1 подгруппа»
  teachers: TeacherHours[];
  assignedHours: number;
  /** planHours − assignedHours: > 0 uncovered, < 0 too many. */
  missingHours: number;
}

export interface ClassCoverage {
  classId: string;
  className: string;
  planHours: number;
  /** True when every curriculum hour of every part has a teacher and nothing is over. */
  complete: boolean;
  subjects: { subjectId: string; subjectName: string; planHours: number; divided: boolean; parts: CoveragePart[]; complete: boolean }[];
}

export type ProblemCode =
  | 'student_not_in_subgroup'
  | 'member_not_in_class'
  | 'subgroup_empty'
  | 'subgroup_no_teacher'
  | 'class_no_teacher'
  | 'hours_short'
  | 'hours_excess'
  | 'not_in_curriculum'
  | 'division_not_in_curriculum'
  | 'should_divide'
  | 'group_no_teacher'
  | 'group_empty'
  | 'teacher_over_max'
  | 'teacher_not_qualified'
  | 'teacher_removed';

export interface SetupProblem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  /** Russian, self-contained: names the class («5А»), subject, subgroup or group, and people by ФИО. */
  message: string;
  classId?: string;
  subjectId?: string;
  subgroupId?: string;
  studyGroupId?: string;
  teacherId?: string;
  studentId?: string;
}

export interface ValidationResult {
  problems: SetupProblem[];
  errors: number;
  warnings: number;
}

export type { z };
