// Shared by the rollover tests: signed promotion and graduation orders written as the ye-promotion
// part would sign them (semantics 3), and a fingerprint of every table (row counts and digests).
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { PromotionDecision } from '../../electron/api/enums';

export interface Student {
  id: string;
  classId: string;
  grade: number;
  letter: string;
}

/** The students with an open membership in the year's classes. */
export function openStudents(sql: BetterSqlite3.Database, yearId: string): Student[] {
  return sql
    .prepare(
      `SELECT m.student_id AS id, c.id AS classId, c.grade, c.letter FROM class_membership m JOIN school_class c ON c.id = m.class_id
       WHERE c.year_id = ? AND m.date_to IS NULL AND m.deleted_at IS NULL ORDER BY c.grade, c.letter, m.student_id`,
    )
    .all(yearId) as Student[];
}

/**
 * One signed order per class: 'promotion' for grades 1–8 and 10, 'graduation' for 9 and 11; each
 * student's decision from `decide` (undefined: no item). Returns the decisions written.
 */
export function signOrders(
  sql: BetterSqlite3.Database,
  yearId: string,
  decide: (s: Student, k: number) => PromotionDecision | undefined,
  effectiveDate = '2027-09-01',
): Map<string, PromotionDecision> {
  const at = '2027-06-15T09:00:00.000Z';
  const students = openStudents(sql, yearId);
  const byClass = new Map<string, Student[]>();
  for (const s of students) byClass.set(s.classId, [...(byClass.get(s.classId) ?? []), s]);
  const out = new Map<string, PromotionDecision>();
  let no = 1000;
  const orderIns = sql.prepare(
    `INSERT INTO school_order (id, created_at, updated_at, year_id, kind, number, date, status, title, signed_at) VALUES (?, ?, ?, ?, ?, ?, '2027-06-15', 'signed', ?, ?)`,
  );
  const itemIns = sql.prepare(
    `INSERT INTO order_item (id, created_at, updated_at, order_id, position, student_id, class_from_id, effective_date, decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let k = 0;
  for (const [classId, list] of byClass) {
    const grade = list[0]!.grade;
    const kind = grade === 9 || grade === 11 ? 'graduation' : 'promotion';
    const orderId = `test-order-${++no}`;
    orderIns.run(orderId, at, at, yearId, kind, no, kind === 'promotion' ? 'О переводе' : 'Об отчислении', at);
    list.forEach((s, i) => {
      const d = decide(s, k++);
      if (!d) return;
      out.set(s.id, d);
      itemIns.run(`${orderId}-${i}`, at, at, orderId, i + 1, s.id, classId, effectiveDate, d);
    });
  }
  return out;
}

/** Every table's row count and a digest of its rows (sorted): equal fingerprints, equal databases. */
export function tablesFingerprint(sql: BetterSqlite3.Database): Record<string, string> {
  const tables = sql.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const rows = (sql.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
    out[t] = `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}
