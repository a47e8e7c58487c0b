// Issue 10: pulled central rows go in many per statement (db/sync applyPullPage, statements of 64,
// 32, … 1 rows): every count of rows of a table lands whole — each row with its own values in its
// own columns — and a later page updates them in place. A real SQLite file, no server needed.
import { afterEach, describe, expect, it } from 'vitest';
import { applyPullPage, syncState } from '../../db/sync';
import type { PulledRow } from '../../central/protocol';
import { tempDb } from '../support/tmp';

const uuid = (n: number) => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const at = '2026-10-01T09:00:00.000Z';

describe('applying pulled central rows in multi-row statements', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it.each([1, 63, 64, 65, 127, 200, 1001])('puts %i marks and lessons in whole, then updates them', (n) => {
    const t = tempDb();
    cleanup = t.cleanup;
    let version = syncState(t.db).cursor;
    const lesson = (i: number, topic: string): PulledRow => ({
      entity: 'lesson',
      id: uuid(1_000_000 + i),
      version: ++version,
      data: { created_at: at, updated_at: at, deleted_at: null, date: '2026-10-01', lesson_no: i % 8, class_id: uuid(1), subgroup_id: null, study_group_id: null, subject_id: uuid(2), teacher_id: uuid(3), substitute_id: null, topic, homework: null, status: 'held' },
    });
    const mark = (i: number, value: string): PulledRow => ({
      entity: 'mark',
      id: uuid(i),
      version: ++version,
      data: { created_at: at, updated_at: at, deleted_at: null, student_id: uuid(10_000 + i), lesson_id: uuid(1_000_000 + (i % 7)), date: '2026-10-01', subject_id: uuid(2), value, work_kind: 'answer', weight: 1 + (i % 3), entered_by: uuid(3), entered_at: at },
    });
    const first = [...Array.from({ length: 7 }, (_, i) => lesson(i, `Тема ${i}`)), ...Array.from({ length: n }, (_, i) => mark(i, String(2 + (i % 4))))];
    expect(applyPullPage(t.db, { changes: first, cursor: version, more: false, lastMutationId: 0 })).toEqual({ rows: n + 7, refused: 0 });
    const marks = () => t.db.raw.prepare('SELECT id, student_id, lesson_id, value, weight FROM mark ORDER BY id').all();
    const expected = (value: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => ({ id: uuid(i), student_id: uuid(10_000 + i), lesson_id: uuid(1_000_000 + (i % 7)), value: value(i), weight: 1 + (i % 3) }));
    expect(marks()).toEqual(expected((i) => String(2 + (i % 4))));
    expect(t.db.raw.prepare('SELECT topic FROM lesson ORDER BY id').pluck().all()).toEqual(Array.from({ length: 7 }, (_, i) => `Тема ${i}`));

    // Every other mark changed centrally: updated in place, the others untouched.
    const second = Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 0).map((i) => mark(i, 'na'));
    applyPullPage(t.db, { changes: second, cursor: version, more: false, lastMutationId: 0 });
    expect(marks()).toEqual(expected((i) => (i % 2 === 0 ? 'na' : String(2 + (i % 4)))));
    expect(syncState(t.db).cursor).toBe(version);
  });
});
