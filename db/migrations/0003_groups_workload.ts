import type { Migration } from './types';

// Every synced table: UUIDv7 id, timestamps, deletion tombstone (deleted_at). No hard deletes.
const sync = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 3,
  name: 'subgroups, study groups and teaching assignments',
  up: (db) => {
    db.exec(`
-- R4: a class divided for a subject into subgroups (000 §3); each subgroup's teacher keeps its own
-- records (002 §3.5). One live division per class and subject.
CREATE TABLE class_division (${sync},
  class_id TEXT NOT NULL REFERENCES school_class(id),
  subject_id TEXT NOT NULL REFERENCES subject(id),
  method TEXT NOT NULL CHECK (method IN ('balanced','alphabet','gender','copy','manual')));
CREATE UNIQUE INDEX class_division_unique ON class_division(class_id, subject_id) WHERE deleted_at IS NULL;

CREATE TABLE subgroup (${sync},
  division_id TEXT NOT NULL REFERENCES class_division(id),
  number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 10),
  name TEXT NOT NULL);
CREATE UNIQUE INDEX subgroup_unique ON subgroup(division_id, number) WHERE deleted_at IS NULL;

-- A student is in at most one subgroup of a division; "exactly one" is checked by setup.validate.
CREATE TABLE subgroup_member (${sync},
  division_id TEXT NOT NULL REFERENCES class_division(id),
  subgroup_id TEXT NOT NULL REFERENCES subgroup(id),
  student_id TEXT NOT NULL REFERENCES student(id));
CREATE UNIQUE INDEX subgroup_member_once ON subgroup_member(division_id, student_id) WHERE deleted_at IS NULL;
CREATE INDEX subgroup_member_subgroup ON subgroup_member(subgroup_id);
CREATE INDEX subgroup_member_student ON subgroup_member(student_id);

-- R4: study groups across classes (electives, profile groups, remedial groups).
CREATE TABLE study_group (${sync},
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  name TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subject(id),
  kind TEXT NOT NULL CHECK (kind IN ('elective','profile','remedial','other')),
  hours_per_week REAL NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 40));
CREATE INDEX study_group_year ON study_group(year_id);

CREATE TABLE study_group_member (${sync},
  group_id TEXT NOT NULL REFERENCES study_group(id),
  student_id TEXT NOT NULL REFERENCES student(id));
CREATE UNIQUE INDEX study_group_member_once ON study_group_member(group_id, student_id) WHERE deleted_at IS NULL;
CREATE INDEX study_group_member_student ON study_group_member(student_id);

-- R3: teaching assignments (тарификация), the one record of who teaches what and how many hours:
-- a whole class, one subgroup of a divided class, or a study group.
CREATE TABLE teaching_assignment (${sync},
  teacher_id TEXT NOT NULL REFERENCES staff(id),
  subject_id TEXT NOT NULL REFERENCES subject(id),
  class_id TEXT REFERENCES school_class(id),
  subgroup_id TEXT REFERENCES subgroup(id),
  study_group_id TEXT REFERENCES study_group(id),
  hours_per_week REAL NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 40),
  CHECK ((class_id IS NULL) <> (study_group_id IS NULL)),
  CHECK (subgroup_id IS NULL OR class_id IS NOT NULL));
CREATE UNIQUE INDEX teaching_assignment_unique ON teaching_assignment(
  teacher_id, subject_id, coalesce(class_id, ''), coalesce(subgroup_id, ''), coalesce(study_group_id, ''))
  WHERE deleted_at IS NULL;
CREATE INDEX teaching_assignment_class ON teaching_assignment(class_id);
CREATE INDEX teaching_assignment_group ON teaching_assignment(study_group_id);
`);
  },
};
