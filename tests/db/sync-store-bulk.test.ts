// Issue 10: the first pull into an empty database goes the bulk way (db/sync beginBulkPull … endBulkPull):
// all its pages in one transaction, the journal tables' plain indexes dropped inside it and made
// again before it commits. No other connection sees anything of it before the commit, a rollback or a
// crash leaves the database as it was (indexes included), and afterwards the schema is exactly as
// before. Real SQLite files; the crash is a child process killed with SIGKILL inside the transaction.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { abortBulkPull, applyPullPage, beginBulkPull, canBulkPull, endBulkPull, syncState } from '../../db/sync';
import { columnarPage, pageRowCount, pageRows, type PulledRow } from '../../central/protocol';
import type { Db } from '../../db';
import { tempDb } from '../support/tmp';

const ROOT = join(import.meta.dirname, '..', '..');
const uuid = (n: number) => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const at = '2026-10-01T09:00:00.000Z';
const base = { created_at: at, updated_at: at, deleted_at: null };

/** A school's few office rows and `marks` marks of one lesson, in versions from 1, in pages of `per`. */
function pages(marks: number, per: number) {
  let v = 0;
  const rows: PulledRow[] = [
    { entity: 'academic_year', id: uuid(1), version: ++v, data: { ...base, name: '2026/2027', start_date: '2026-09-01', end_date: '2027-05-31', grade_edit_window: '2w', is_current: 1 } },
    { entity: 'subject', id: uuid(2), version: ++v, data: { ...base, name: 'Алгебра', short_name: 'Алг.', no_attestation: 0, grading: 'five_point', sort_order: 1 } },
    { entity: 'staff', id: uuid(3), version: ++v, data: { ...base, last_name: 'Петрова', first_name: 'Анна', middle_name: null, birth_date: null, gender: null, snils: null, phone: null, email: null, position: 'Учитель', roles: '[]', deputy_grades: '[]', rate_hours: 18 } },
    { entity: 'school_class', id: uuid(4), version: ++v, data: { ...base, year_id: uuid(1), grade: 7, letter: 'Б', shift: 1, class_teacher_id: null, room_id: null } },
    { entity: 'student', id: uuid(5), version: ++v, data: { ...base, last_name: 'Иванов', first_name: 'Иван', middle_name: null, birth_date: '2013-01-01', gender: 'm', snils: null, class_id: uuid(4), address: null, personal_file_no: null } },
    { entity: 'lesson', id: uuid(6), version: ++v, data: { ...base, date: '2026-10-01', lesson_no: 2, class_id: uuid(4), subgroup_id: null, study_group_id: null, subject_id: uuid(2), teacher_id: uuid(3), substitute_id: null, topic: 'Линейная функция', homework: null, status: 'held' } },
  ];
  for (let i = 0; i < marks; i++)
    rows.push({ entity: 'mark', id: uuid(1000 + i), version: ++v, data: { ...base, student_id: uuid(5), lesson_id: uuid(6), date: '2026-10-01', subject_id: uuid(2), value: String(2 + (i % 4)), work_kind: 'answer', weight: 1, entered_by: uuid(3), entered_at: at } });
  const out = [];
  for (let i = 0; i < rows.length; i += per) {
    const changes = rows.slice(i, i + per);
    out.push(columnarPage(changes, { cursor: changes.at(-1)!.version, more: i + per < rows.length, lastMutationId: 0 }));
  }
  return out;
}

const schema = (db: Db) => db.raw.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all();
const count = (db: Db, t: string) => db.raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
const indexesOf = (db: Db, t: string) => db.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").pluck().all(t);

