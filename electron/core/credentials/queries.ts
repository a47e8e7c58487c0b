// All SQL of the credentials part (issue 12 point 5; R7): the register's rows with the student, the
// parent, the class and its teacher, what the central issued and whether it failed to answer (the
// sync store's sync_row / sync_mutation, read only); parents who refused the electronic service (R12).
import type { Db } from '../../../db';
import { classNameSql } from '../../../db';
import type { CredentialRequestTable } from '../../../db/schema';

const FULL = (t: string) => `${t}.last_name || ' ' || ${t}.first_name || coalesce(' ' || ${t}.middle_name, '')`;

/** A register row: the request's own columns as the table has them, and what the joins bring. */
export interface RequestRow extends Pick<CredentialRequestTable, 'role' | 'arrived_on' | 'due_on' | 'requested_at' | 'handed_on' | 'handed_to' | 'handed_how' | 'handed_by'> {
  id: string;
  student_id: string;
  student_name: string;
  student_last: string;
  student_first: string;
  student_middle: string | null;
  class_id: string | null;
  class_name: string | null;
  grade: number | null;
  letter: string | null;
  teacher_id: string | null;
  teacher_name: string | null;
  guardian_id: string | null;
  guardian_name: string | null;
  relation: string | null;
  login: string | null;
  one_time_password: string | null;
  issued_at: string | null;
  /**
   * 1: the central has the request (its row came back in a pull: sync_row), nothing of it is still
   * on the way (no mutation of it waiting or unacknowledged), and no live credential_issue came with
   * it. The central writes the issue in the push's own transaction, so a pull that brought the
   * request back brought the answer too: without one, the central did not issue (or withdrew) it.
   */
  unanswered: number;
}

const SELECT = `
SELECT r.id, r.student_id, ${FULL('s')} AS student_name, s.last_name AS student_last, s.first_name AS student_first, s.middle_name AS student_middle,
  c.id AS class_id, ${classNameSql('c')} AS class_name, c.grade, c.letter,
  t.id AS teacher_id, ${FULL('t')} AS teacher_name,
  r.guardian_id, ${FULL('g')} AS guardian_name, sg.relation,
  r.role, r.arrived_on, r.due_on, r.requested_at, r.handed_on, r.handed_to, r.handed_how, r.handed_by,
  i.login, i.one_time_password, i.issued_at,
  (i.id IS NULL AND sr.version IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM sync_change sc JOIN sync_mutation sm ON sm.no = sc.mutation_no
    WHERE sc.entity = 'credential_request' AND sc.entity_id = r.id AND sm.state <> 'refused')) AS unanswered
FROM credential_request r
JOIN student s ON s.id = r.student_id
LEFT JOIN school_class c ON c.id = s.class_id
LEFT JOIN staff t ON t.id = c.class_teacher_id AND t.deleted_at IS NULL
LEFT JOIN guardian g ON g.id = r.guardian_id
LEFT JOIN student_guardian sg ON sg.student_id = r.student_id AND sg.guardian_id = r.guardian_id AND sg.deleted_at IS NULL
LEFT JOIN credential_issue i ON i.request_id = r.id AND i.deleted_at IS NULL
LEFT JOIN sync_row sr ON sr.entity = 'credential_request' AND sr.id = r.id
WHERE r.deleted_at IS NULL AND s.deleted_at IS NULL`;
const ORDER = ` ORDER BY c.grade, c.letter, s.last_name, s.first_name, s.middle_name, s.id, r.role DESC, g.last_name, g.first_name`;

export function requests(db: Db, classId?: string | null): RequestRow[] {
  if (classId) return db.statement(`${SELECT} AND s.class_id = ?${ORDER}`).all(classId) as RequestRow[];
  return db.statement(`${SELECT}${ORDER}`).all() as RequestRow[];
}

export function requestById(db: Db, id: string): RequestRow | undefined {
  return db.statement(`${SELECT} AND r.id = ?`).get(id) as RequestRow | undefined;
}

/** Handed in a period (the register printed for it), in the order of handing. */
export function registerRows(db: Db, from: string | null, to: string | null): RequestRow[] {
  return db
    .statement(`${SELECT} AND (? IS NULL OR coalesce(r.handed_on, substr(r.requested_at, 1, 10)) >= ?) AND (? IS NULL OR coalesce(r.handed_on, substr(r.requested_at, 1, 10)) <= ?)
      ORDER BY r.handed_on IS NULL, r.handed_on, c.grade, c.letter, s.last_name, s.first_name, s.id, r.role DESC`)
    .all(from, from, to, to) as RequestRow[];
}

export interface RefusedRow {
  guardian_id: string;
  name: string;
  student_name: string;
  class_name: string | null;
}

/** Parents who refused the electronic service, with their children in the school now (R12). */
export function refusedParents(db: Db): RefusedRow[] {
  return db
    .statement(
      `SELECT g.id AS guardian_id, ${FULL('g')} AS name, ${FULL('s')} AS student_name, ${classNameSql('c')} AS class_name
       FROM guardian g JOIN student_guardian sg ON sg.guardian_id = g.id AND sg.deleted_at IS NULL
       JOIN student s ON s.id = sg.student_id AND s.deleted_at IS NULL AND s.class_id IS NOT NULL
       LEFT JOIN school_class c ON c.id = s.class_id
       WHERE g.e_service_refused = 1 AND g.deleted_at IS NULL
       ORDER BY g.last_name, g.first_name, g.id, s.last_name`,
    )
    .all() as RefusedRow[];
}

export function studentExists(db: Db, id: string): { id: string; class_id: string | null } | undefined {
  return db.statement(`SELECT id, class_id FROM student WHERE id = ? AND deleted_at IS NULL`).get(id) as { id: string; class_id: string | null } | undefined;
}

export function schoolFullName(db: Db): string {
  return (db.statement(`SELECT full_name FROM school WHERE deleted_at IS NULL LIMIT 1`).get() as { full_name: string } | undefined)?.full_name ?? '';
}
