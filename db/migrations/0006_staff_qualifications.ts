import type { Migration } from './types';
import { uuidv7 as uuid } from '../ids';

const sync = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

/** How the old version matched a qualification's name with a subject: case, ё and spaces aside. */
const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

function parse(s: string): string[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Issue 9: a teacher's qualifications reference subjects by id (`staff_qualification`), no longer
 * by names in `staff.subjects` (JSON). Each name is matched as the old version matched it when
 * assigning hours — with a live subject's name or short name, case, ё and spaces aside (a name of
 * two subjects gives both) — and the column is dropped. A name that matches no subject had no effect
 * in the old version either; it is kept in the card's history: one audit line per such card
 * (actor «system», «Может вести предметы»: all the old names → those carried over). New rows go to the
 * outbox like any insert.
 */
export const migration: Migration = {
  version: 6,
  name: 'staff qualifications by subject id',
  up: (db) => {
    db.exec(`
CREATE TABLE staff_qualification (${sync},
  staff_id TEXT NOT NULL REFERENCES staff(id),
  subject_id TEXT NOT NULL REFERENCES subject(id));
CREATE UNIQUE INDEX staff_qualification_unique ON staff_qualification(staff_id, subject_id) WHERE deleted_at IS NULL;
CREATE INDEX staff_qualification_subject ON staff_qualification(subject_id);
`);
    const subjects = db.prepare('SELECT id, name, short_name FROM subject WHERE deleted_at IS NULL ORDER BY sort_order, name').all() as { id: string; name: string; short_name: string }[];
    const byName = new Map<string, { id: string; name: string }[]>();
    for (const s of subjects) for (const n of new Set([fold(s.name), fold(s.short_name)])) byName.set(n, [...(byName.get(n) ?? []), s]);
    const staff = db.prepare('SELECT id, subjects FROM staff').all() as { id: string; subjects: string }[];
    const now = new Date().toISOString();
    const insert = db.prepare('INSERT INTO staff_qualification (id, created_at, updated_at, deleted_at, staff_id, subject_id) VALUES (?, ?, ?, NULL, ?, ?)');
    const outbox = db.prepare("INSERT INTO outbox (mutation_id, entity, entity_id, op, payload, created_at) VALUES (?, 'staff_qualification', ?, 'insert', ?, ?)");
    const audit = db.prepare("INSERT INTO audit_log (at, actor, entity, entity_id, action, old_values, new_values) VALUES (?, 'system', 'staff', ?, 'update', ?, ?)");
    for (const s of staff) {
      const names = parse(s.subjects);
      const ids = new Map<string, string>();
      let lost = false;
      for (const n of names) {
        const found = byName.get(fold(n)) ?? [];
        if (!found.length) lost = true;
        for (const x of found) ids.set(x.id, x.name);
      }
      for (const subjectId of ids.keys()) {
        const id = uuid();
        insert.run(id, now, now, s.id, subjectId);
        outbox.run(uuid(), id, JSON.stringify({ id, created_at: now, updated_at: now, deleted_at: null, staff_id: s.id, subject_id: subjectId }), now);
      }
      if (lost) audit.run(now, s.id, JSON.stringify({ subjects: names }), JSON.stringify({ subjects: [...ids.values()] }));
    }
    db.exec('ALTER TABLE staff DROP COLUMN subjects;');
  },
};