describe('the first pull into an empty database, in one transaction', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('is seen by no other connection until it commits; then every row is there and the schema is as before', () => {
    const t = tempDb();
    const other = openDatabase(t.path);
    cleanup = () => {
      other.close();
      t.cleanup();
    };
    const before = schema(t.db);
    expect(indexesOf(t.db, 'mark')).toEqual(['mark_lesson', 'mark_student']);
    expect(canBulkPull(t.db)).toBe(true);
    beginBulkPull(t.db);
    expect(canBulkPull(t.db)).toBe(false);
    // Inside: the journal's plain indexes are gone (the office tables keep theirs); outside nothing changed.
    expect(indexesOf(t.db, 'mark')).toEqual([]);
    expect(indexesOf(t.db, 'student').length).toBeGreaterThan(0);
    const list = pages(250, 100);
    expect(list.length).toBe(3);
    for (const [i, p] of list.entries()) {
      expect(applyPullPage(t.db, p).rows).toBe(pageRowCount(p));
      if (i === 0) {
        expect(count(other, 'mark')).toBe(0);
        expect(count(other, 'student')).toBe(0);
        expect(syncState(other).cursor).toBe(0);
        expect(schema(other)).toEqual(before);
      }
    }
    expect(count(other, 'mark')).toBe(0);
    endBulkPull(t.db);

    expect(count(other, 'mark')).toBe(250);
    expect(count(other, 'student')).toBe(1);
    expect(syncState(other).cursor).toBe(list.at(-1)!.cursor);
    expect(schema(t.db)).toEqual(before);
    expect(schema(other)).toEqual(before);
    expect(t.db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(t.db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    // The remade index is used and complete.
    const plan = t.db.raw.prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM mark WHERE student_id = ?').all(uuid(5)) as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/mark_student/);
    expect(t.db.raw.prepare('SELECT count(*) FROM mark WHERE student_id = ?').pluck().get(uuid(5))).toBe(250);
    // One sync_log line per page, and one for the bulk way.
    expect(t.db.raw.prepare("SELECT kind FROM sync_log WHERE kind IN ('pull', 'bulk') ORDER BY rowid").pluck().all()).toEqual(['bulk', 'pull', 'pull', 'pull']);
    // Not again: the database is not empty any more.
    expect(canBulkPull(t.db)).toBe(false);
  });

  it('rolled back (a failed or cancelled round): nothing applied, the indexes as before, the cursor at 0', () => {
    const t = tempDb();
    cleanup = t.cleanup;
    const before = schema(t.db);
    beginBulkPull(t.db);
    const [first] = pages(120, 100);
    applyPullPage(t.db, first!);
    abortBulkPull(t.db);
    expect(count(t.db, 'mark')).toBe(0);
    expect(count(t.db, 'student')).toBe(0);
    expect(syncState(t.db).cursor).toBe(0);
    expect(schema(t.db)).toEqual(before);
    expect(t.db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(canBulkPull(t.db)).toBe(true);
  });

  it('killed inside it (SIGKILL): the database as it was, indexes included', () => {
    const t = tempDb();
    cleanup = t.cleanup;
    const before = schema(t.db);
    t.db.close();
    const script = `
      const { openDatabase } = await import(${JSON.stringify(join(ROOT, 'db', 'index.ts'))});
      const s = await import(${JSON.stringify(join(ROOT, 'db', 'sync', 'index.ts'))});
      const db = openDatabase(process.env.DB);
      s.beginBulkPull(db);
      for (const p of JSON.parse(process.env.PAGES)) s.applyPullPage(db, p);
      process.kill(process.pid, 'SIGKILL');`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, DB: t.path, PAGES: JSON.stringify(pages(150, 100)) },
      encoding: 'utf8',
    });
    expect(r.signal).toBe('SIGKILL');
    const db = openDatabase(t.path);
    cleanup = () => {
      db.close();
      t.cleanup();
    };
    expect(count(db, 'mark')).toBe(0);
    expect(count(db, 'student')).toBe(0);
    expect(syncState(db).cursor).toBe(0);
    expect(schema(db)).toEqual(before);
    expect(db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('is not the way once the database holds anything: an office row, a journal row', () => {
    for (const entity of ['academic_year', 'lesson']) {
      const t = tempDb();
      const [first] = pages(0, 100);
      const row = pageRows(first!).find((c) => c.entity === entity)!;
      applyPullPage(t.db, columnarPage([row], { cursor: row.version, more: false, lastMutationId: 0 }));
      expect(canBulkPull(t.db)).toBe(false);
      expect(() => beginBulkPull(t.db)).toThrow();
      expect(t.db.raw.inTransaction).toBe(false);
      t.cleanup();
    }
  });
});
