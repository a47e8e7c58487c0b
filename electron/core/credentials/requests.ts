// R7: every newcomer and each of its parents get an account of the central system within 10
// working days of arrival (`002 §1.7`). Called by the orders when an enrollment or an arrival is
// signed (electron/core/orders), inside that transaction, and by «Запросить учётные данные»
// (credentials.request). A request is a `credential_request` row: office data that sync pushes;
// the central answers with a `credential_issue` (login, one-time password), pulled. Offline the
// request simply waits among the unsent mutations.
import type { Ctx } from '../context';
import type { Writer } from '../../../db';
import { credentialsDueOn, loadCorrections } from '../calendar/calendar';

export interface RequestOutcome {
  made: number;
  /** Parents who refused the electronic service (guardian.e_service_refused): no account, printed statements (R12). */
  refused: number;
  dueOn: string;
}

/**
 * Asks the central system for the accounts of a student who arrives on `arrivedOn` and of their
 * parents who did not refuse the electronic service, each due on the 10th working day after
 * arrival. A person already asked for (a live request) is not asked for again.
 */
export function requestCredentialsFor(ctx: Ctx, w: Writer, studentId: string, arrivedOn: string): RequestOutcome {
  const { db } = ctx;
  const dueOn = credentialsDueOn(arrivedOn, loadCorrections(db));
  const asked = new Set(
    (db.statement(`SELECT coalesce(guardian_id, '') AS g FROM credential_request WHERE student_id = ? AND deleted_at IS NULL`).all(studentId) as { g: string }[]).map((r) => r.g),
  );
  const parents = db
    .statement(
      `SELECT g.id, g.e_service_refused FROM student_guardian sg JOIN guardian g ON g.id = sg.guardian_id
       WHERE sg.student_id = ? AND sg.deleted_at IS NULL AND g.deleted_at IS NULL ORDER BY g.last_name, g.first_name, g.id`,
    )
    .all(studentId) as { id: string; e_service_refused: number }[];
  const requestedAt = ctx.now().toISOString();
  const base = { student_id: studentId, arrived_on: arrivedOn, due_on: dueOn, requested_at: requestedAt, handed_on: null, handed_to: null, handed_how: null, handed_by: null };
  const rows = [];
  if (!asked.has('')) rows.push({ ...base, guardian_id: null, role: 'student' as const });
  let refused = 0;
  for (const p of parents) {
    if (p.e_service_refused) {
      refused++;
      continue;
    }
    if (!asked.has(p.id)) rows.push({ ...base, guardian_id: p.id, role: 'parent' as const });
  }
  w.insertMany('credential_request', rows);
  return { made: rows.length, refused, dueOn };
}
