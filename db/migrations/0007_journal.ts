import type { Migration } from './types';

const sync = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

const MARKS = "'5','4','3','2','1','na','exempt','pass','fail'";

/**
 * Issue 10: the journal data teachers enter in the central journal (R13–R15). Owned by the central
 * system: sync brings its rows here and the app never changes them (no outbox, no audit lines: the
 * sync log has a line per pulled page). The ids are the central's.
 */
export const migration: Migration = {
  version: 7,
  name: 'journal data from the central system',
  up: (db) => {
    db.exec(`
CREATE TABLE lesson (${sync},
  date TEXT NOT NULL, lesson_no INTEGER NOT NULL CHECK (lesson_no BETWEEN 0 AND 12),
  class_id TEXT REFERENCES school_class(id),
  subgroup_id TEXT REFERENCES subgroup(id),
  study_group_id TEXT REFERENCES study_group(id),
  subject_id TEXT NOT NULL REFERENCES subject(id),
  teacher_id TEXT NOT NULL REFERENCES staff(id),
  substitute_id TEXT REFERENCES staff(id),
  topic TEXT, homework TEXT,
  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held','cancelled')),
  CHECK ((class_id IS NULL) <> (study_group_id IS NULL)));
CREATE INDEX lesson_class ON lesson(class_id, subject_id, date);
CREATE INDEX lesson_group ON lesson(study_group_id, date);
CREATE INDEX lesson_teacher ON lesson(teacher_id, date);

CREATE TABLE mark (${sync},
  student_id TEXT NOT NULL REFERENCES student(id),
  lesson_id TEXT REFERENCES lesson(id),
  date TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subject(id),
  value TEXT NOT NULL CHECK (value IN (${MARKS})),
  work_kind TEXT NOT NULL CHECK (work_kind IN ('answer','classwork','homework','independent','dictation','test','lab','essay')),
  weight REAL NOT NULL CHECK (weight > 0 AND weight <= 10),
  entered_by TEXT REFERENCES staff(id),
  entered_at TEXT NOT NULL);
CREATE INDEX mark_lesson ON mark(lesson_id);
CREATE INDEX mark_student ON mark(student_id, subject_id, date);

CREATE TABLE attendance (${sync},
  lesson_id TEXT NOT NULL REFERENCES lesson(id),
  student_id TEXT NOT NULL REFERENCES student(id),
  kind TEXT NOT NULL CHECK (kind IN ('sick','excused','unexcused','late')),
  entered_by TEXT REFERENCES staff(id),
  entered_at TEXT NOT NULL);
CREATE INDEX attendance_lesson ON attendance(lesson_id);
CREATE INDEX attendance_student ON attendance(student_id);

CREATE TABLE period_mark (${sync},
  student_id TEXT NOT NULL REFERENCES student(id),
  subject_id TEXT NOT NULL REFERENCES subject(id),
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  period_id TEXT REFERENCES study_period(id),
  value TEXT NOT NULL CHECK (value IN (${MARKS})),
  entered_by TEXT REFERENCES staff(id),
  entered_at TEXT NOT NULL);
CREATE INDEX period_mark_student ON period_mark(student_id, subject_id);
CREATE INDEX period_mark_period ON period_mark(period_id);

CREATE TABLE mark_change (${sync},
  mark_id TEXT NOT NULL,
  mark_table TEXT NOT NULL CHECK (mark_table IN ('mark','period_mark')),
  student_id TEXT NOT NULL REFERENCES student(id),
  subject_id TEXT NOT NULL REFERENCES subject(id),
  lesson_date TEXT,
  teacher_id TEXT REFERENCES staff(id),
  changed_at TEXT NOT NULL,
  old_value TEXT CHECK (old_value IN (${MARKS})),
  new_value TEXT CHECK (new_value IN (${MARKS})));
CREATE INDEX mark_change_at ON mark_change(changed_at);
CREATE INDEX mark_change_student ON mark_change(student_id);

CREATE TABLE journal_account (${sync},
  staff_id TEXT NOT NULL REFERENCES staff(id),
  login TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  last_login_at TEXT);
CREATE INDEX journal_account_staff ON journal_account(staff_id);
`);
  },
};
