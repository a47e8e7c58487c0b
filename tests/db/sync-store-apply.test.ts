// Issue 10: pulled central rows go in many per statement (db/sync applyPullPage, statements of 64,
// 32, … 1 rows): every count of rows of a table lands whole — each row with its own values in its
// own columns — and a later page updates them in place. A real SQLite file, no server needed.
import { afterEach, describe, expect, it } from 'vitest';
import { applyPullPage, syncState } from '../../db/sync';
import { columnarPage, type PulledRow } from '../../central/protocol';
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
    expect(applyPullPage(t.db, columnarPage(first, { cursor: version, more: false, lastMutationId: 0 }))).toEqual({ rows: n + 7, refused: 0 });
    const marks = () => t.db.raw.prepare('SELECT id, student_id, lesson_id, value, weight FROM mark ORDER BY id').all();
    const expected = (value: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => ({ id: uuid(i), student_id: uuid(10_000 + i), lesson_id: uuid(1_000_000 + (i % 7)), value: value(i), weight: 1 + (i % 3) }));
    expect(marks()).toEqual(expected((i) => String(2 + (i % 4))));
    expect(t.db.raw.prepare('SELECT topic FROM lesson ORDER BY id').pluck().all()).toEqual(Array.from({ length: 7 }, (_, i) => `Тема ${i}`));

    // Every other mark changed centrally: updated in place, the others untouched.
    const second = Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 0).map((i) => mark(i, 'na'));
    applyPullPage(t.db, columnarPage(second, { cursor: version, more: false, lastMutationId: 0 }));
    expect(marks()).toEqual(expected((i) => (i % 2 === 0 ? 'na' : String(2 + (i % 4)))));
    expect(syncState(t.db).cursor).toBe(version);
  });

  it('takes a block’s columns by name in any order: a column it does not know is left out, one the block lacks is null', () => {
    const t = tempDb();
    cleanup = t.cleanup;
    const v = syncState(t.db).cursor;
    // The columns shuffled, one of a newer server's, the subject's room_kind missing; an office row and a journal row.
    const page = {
      entities: [
        {
          entity: 'mark',
          columns: ['value', 'from_a_newer_server', 'student_id', 'lesson_id', 'date', 'subject_id', 'work_kind', 'weight', 'entered_by', 'entered_at', 'created_at', 'updated_at', 'deleted_at'],
          rows: [[uuid(1), v + 2, '4', 'x', uuid(10), uuid(11), '2026-10-01', uuid(12), 'answer', 2, uuid(13), at, at, at, null]],
        },
        {
          entity: 'subject',
          columns: ['sort_order', 'name', 'from_a_newer_server', 'short_name', 'grading', 'no_attestation', 'created_at', 'updated_at', 'deleted_at'],
          rows: [[uuid(12), v + 1, 3, 'Алгебра', 'x', 'Алг.', 'five_point', 0, at, at, null]],
        },
      ],
      cursor: v + 2,
      more: false,
      lastMutationId: 0,
    };
    expect(applyPullPage(t.db, page)).toEqual({ rows: 2, refused: 0 });
    expect(t.db.raw.prepare('SELECT id, value, student_id, weight, entered_at FROM mark').all()).toEqual([{ id: uuid(1), value: '4', student_id: uuid(10), weight: 2, entered_at: at }]);
    expect(t.db.raw.prepare('SELECT id, name, short_name, sort_order, room_kind FROM subject').all()).toEqual([{ id: uuid(12), name: 'Алгебра', short_name: 'Алг.', sort_order: 3, room_kind: null }]);
    expect(syncState(t.db).cursor).toBe(v + 2);
  });
});
