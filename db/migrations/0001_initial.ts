import type { Migration } from './types';

// Every synced table: UUIDv7 id, timestamps, deletion tombstone (deleted_at). No hard deletes.
const sync = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 1,
  name: 'initial setup tables, outbox and audit log',
  up: (db) => {
    db.exec(`
CREATE TABLE school (${sync},
  full_name TEXT NOT NULL, short_name TEXT NOT NULL, inn TEXT, address TEXT, phone TEXT, email TEXT,
  director_id TEXT);

CREATE TABLE academic_year (${sync},
  name TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL,
  grade_edit_window TEXT NOT NULL DEFAULT '2w' CHECK (grade_edit_window IN ('never','1w','2w','3w','1m')),
  is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0,1)),
  CHECK (start_date < end_date));

CREATE TABLE study_period (${sync},
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  kind TEXT NOT NULL CHECK (kind IN ('quarter','half')),
  number INTEGER NOT NULL, name TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL,
  grade_from INTEGER NOT NULL CHECK (grade_from BETWEEN 1 AND 11),
  grade_to INTEGER NOT NULL CHECK (grade_to BETWEEN 1 AND 11),
  CHECK (start_date <= end_date), CHECK (grade_from <= grade_to));
CREATE INDEX study_period_year ON study_period(year_id);

CREATE TABLE holiday (${sync},
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  name TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL,
  grade_from INTEGER NOT NULL DEFAULT 1, grade_to INTEGER NOT NULL DEFAULT 11,
  CHECK (start_date <= end_date));
CREATE INDEX holiday_year ON holiday(year_id);

CREATE TABLE bell_schedule (${sync},
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  shift INTEGER NOT NULL CHECK (shift IN (1,2,3)), name TEXT NOT NULL);

CREATE TABLE bell (${sync},
  schedule_id TEXT NOT NULL REFERENCES bell_schedule(id),
  lesson_no INTEGER NOT NULL CHECK (lesson_no BETWEEN 0 AND 12),
  starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
  CHECK (starts_at < ends_at));
CREATE INDEX bell_schedule_idx ON bell(schedule_id);

CREATE TABLE subject (${sync},
  name TEXT NOT NULL, short_name TEXT NOT NULL,
  no_attestation INTEGER NOT NULL DEFAULT 0 CHECK (no_attestation IN (0,1)),
  grading TEXT NOT NULL DEFAULT 'five_point' CHECK (grading IN ('five_point','pass_fail','none')),
  sort_order INTEGER NOT NULL DEFAULT 0);

CREATE TABLE room (${sync}, number TEXT NOT NULL, name TEXT, capacity INTEGER);

CREATE TABLE staff (${sync},
  last_name TEXT NOT NULL, first_name TEXT NOT NULL, middle_name TEXT, birth_date TEXT,
  gender TEXT CHECK (gender IN ('m','f')), snils TEXT, phone TEXT, email TEXT,
  position TEXT NOT NULL, roles TEXT NOT NULL DEFAULT '[]', deputy_grades TEXT NOT NULL DEFAULT '[]',
  subjects TEXT NOT NULL DEFAULT '[]', rate_hours REAL NOT NULL DEFAULT 18);
CREATE INDEX staff_name ON staff(last_name, first_name);

CREATE TABLE school_class (${sync},
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
  letter TEXT NOT NULL,
  shift INTEGER NOT NULL DEFAULT 1 CHECK (shift IN (1,2,3)),
  class_teacher_id TEXT REFERENCES staff(id),
  room_id TEXT REFERENCES room(id));
CREATE UNIQUE INDEX school_class_unique ON school_class(year_id, grade, letter) WHERE deleted_at IS NULL;

CREATE TABLE curriculum_item (${sync},
  class_id TEXT NOT NULL REFERENCES school_class(id),
  subject_id TEXT NOT NULL REFERENCES subject(id),
  hours_per_week REAL NOT NULL CHECK (hours_per_week >= 0 AND hours_per_week <= 40));
CREATE UNIQUE INDEX curriculum_unique ON curriculum_item(class_id, subject_id) WHERE deleted_at IS NULL;

CREATE TABLE student (${sync},
  last_name TEXT NOT NULL, first_name TEXT NOT NULL, middle_name TEXT, birth_date TEXT NOT NULL,
  gender TEXT CHECK (gender IN ('m','f')), snils TEXT,
  class_id TEXT REFERENCES school_class(id), address TEXT, personal_file_no TEXT);
CREATE INDEX student_class ON student(class_id);
CREATE INDEX student_name ON student(last_name, first_name, middle_name);
CREATE UNIQUE INDEX student_snils ON student(snils) WHERE snils IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE guardian (${sync},
  last_name TEXT NOT NULL, first_name TEXT NOT NULL, middle_name TEXT, phone TEXT, email TEXT,
  pd_consent_date TEXT, e_service_refused INTEGER NOT NULL DEFAULT 0 CHECK (e_service_refused IN (0,1)));

CREATE TABLE student_guardian (${sync},
  student_id TEXT NOT NULL REFERENCES student(id),
  guardian_id TEXT NOT NULL REFERENCES guardian(id),
  relation TEXT NOT NULL);
CREATE INDEX student_guardian_student ON student_guardian(student_id);
CREATE INDEX student_guardian_guardian ON student_guardian(guardian_id);

CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL, entity_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  payload TEXT NOT NULL, created_at TEXT NOT NULL, pushed_at TEXT);
CREATE INDEX outbox_unpushed ON outbox(seq) WHERE pushed_at IS NULL;

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL, actor TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('insert','update','delete')),
  old_values TEXT, new_values TEXT);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_at ON audit_log(at);
`);
  },
};
