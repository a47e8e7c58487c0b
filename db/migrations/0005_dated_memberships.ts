import type { Migration } from './types';
import { uuidv7 as uuid } from '../ids';

// Every synced table: UUIDv7 id, timestamps, deletion tombstone (deleted_at). No hard deletes.
const sync = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

/** The days of memberships: 'YYYY-MM-DD', date_from inclusive, date_to exclusive (the day of leaving), null while open. */
const dates = `date_from TEXT NOT NULL, date_to TEXT,
  CHECK (date_to IS NULL OR date_from <= date_to)`;

/**
 * Issue 9 (dated memberships): a student's class, subgroups and study groups become histories.
 *
 * - `class_membership` (student, class, from, to, the orders that opened and closed it): the class
 *   a student is in on a day is the membership with date_from <= day < date_to (date_to null: still
 *   there). `student.class_id` stays as the cache of the membership open today, written only by
 *   the students' write path (electron/core/students/membership.ts). `opened_order_id` and
 *   `closed_order_id` are for the coming orders (приказы) table: plain nullable text, no reference yet.
 * - `subgroup_member` and `study_group_member` get date_from/date_to; the «one live row per
 *   division (group) and student» indexes now mean one *open* row.
 *
 * Carried over: each student with a class gets one membership in it from the start of that class's
 * year (the old version kept no date); a removed student's is closed on the day of removal (not
 * before it opened). Every subgroup and study-group row (tombstones too) gets date_from = its year's
 * start and stays open. The new class_membership rows go to the outbox like any insert (no audit
 * line: no one acted), so sync will carry them; the rebuilt member tables keep their ids and values.
 */
export const migration: Migration = {
  version: 5,
  name: 'dated class, subgroup and study-group memberships',
  up: (db) => {
    db.exec(`
CREATE TABLE class_membership (${sync},
  student_id TEXT NOT NULL REFERENCES student(id),
  class_id TEXT NOT NULL REFERENCES school_class(id),
  opened_order_id TEXT,
  closed_order_id TEXT,
  ${dates});
CREATE INDEX class_membership_student ON class_membership(student_id, date_from);
CREATE INDEX class_membership_class ON class_membership(class_id, date_from);
CREATE UNIQUE INDEX class_membership_open ON class_membership(student_id) WHERE date_to IS NULL AND deleted_at IS NULL;

CREATE TABLE subgroup_member_new (${sync},
  division_id TEXT NOT NULL REFERENCES class_division(id),
  subgroup_id TEXT NOT NULL REFERENCES subgroup(id),
  student_id TEXT NOT NULL REFERENCES student(id),
  ${dates});
INSERT INTO subgroup_member_new (id, created_at, updated_at, deleted_at, division_id, subgroup_id, student_id, date_from, date_to)
  SELECT m.id, m.created_at, m.updated_at, m.deleted_at, m.division_id, m.subgroup_id, m.student_id,
    coalesce((SELECT y.start_date FROM class_division d JOIN school_class c ON c.id = d.class_id JOIN academic_year y ON y.id = c.year_id WHERE d.id = m.division_id), substr(m.created_at, 1, 10)),
    NULL
  FROM subgroup_member m;
DROP TABLE subgroup_member;
ALTER TABLE subgroup_member_new RENAME TO subgroup_member;
CREATE UNIQUE INDEX subgroup_member_once ON subgroup_member(division_id, student_id) WHERE deleted_at IS NULL AND date_to IS NULL;
CREATE INDEX subgroup_member_subgroup ON subgroup_member(subgroup_id);
CREATE INDEX subgroup_member_student ON subgroup_member(student_id);

CREATE TABLE study_group_member_new (${sync},
  group_id TEXT NOT NULL REFERENCES study_group(id),
  student_id TEXT NOT NULL REFERENCES student(id),
  ${dates});
INSERT INTO study_group_member_new (id, created_at, updated_at, deleted_at, group_id, student_id, date_from, date_to)
  SELECT m.id, m.created_at, m.updated_at, m.deleted_at, m.group_id, m.student_id,
    coalesce((SELECT y.start_date FROM study_group g JOIN academic_year y ON y.id = g.year_id WHERE g.id = m.group_id), substr(m.created_at, 1, 10)),
    NULL
  FROM study_group_member m;
DROP TABLE study_group_member;
ALTER TABLE study_group_member_new RENAME TO study_group_member;
CREATE UNIQUE INDEX study_group_member_once ON study_group_member(group_id, student_id) WHERE deleted_at IS NULL AND date_to IS NULL;
CREATE INDEX study_group_member_student ON study_group_member(student_id);
`);
    const students = db
      .prepare(
        `SELECT s.id, s.class_id, s.deleted_at, y.start_date
         FROM student s JOIN school_class c ON c.id = s.class_id LEFT JOIN academic_year y ON y.id = c.year_id
         WHERE s.class_id IS NOT NULL`,
      )
      .all() as { id: string; class_id: string; deleted_at: string | null; start_date: string | null }[];
    const now = new Date().toISOString();
    const insert = db.prepare(
      'INSERT INTO class_membership (id, created_at, updated_at, deleted_at, student_id, class_id, date_from, date_to, opened_order_id, closed_order_id) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, NULL, NULL)',
    );
    const outbox = db.prepare("INSERT INTO outbox (mutation_id, entity, entity_id, op, payload, created_at) VALUES (?, 'class_membership', ?, 'insert', ?, ?)");
    for (const s of students) {
      const from = s.start_date ?? now.slice(0, 10);
      const left = s.deleted_at ? s.deleted_at.slice(0, 10) : null;
      const to = left === null ? null : left < from ? from : left;
      const id = uuid();
      insert.run(id, now, now, s.id, s.class_id, from, to);
      const row = { id, created_at: now, updated_at: now, deleted_at: null, student_id: s.id, class_id: s.class_id, date_from: from, date_to: to, opened_order_id: null, closed_order_id: null };
      outbox.run(uuid(), id, JSON.stringify(row), now);
    }
  },
};

