import type { Migration } from './types';

const sync = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

const ROOM_KINDS = "'regular','gym','lab','computer','workshop','art','music','hall'";

/**
 * Issue 11: the timetable and substitutions (R8, R9), office data pushed to the central system.
 * A timetable version applies from its date until the next version's (a change from a date keeps
 * the past as it was); its cards are the weekly lessons of the teaching assignments, each placed
 * at a weekday and a lesson number of its shift's bells, or not yet placed (weekday null). A card
 * copies its teacher, subject and class or group from the assignment, so that a later change of
 * the тарификация does not rewrite an older version. `lesson_change` is what was done to one
 * lesson on one date: a substitute, merged subgroups, a cancellation, a move, a room.
 */
export const migration: Migration = {
  version: 10,
  name: 'timetable and substitutions',
  up: (db) => {
    db.exec(`
ALTER TABLE room ADD COLUMN kind TEXT NOT NULL DEFAULT 'regular' CHECK (kind IN (${ROOM_KINDS}));
ALTER TABLE subject ADD COLUMN room_kind TEXT CHECK (room_kind IS NULL OR room_kind IN (${ROOM_KINDS}));

CREATE TABLE timetable (${sync},
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  name TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  days INTEGER NOT NULL DEFAULT 5 CHECK (days IN (5, 6)),
  fortnight INTEGER NOT NULL DEFAULT 0 CHECK (fortnight IN (0, 1)),
  rules TEXT NOT NULL DEFAULT '{}');
CREATE UNIQUE INDEX timetable_from ON timetable(year_id, valid_from) WHERE deleted_at IS NULL;

CREATE TABLE timetable_card (${sync},
  timetable_id TEXT NOT NULL REFERENCES timetable(id),
  assignment_id TEXT REFERENCES teaching_assignment(id),
  teacher_id TEXT NOT NULL REFERENCES staff(id),
  subject_id TEXT NOT NULL REFERENCES subject(id),
  class_id TEXT REFERENCES school_class(id),
  subgroup_id TEXT REFERENCES subgroup(id),
  study_group_id TEXT REFERENCES study_group(id),
  shift INTEGER NOT NULL DEFAULT 1 CHECK (shift IN (1, 2)),
  duration INTEGER NOT NULL DEFAULT 1 CHECK (duration IN (1, 2)),
  weeks TEXT NOT NULL DEFAULT 'every' CHECK (weeks IN ('every','odd','even')),
  weekday INTEGER CHECK (weekday BETWEEN 1 AND 6),
  lesson_no INTEGER CHECK (lesson_no BETWEEN 0 AND 12),
  room_id TEXT REFERENCES room(id),
  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  fet_id INTEGER,
  CHECK ((class_id IS NULL) <> (study_group_id IS NULL)),
  CHECK (subgroup_id IS NULL OR class_id IS NOT NULL),
  CHECK ((weekday IS NULL) = (lesson_no IS NULL)));
CREATE INDEX timetable_card_timetable ON timetable_card(timetable_id, weekday, lesson_no);
CREATE INDEX timetable_card_assignment ON timetable_card(assignment_id);

CREATE TABLE teacher_unavailable (${sync},
  timetable_id TEXT NOT NULL REFERENCES timetable(id),
  staff_id TEXT NOT NULL REFERENCES staff(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 6),
  shift INTEGER NOT NULL DEFAULT 1 CHECK (shift IN (1, 2)),
  lesson_no INTEGER CHECK (lesson_no BETWEEN 0 AND 12),
  reason TEXT NOT NULL DEFAULT 'unavailable' CHECK (reason IN ('unavailable','methodical_day')));
CREATE UNIQUE INDEX teacher_unavailable_unique ON teacher_unavailable(timetable_id, staff_id, weekday, shift, coalesce(lesson_no, -1)) WHERE deleted_at IS NULL;

CREATE TABLE teacher_absence (${sync},
  staff_id TEXT NOT NULL REFERENCES staff(id),
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('illness','course','trip','other')),
  note TEXT,
  CHECK (date_from <= date_to));
CREATE INDEX teacher_absence_staff ON teacher_absence(staff_id, date_from);

CREATE TABLE lesson_change (${sync},
  date TEXT NOT NULL,
  card_id TEXT NOT NULL REFERENCES timetable_card(id),
  kind TEXT NOT NULL CHECK (kind IN ('substitute','merge','cancel','move','room')),
  absence_id TEXT REFERENCES teacher_absence(id),
  substitute_id TEXT REFERENCES staff(id),
  same_subject INTEGER CHECK (same_subject IN (0, 1)),
  to_date TEXT,
  to_lesson_no INTEGER CHECK (to_lesson_no BETWEEN 0 AND 12),
  room_id TEXT REFERENCES room(id),
  note TEXT,
  CHECK ((kind IN ('substitute','merge')) = (substitute_id IS NOT NULL)),
  CHECK ((kind = 'move') = (to_date IS NOT NULL AND to_lesson_no IS NOT NULL)),
  CHECK (kind <> 'room' OR room_id IS NOT NULL));
CREATE UNIQUE INDEX lesson_change_once ON lesson_change(card_id, date) WHERE deleted_at IS NULL;
CREATE INDEX lesson_change_date ON lesson_change(date);
CREATE INDEX lesson_change_substitute ON lesson_change(substitute_id, date);
`);
  },
};
