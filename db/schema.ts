// The typed shape of the local SQLite store, as Kysely sees it.
// Every synced table carries SyncColumns: a UUIDv7 id, timestamps and a deletion tombstone.
// Dates are ISO strings 'YYYY-MM-DD'; timestamps are ISO 8601 UTC; booleans are 0/1.
import type { Generated } from 'kysely';
import type { PaperArchiveKind, PaperStep } from '../electron/api/enums';
import type { CalendarDayKind, CredentialHanding, CredentialRole, DebtDecision, DebtReason, DebtStatus, EnrollmentPreference, OrderKind, OrderStatus, PromotionDecision } from '../electron/api/enums';
import type { AbsenceKind, AbsenceReason, AppRole, AuditAction, DivisionMethod, Gender, GradeEditWindow, Grading, LessonChangeKind, LessonStatus, MarkTable as MarkTableName, MarkValue, PeriodKind, RoomKind, StaffRole, StudyGroupKind, UnavailableReason, WeekParity, WorkKind } from '../electron/api/enums';

// The closed sets of values: defined once, with their labels, in electron/api/enums.ts.
export type { AppRole, DivisionMethod, Gender, GradeEditWindow, PeriodKind, StaffRole, StudyGroupKind };
export type GradingScheme = Grading;

export interface SyncColumns {
  id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface SchoolTable extends SyncColumns {
  full_name: string;
  short_name: string;
  inn: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  director_id: string | null;
  /** JSON of ReportRules (electron/api/indicators.ts): the thresholds of the reports (migration 0012). */
  report_rules: string;
  /** 0 for a school without a paper journal (ББЖ, R22): the paper-copy board is off (migration 0013). */
  paper_journal: number;
}

export interface AcademicYearTable extends SyncColumns {
  name: string; // «2026/2027»
  start_date: string;
  end_date: string;
  grade_edit_window: GradeEditWindow; // R5
  is_current: number;
}

/** A quarter or half-year that applies to the parallels grade_from..grade_to (R1). */
export interface StudyPeriodTable extends SyncColumns {
  year_id: string;
  kind: PeriodKind;
  number: number;
  name: string; // «1 четверть», «2 полугодие»
  start_date: string;
  end_date: string;
  grade_from: number;
  grade_to: number;
}

export interface HolidayTable extends SyncColumns {
  year_id: string;
  name: string;
  start_date: string;
  end_date: string;
  grade_from: number;
  grade_to: number;
}

export interface BellScheduleTable extends SyncColumns {
  year_id: string;
  shift: number; // 1 or 2
  name: string;
}

export interface BellTable extends SyncColumns {
  schedule_id: string;
  lesson_no: number;
  starts_at: string; // 'HH:MM'
  ends_at: string;
}

export interface SubjectTable extends SyncColumns {
  name: string;
  short_name: string;
  no_attestation: number; // «Без аттестации», R2
  grading: GradingScheme;
  sort_order: number;
  /** The kind of room its lessons need (migration 0010); null: any room. */
  room_kind: RoomKind | null;
}

export interface RoomTable extends SyncColumns {
  number: string;
  name: string | null;
  capacity: number | null;
  kind: RoomKind; // migration 0010
}

export interface StaffTable extends SyncColumns {
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: string | null;
  gender: Gender | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
  position: string; // «Учитель», «Заместитель директора по УВР»
  roles: string; // JSON array of StaffRole
  deputy_grades: string; // JSON array of parallels a deputy director is responsible for
  rate_hours: number; // weekly hours of a full rate (ставка), 18 for teachers
}

/** A subject a staff member may teach (issue 9: by id; before migration 0006, names in staff.subjects). */
export interface StaffQualificationTable extends SyncColumns {
  staff_id: string;
  subject_id: string;
}

export interface SchoolClassTable extends SyncColumns {
  year_id: string;
  grade: number; // 1..11
  letter: string; // «А»
  shift: number;
  class_teacher_id: string | null;
  room_id: string | null;
}

export interface CurriculumItemTable extends SyncColumns {
  class_id: string;
  subject_id: string;
  hours_per_week: number;
}

/**
 * The days of a membership (migration 0005): 'YYYY-MM-DD', date_from inclusive, date_to exclusive —
 * the day of leaving, the first day not in it; null while open. On a day D the member is the row
 * with date_from <= D < date_to (or date_to null).
 */
export interface Dated {
  date_from: string;
  date_to: string | null;
}

/**
 * A student in a class from one day to another (issue 9). The class a student is in on a day is
 * the membership open that day; `student.class_id` caches the one open today and is written only
 * with a membership change (electron/core/students/membership.ts).
 */
export interface ClassMembershipTable extends SyncColumns, Dated {
  student_id: string;
  class_id: string;
  /** The order (приказ) that enrolled or moved the student in: for the coming orders table, no reference yet. */
  opened_order_id: string | null;
  /** The order that moved the student out or expelled them. */
  closed_order_id: string | null;
}

export interface StudentTable extends SyncColumns {
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: string;
  gender: Gender | null;
  snils: string | null; // normalized 'XXX-XXX-XXX YY'
  /** The class of the membership open today: a cache kept by the membership write path only. */
  class_id: string | null;
  address: string | null;
  /** The entry of the alphabetical book, e.g. «И-12»: assigned at enrollment, never reused (issue 12). */
  personal_file_no: string | null;
  birth_certificate: string | null;
}

export interface GuardianTable extends SyncColumns {
  last_name: string;
  first_name: string;
  middle_name: string | null;
  phone: string | null;
  email: string | null;
  pd_consent_date: string | null; // consent to personal-data processing (R11)
  e_service_refused: number; // refused the electronic diary: gets printed statements (R12)
}

export interface StudentGuardianTable extends SyncColumns {
  student_id: string;
  guardian_id: string;
  relation: string; // «мать», «отец», «опекун», «законный представитель»
}

export interface CorrectionRequestTable extends SyncColumns {
  reported_at: string;
  reporter: string;
  reporter_contact: string | null;
  description: string;
  due_at: string; // reported_at + 1 day (R26)
  corrected_at: string | null;
  corrected_by: string | null;
  resolution: string | null;
  reporter_notified_at: string | null;
}

/** A class divided for a subject into subgroups (R4). */
export interface ClassDivisionTable extends SyncColumns {
  class_id: string;
  subject_id: string;
  method: DivisionMethod; // how it was divided last; 'manual' after a student was moved by hand
}

export interface SubgroupTable extends SyncColumns {
  division_id: string;
  number: number; // 1..10
  name: string; // «1 подгруппа», «Мальчики»
}

/** A student in one subgroup of a division, from one day to another (at most one open row per division and student). */
export interface SubgroupMemberTable extends SyncColumns, Dated {
  division_id: string;
  subgroup_id: string;
  student_id: string;
}

/** A study group across classes: an elective, a profile group, a remedial group (R4). */
export interface StudyGroupTable extends SyncColumns {
  year_id: string;
  name: string;
  subject_id: string;
  kind: StudyGroupKind;
  hours_per_week: number;
}

/** A student in a study group, from one day to another (at most one open row per group and student). */
export interface StudyGroupMemberTable extends SyncColumns, Dated {
  group_id: string;
  student_id: string;
}

/** Тарификация (R3): a teacher teaches a subject to a whole class, one subgroup, or a study group. */
export interface TeachingAssignmentTable extends SyncColumns {
  teacher_id: string;
  subject_id: string;
  class_id: string | null; // set for a class or a subgroup
  subgroup_id: string | null;
  study_group_id: string | null; // set (and class_id null) for a study group
  hours_per_week: number;
}

/** Local-only tables (not synced). */
export interface AppUserTable {
  id: string;
  login: string;
  display_name: string;
  role: AppRole;
  deputy_grades: string;
  password_hash: string;
  must_change_password: number;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  /** The staff card this account belongs to (migration 0004); null only for an account not yet linked. */
  staff_id: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

/** The client's sync state (migration 0008, db/sync): one row, id 1. */
export interface SyncStateTable {
  id: number;
  server_url: string | null;
  school_id: string | null;
  school_name: string | null;
  client_id: string | null;
  secret: string | null;
  /** The server cursor: every version up to it is applied here. */
  cursor: number;
  /** lastMutationId of the last complete pull. */
  acked_mutation: number;
  /** The last mutation a push was answered for. */
  pushed_through: number;
  /** The number the next mutation takes (per installation, never reused). */
  next_mutation: number;
  needs_fork: number;
  last_sync_at: string | null;
  last_error: string | null;
  /** The highest mutation taken for a push: up to it one may have reached the server (never refused locally). */
  sent_through: number;
}

/** One user action: its row changes are applied or refused whole by the central server. */
export interface SyncMutationTable {
  no: number;
  at: string;
  actor: string;
  state: 'pending' | 'pushed' | 'refused'; // MUTATION_STATES in db/sync
  reason: string | null;
  /** The server version an accepted mutation got. */
  version: number | null;
  refused_at: string | null;
}

/** One row change of a mutation: insert every column, update the changed ones, delete the tombstone. */
export interface SyncChangeTable {
  mutation_no: number;
  seq: number;
  entity: string;
  entity_id: string;
  op: AuditAction;
  fields: string; // JSON
  /** The server version of the row the change was made on (null: an insert). */
  base: number | null;
}

/** The server version of an office row. */
export interface SyncRowTable {
  entity: string;
  id: string;
  version: number;
}

/** The last server state of a row with pending changes (data null: not on the server). */
export interface SyncShadowTable {
  entity: string;
  id: string;
  version: number | null;
  data: string | null;
}

/** A row set aside while a pulled row holds its unique key (it changes later in the same pull). */
export interface SyncParkedTable {
  entity: string;
  id: string;
  data: string;
}

/** One line per pulled page, push, refusal, registration: counts and versions, nothing personal. */
export interface SyncLogTable {
  seq: Generated<number>;
  at: string;
  kind: string;
  detail: string; // JSON
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: AuditAction;
  old_values: string | null; // JSON of changed fields before
  new_values: string | null; // JSON of changed fields after
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface SyncedTables {
  school: SchoolTable;
  academic_year: AcademicYearTable;
  study_period: StudyPeriodTable;
  holiday: HolidayTable;
  bell_schedule: BellScheduleTable;
  bell: BellTable;
  subject: SubjectTable;
  room: RoomTable;
  staff: StaffTable;
  staff_qualification: StaffQualificationTable;
  school_class: SchoolClassTable;
  curriculum_item: CurriculumItemTable;
  student: StudentTable;
  class_membership: ClassMembershipTable;
  guardian: GuardianTable;
  student_guardian: StudentGuardianTable;
  correction_request: CorrectionRequestTable;
  class_division: ClassDivisionTable;
  subgroup: SubgroupTable;
  subgroup_member: SubgroupMemberTable;
  study_group: StudyGroupTable;
  study_group_member: StudyGroupMemberTable;
  teaching_assignment: TeachingAssignmentTable;
  timetable: TimetableTable;
  timetable_card: TimetableCardTable;
  teacher_unavailable: TeacherUnavailableTable;
  teacher_absence: TeacherAbsenceTable;
  lesson_change: LessonChangeTable;
  enrollment_application: EnrollmentApplicationTable;
  enrollment_parent: EnrollmentParentTable;
  enrollment_pair: EnrollmentPairTable;
  school_order: SchoolOrderTable;
  order_item: OrderItemTable;
  credential_request: CredentialRequestTable;
  calendar_day: CalendarDayTable;
  statement_batch: StatementBatchTable;
  statement_copy: StatementCopyTable;
  paper_copy: PaperCopyTable;
  paper_step: PaperStepTable;
  paper_signature: PaperSignatureTable;
  paper_register_entry: PaperRegisterEntryTable;
  paper_scan: PaperScanTable;
  paper_archive: PaperArchiveTable;
  academic_debt: AcademicDebtTable;
  year_rollover: YearRolloverTable;
}

// ── Contingent (issue 12; db/migrations/0011_contingent.ts) ──

/** An application of the enrollment module («Зачисление в ОО»), as imported (R10). */
export interface EnrollmentApplicationTable extends SyncColumns {
  year_id: string;
  /** The module's registration number: a re-import matches by it. */
  reg_number: string;
  /** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM' as the file gives it. */
  applied_at: string | null;
  /** The status as the file words it. */
  status: string;
  /** The status allows enrollment. */
  enrollable: number;
  preference: EnrollmentPreference;
  /** A brother or sister already in the school (the preferential right of siblings). */
  sibling: number;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: string;
  gender: Gender | null;
  snils: string | null;
  birth_certificate: string | null;
  address: string | null;
  on_territory: number | null;
  adapted_programme: number;
  /** The parallel applied for (1 for the first grade). */
  grade: number;
  /** The class it is planned into while the classes are formed. */
  planned_class_id: string | null;
  /** The student made when the enrollment order was signed. */
  student_id: string | null;
  imported_at: string;
}

export interface EnrollmentParentTable extends SyncColumns {
  application_id: string;
  position: number;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  relation: string | null;
  phone: string | null;
  email: string | null;
  /** A parent already known to the school: linked, not duplicated. */
  guardian_id: string | null;
}

/** Two children to keep in one class (together = 1) or apart (0) when forming the classes. */
export interface EnrollmentPairTable extends SyncColumns {
  first_id: string;
  second_id: string;
  together: number;
}

/** An order (приказ) about students: a draft applies nothing; signing numbers it and applies its items. */
export interface SchoolOrderTable extends SyncColumns {
  year_id: string;
  kind: OrderKind;
  /** Per year and kind; null while a draft. */
  number: number | null;
  date: string;
  status: OrderStatus;
  title: string;
  preamble: string | null;
  /** «Основание: заявление родителя …». */
  basis: string | null;
  signed_at: string | null;
  /** A cancellation order: the order it cancels. */
  cancels_order_id: string | null;
}

/** One student (or application) of an order, and what happens to them from `effective_date`. */
export interface OrderItemTable extends SyncColumns {
  order_id: string;
  position: number;
  student_id: string | null;
  application_id: string | null;
  class_from_id: string | null;
  class_to_id: string | null;
  grade: number | null;
  effective_date: string;
  /** Arrival: the school the student comes from; departure: where to. */
  school_from: string | null;
  school_to: string | null;
  reason: string | null;
  /** A promotion or graduation order: what it decides for the student (migration 0014). */
  decision: PromotionDecision | null;
}

/** An account of the central system asked for a newcomer or a parent (R7); the 10-working-day count from `arrived_on`. */
export interface CredentialRequestTable extends SyncColumns {
  student_id: string;
  guardian_id: string | null;
  role: CredentialRole;
  arrived_on: string;
  due_on: string;
  requested_at: string;
  handed_on: string | null;
  /** The recipient as written in the register («Иванова М. П., мать»). */
  handed_to: string | null;
  handed_how: CredentialHanding | null;
  /** Who handed them over (a name). */
  handed_by: string | null;
}

/** The school's correction of the shipped production calendar for one day. */
export interface CalendarDayTable extends SyncColumns {
  date: string;
  kind: CalendarDayKind;
  note: string | null;
}

// ── Reports (issue 13; db/migrations/0012_reports.ts) ──

/** One printing of statements for parents without e-access (R12): a class's or the whole school's, for a span of dates. */
export interface StatementBatchTable extends SyncColumns {
  year_id: string;
  date_from: string;
  date_to: string;
  /** null: every class of the school. */
  class_id: string | null;
  printed_at: string;
  /** The name of who printed it, as the register shows it. */
  printed_by: string;
}

/** One child's statement of a batch, addressed to a parent; handed over on `handed_on`. */
export interface StatementCopyTable extends SyncColumns {
  batch_id: string;
  student_id: string;
  guardian_id: string | null;
  handed_on: string | null;
  /** Who took it, when not the addressee. */
  handed_to: string | null;
}

/** The login and one-time password the central issued for a request (owned by the central, pulled). */
export interface CredentialIssueTable extends SyncColumns {
  request_id: string;
  login: string;
  one_time_password: string;
  issued_at: string;
}

/** A version of the timetable (issue 11, R8): it applies from `valid_from` until the next version's date. */
export interface TimetableTable extends SyncColumns {
  year_id: string;
  name: string;
  valid_from: string;
  /** A five- or six-day week (the СанПиН limits differ). */
  days: number;
  /** The version uses odd/even weeks (cards with `weeks` odd or even). */
  fortnight: number;
  /** JSON of TimetableRules (electron/api/timetable.ts): the editable limits the warnings use. */
  rules: string;
}

/**
 * One weekly lesson of a teaching assignment in a timetable version: who, what, to whom (copied
 * from the assignment when the card was made), and where it is placed (weekday and lesson number of
 * its shift's bells; both null: not placed yet).
 */
export interface TimetableCardTable extends SyncColumns {
  timetable_id: string;
  assignment_id: string | null;
  teacher_id: string;
  subject_id: string;
  class_id: string | null;
  subgroup_id: string | null;
  study_group_id: string | null;
  shift: number;
  /** Lessons in a row it takes (a double lesson: 2). */
  duration: number;
  weeks: WeekParity;
  /** 1 = Monday … 6 = Saturday. */
  weekday: number | null;
  lesson_no: number | null;
  room_id: string | null;
  /** The generator never moves a pinned card. */
  pinned: number;
  /** The activity id of an imported .fet file, kept for the export. */
  fet_id: number | null;
}

/** A time a teacher cannot take lessons: one lesson, or the whole day (lesson_no null). */
export interface TeacherUnavailableTable extends SyncColumns {
  timetable_id: string;
  staff_id: string;
  weekday: number;
  shift: number;
  lesson_no: number | null;
  reason: UnavailableReason;
}

/** A teacher's absence for some days, both inclusive (illness, course, trip). */
export interface TeacherAbsenceTable extends SyncColumns {
  staff_id: string;
  date_from: string;
  date_to: string;
  reason: AbsenceReason;
  note: string | null;
}

/**
 * What was done to one lesson of the timetable (a placed card) on one date (R9): a substitute
 * teacher, merged subgroups (the sibling subgroup's teacher takes both), a cancellation, a move to
 * another date and lesson, another room. At most one per lesson and date.
 */
export interface LessonChangeTable extends SyncColumns {
  date: string;
  card_id: string;
  kind: LessonChangeKind;
  absence_id: string | null;
  substitute_id: string | null;
  /** The substitute teaches the lesson's subject (as it was when assigned): «равноценность замены». */
  same_subject: number | null;
  to_date: string | null;
  to_lesson_no: number | null;
  room_id: string | null;
  note: string | null;
}

/** A lesson held (or cancelled) as the central journal has it (issue 10; R9, R14). */
export interface LessonTable extends SyncColumns {
  date: string;
  lesson_no: number;
  /** The class, or with it one of its subgroups; or a study group (class_id null). */
  class_id: string | null;
  subgroup_id: string | null;
  study_group_id: string | null;
  subject_id: string;
  teacher_id: string;
  /** The substituting teacher, who kept the journal for the lesson (R9). */
  substitute_id: string | null;
  topic: string | null;
  homework: string | null;
  status: LessonStatus;
}

/** A current mark (R14): for a lesson, or for a date without one; the weight of its kind of work. */
export interface MarkTable extends SyncColumns {
  student_id: string;
  lesson_id: string | null;
  date: string;
  subject_id: string;
  value: MarkValue;
  work_kind: WorkKind;
  weight: number;
  entered_by: string | null;
  entered_at: string;
}

/** An absence or lateness at a lesson (R13). */
export interface AttendanceTable extends SyncColumns {
  lesson_id: string;
  student_id: string;
  kind: AbsenceKind;
  entered_by: string | null;
  entered_at: string;
}

/** A period mark (period_id) or the year mark (period_id null). */
export interface PeriodMarkTable extends SyncColumns {
  student_id: string;
  subject_id: string;
  year_id: string;
  period_id: string | null;
  value: MarkValue;
  entered_by: string | null;
  entered_at: string;
  /** 1: the intermediate-attestation mark (ПА, R24; period_id null) beside the year mark (migration 0014). */
  attestation: number;
}

/** One change of a mark (R15): who, when, old → new (null: none — set or removed). */
export interface MarkChangeTable extends SyncColumns {
  mark_id: string;
  mark_table: MarkTableName;
  student_id: string;
  subject_id: string;
  lesson_date: string | null;
  teacher_id: string | null;
  changed_at: string;
  old_value: MarkValue | null;
  new_value: MarkValue | null;
}

/** A teacher's account in the central journal. */
export interface JournalAccountTable extends SyncColumns {
  staff_id: string;
  login: string;
  active: number;
  last_login_at: string | null;
}

/** The central system's tables: pulled by sync, read-only here (owner `central` in the registry). */
export interface JournalTables {
  lesson: LessonTable;
  mark: MarkTable;
  attendance: AttendanceTable;
  period_mark: PeriodMarkTable;
  mark_change: MarkChangeTable;
  journal_account: JournalAccountTable;
  credential_issue: CredentialIssueTable;
}
export type JournalTable = keyof JournalTables;
export type JournalRow<T extends JournalTable> = JournalTables[T];

export interface Database extends SyncedTables, JournalTables {
  setting: SettingTable;
  app_user: AppUserTable;
  sync_state: SyncStateTable;
  sync_mutation: SyncMutationTable;
  sync_change: SyncChangeTable;
  sync_row: SyncRowTable;
  sync_shadow: SyncShadowTable;
  sync_parked: SyncParkedTable;
  sync_log: SyncLogTable;
  audit_log: AuditLogTable;
  schema_migration: SchemaMigrationTable;
}

export type SyncedTable = keyof SyncedTables;
/** A row of a synced table without the columns the write path fills in. */
export type NewRow<T extends SyncedTable> = Omit<SyncedTables[T], keyof SyncColumns> & { id?: string };
export type Row<T extends SyncedTable> = SyncedTables[T];

// ── Paper copies and the archive (issue 14; db/migrations/0013_paper_copies.ts) ──

/** A class's paper copy of the journal for a study period, as printed (R21). */
export interface PaperCopyTable extends SyncColumns {
  class_id: string;
  period_id: string;
  /** The short identifier printed on every sheet. */
  code: string;
  /** SHA-256 (hex) of the canonical data the copy was made from. */
  digest: string;
  /** JSON: item key → short hash of its printed content, to name what changed since. */
  fingerprint: string;
  sheets: number;
  printed_at: string;
  printed_by: string;
}

/** A step done on the board for a class and period (R21 days 1–5, `001 §5.2`). */
export interface PaperStepTable extends SyncColumns {
  class_id: string;
  period_id: string;
  step: PaperStep;
  /** The moment the step was recorded as done. */
  done_at: string;
  /** Who recorded it («Фамилия И. О.» of the account). */
  done_by: string;
  note: string | null;
}

/** A subject teacher's signature of the subject's sheets of a class's copy (day 3). */
export interface PaperSignatureTable extends SyncColumns {
  class_id: string;
  period_id: string;
  subject_id: string;
  teacher_id: string;
  signed_on: string;
  recorded_by: string;
}

/** An entry of the register of paper copies («реестр бумажных копий»): never changed, only corrected by a new one. */
export interface PaperRegisterEntryTable extends SyncColumns {
  number: number;
  received_on: string;
  class_id: string;
  period_id: string;
  copy_id: string | null;
  sheets: number;
  handed_by: string;
  received_by: string;
  /** The entry this one corrects. */
  corrects_id: string | null;
  note: string | null;
  /** The previous entry's digest ('' for the first): the chain. */
  prev_digest: string;
  /** SHA-256 (hex) of this entry's fields and prev_digest. */
  digest: string;
  recorded_at: string;
  recorded_by: string;
}

/** A scan of a signed copy attached to a register entry (local: never synced). */
export interface PaperScanTable {
  id: string;
  entry_id: string;
  file_name: string;
  mime: string;
  size: number;
  digest: string;
  content: Uint8Array;
  added_at: string;
  added_by: string;
}

/** An archive file built for a period or the year (R22). */
export interface PaperArchiveTable extends SyncColumns {
  kind: PaperArchiveKind;
  year_id: string;
  period_id: string | null;
  file_name: string;
  size: number;
  digest: string;
  built_at: string;
  built_by: string;
}

// ── The year end and the new year (issue 15; db/migrations/0014_year_end.ts) ──

/** A student's academic debt in a subject (R24; 273-ФЗ art. 58): two retakes, the second before a commission. */
export interface AcademicDebtTable extends SyncColumns {
  student_id: string;
  subject_id: string;
  year_id: string;
  reason: DebtReason;
  recorded_on: string;
  first_retake_on: string | null;
  first_result: MarkValue | null;
  second_retake_on: string | null;
  second_result: MarkValue | null;
  /** JSON array of staff ids, the chair first. */
  commission: string;
  status: DebtStatus;
  decision: DebtDecision | null;
  decided_on: string | null;
  note: string | null;
}

/** A rollover done from one academic year to the next: once per year (the unique `from_year_id`). */
export interface YearRolloverTable extends SyncColumns {
  from_year_id: string;
  to_year_id: string;
  done_at: string;
  done_by: string;
  /** JSON of what it created (counts per kind), for the result page and the second run's report. */
  summary: string;
  backup_file: string | null;
}
