import type { Migration } from './types';

/**
 * The office's tables in the order a first mutation inserts them (parents first: school refers to
 * its director on staff). Historical: the office tables as of schema 8.
 */
const OFFICE_TABLES = [
  'academic_year', 'study_period', 'holiday', 'bell_schedule', 'bell', 'subject', 'room', 'staff', 'school',
  'staff_qualification', 'school_class', 'curriculum_item', 'student', 'class_membership', 'guardian',
  'student_guardian', 'correction_request', 'class_division', 'subgroup', 'subgroup_member', 'study_group',
  'study_group_member', 'teaching_assignment',
] as const;

/**
 * Issue 10: the client's sync store (db/sync, docs/sync.md) replaces the outbox. A user action is
 * one mutation (`sync_mutation`, numbered per installation from `sync_state.next_mutation`) with
 * its row changes (`sync_change`, each with the server version it was based on); `sync_row` keeps
 * the server version of each office row, `sync_shadow` the last server state of a row with pending
 * changes (the table holds the view: shadow + pending changes), `sync_parked` a row set aside while
 * a pulled row holds its unique key, `sync_log` one line per page, push, refusal or registration.
 * A database with office rows gets one first mutation inserting all of them, so an installation
 * upgraded from before pushes its school once; the old outbox (never sent) is dropped.
 */
export const migration: Migration = {
  version: 8,
  name: 'sync store: mutations, server versions, shadows',
  up: (db) => {
    db.exec(`
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT, school_id TEXT, school_name TEXT, client_id TEXT, secret TEXT,
  cursor INTEGER NOT NULL DEFAULT 0,
  acked_mutation INTEGER NOT NULL DEFAULT 0,
  pushed_through INTEGER NOT NULL DEFAULT 0,
  next_mutation INTEGER NOT NULL DEFAULT 1,
  needs_fork INTEGER NOT NULL DEFAULT 0 CHECK (needs_fork IN (0, 1)),
  last_sync_at TEXT, last_error TEXT);
INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE sync_mutation (
  no INTEGER PRIMARY KEY,
  at TEXT NOT NULL, actor TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','pushed','refused')),
  reason TEXT, version INTEGER, refused_at TEXT);
CREATE INDEX sync_mutation_state ON sync_mutation(state, no);

CREATE TABLE sync_change (
  mutation_no INTEGER NOT NULL REFERENCES sync_mutation(no) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  entity TEXT NOT NULL, entity_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  fields TEXT NOT NULL, base INTEGER,
  PRIMARY KEY (mutation_no, seq));
CREATE INDEX sync_change_row ON sync_change(entity, entity_id, mutation_no);

CREATE TABLE sync_row (entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (entity, id));
CREATE TABLE sync_shadow (entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER, data TEXT, PRIMARY KEY (entity, id));
CREATE TABLE sync_parked (entity TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (entity, id));
CREATE TABLE sync_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL);

DROP TABLE outbox;
`);
    const at = new Date().toISOString();
    const any = OFFICE_TABLES.some((t) => db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined);
    if (!any) return;
    db.prepare("INSERT INTO sync_mutation (no, at, actor, state) VALUES (1, ?, 'обновление программы', 'pending')").run(at);
    db.prepare('UPDATE sync_state SET next_mutation = 2').run();
    const change = db.prepare("INSERT INTO sync_change (mutation_no, seq, entity, entity_id, op, fields, base) VALUES (1, ?, ?, ?, 'insert', ?, NULL)");
    const shadow = db.prepare('INSERT INTO sync_shadow (entity, id, version, data) VALUES (?, ?, NULL, NULL)');
    let seq = 0;
    for (const t of OFFICE_TABLES)
      for (const row of db.prepare(`SELECT * FROM ${t} ORDER BY id`).all() as { id: string }[]) {
        change.run(++seq, t, row.id, JSON.stringify(row));
        shadow.run(t, row.id);
      }
  },
};
