import { describe, expect, it } from 'vitest';
import { Db, migrate } from '../../../db';
import { databaseAt } from './databaseAt';

describe('migration 0006: staff qualifications by subject id', () => {
  const at = databaseAt();
  const now = '2026-10-01T09:00:00.000Z';

  /** Staff cards as version 5 kept them: subject names in JSON, as typed on the card or in a file. */
  function seed(db: Db) {
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    const subject = (id: string, name: string, short: string, deleted = false) =>
      run('INSERT INTO subject (id, created_at, updated_at, deleted_at, name, short_name) VALUES (?, ?, ?, ?, ?, ?)', id, now, now, deleted ? now : null, name, short);
    subject('math', 'Математика', 'Матем.');
    subject('eng', 'Иностранный язык (английский)', 'Англ. яз.');
    subject('talks', 'Разговоры о важном', 'Разг. о важн.');
    subject('old', 'Черчение', 'Черч.', true); // removed: matches nothing, as before
    const card = (id: string, subjects: unknown, deleted = false) =>
      run("INSERT INTO staff (id, created_at, updated_at, deleted_at, last_name, first_name, position, subjects) VALUES (?, ?, ?, ?, 'Петрова', 'Анна', 'Учитель', ?)", id, now, now, deleted ? now : null, typeof subjects === 'string' ? subjects : JSON.stringify(subjects));
    card('t1', ['Математика', 'разговоры  о ВАЖНОМ']); // case and spaces aside
    card('t2', ['Англ. яз.', 'Математика']); // by the short name
    card('t3', ['Математика', 'Астрономия', 'Черчение']); // two names of no (live) subject
    card('t4', []);
    card('t5', 'not json');
    card('t6', ['Математика'], true); // a removed card keeps its history
  }
  const all = (db: Db, sql: string, ...args: unknown[]) => db.raw.prepare(sql).all(...args);

  it('carries every name that matched a subject into a row by id; drops the column', () => {
    const db = at(5);
    seed(db);
    const staffBefore = (all(db, 'SELECT * FROM staff ORDER BY id') as Record<string, unknown>[]).map(({ subjects: _s, ...rest }) => rest);
    expect(migrate(db, 6)).toEqual([6]);
    expect(all(db, 'SELECT staff_id, subject_id, deleted_at FROM staff_qualification ORDER BY staff_id, subject_id')).toEqual([
      { staff_id: 't1', subject_id: 'math', deleted_at: null },
      { staff_id: 't1', subject_id: 'talks', deleted_at: null },
      { staff_id: 't2', subject_id: 'eng', deleted_at: null },
      { staff_id: 't2', subject_id: 'math', deleted_at: null },
      { staff_id: 't3', subject_id: 'math', deleted_at: null },
      { staff_id: 't6', subject_id: 'math', deleted_at: null },
    ]);
    // The cards are as they were, without the column.
    expect(all(db, 'SELECT * FROM staff ORDER BY id')).toEqual(staffBefore);
    expect((all(db, 'PRAGMA table_info(staff)') as { name: string }[]).map((c) => c.name)).not.toContain('subjects');
    // Each row queued for sync.
    const outbox = all(db, "SELECT entity_id, payload FROM outbox WHERE entity = 'staff_qualification'") as { entity_id: string; payload: string }[];
    expect(outbox).toHaveLength(6);
    for (const o of outbox) expect(JSON.parse(o.payload)).toEqual(db.raw.prepare('SELECT * FROM staff_qualification WHERE id = ?').get(o.entity_id));
    // The names that matched nothing stay in the card's history, one line for that card only.
    expect(all(db, 'SELECT actor, entity, entity_id, action, old_values, new_values FROM audit_log')).toEqual([
      { actor: 'system', entity: 'staff', entity_id: 't3', action: 'update', old_values: JSON.stringify({ subjects: ['Математика', 'Астрономия', 'Черчение'] }), new_values: JSON.stringify({ subjects: ['Математика'] }) },
    ]);
  });

  it('one live row per card and subject, both must exist', () => {
    const db = at(5);
    seed(db);
    migrate(db, 6);
    const ins = db.raw.prepare('INSERT INTO staff_qualification (id, created_at, updated_at, staff_id, subject_id) VALUES (?, ?, ?, ?, ?)');
    expect(() => ins.run('x', now, now, 't1', 'math')).toThrow(/UNIQUE/);
    expect(() => ins.run('y', now, now, 't1', 'nothing')).toThrow(/FOREIGN KEY/);
    ins.run('z', now, now, 't4', 'math');
    expect(db.raw.pragma('foreign_key_check')).toEqual([]);
  });
});
