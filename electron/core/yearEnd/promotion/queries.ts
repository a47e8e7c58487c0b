// What the promotion plan reads (issue 15 point 3): the year's classes and their students, the
// year's academic debts, the items of the year's live promotion and graduation orders.
import type { Ctx } from '../../context';
import type { Row } from '../../../../db';
import type { DebtDecision, DebtStatus, PromotionDecision } from '../../../api/enums';
import { fullName } from '../../format';

export const yearRow = (ctx: Ctx, id: string) => ctx.db.first(ctx.db.q.selectFrom('academic_year').selectAll().where('id', '=', id).where('deleted_at', 'is', null));

export const classesOfYear = (ctx: Ctx, yearId: string) =>
  ctx.db.all(ctx.db.q.selectFrom('school_class').select(['id', 'grade', 'letter']).where('year_id', '=', yearId).where('deleted_at', 'is', null));

/**
 * The students of the year's classes on `day`, and those a signed promotion or graduation order of
 * the year has taken out of the class since (a graduate, a student the rollover moved on): per class,
 * each student once.
 */
export function studentsOfClasses(ctx: Ctx, yearId: string, day: string): { class_id: string; student_id: string; fullName: string }[] {
  const { db } = ctx;
  const rows = db.all(
    db.q
      .selectFrom('class_membership as m')
      .innerJoin('school_class as c', 'c.id', 'm.class_id')
      .innerJoin('student as s', 's.id', 'm.student_id')
      .select(['m.class_id', 'm.student_id', 's.last_name', 's.first_name', 's.middle_name'])
      .where('c.year_id', '=', yearId)
      .where('c.deleted_at', 'is', null)
      .where('m.deleted_at', 'is', null)
      .where('s.deleted_at', 'is', null)
      .where('m.date_from', '<=', day)
      .where((eb) =>
        eb.or([
          eb('m.date_to', 'is', null),
          eb('m.date_to', '>', day),
          eb(
            'm.closed_order_id',
            'in',
            eb.selectFrom('school_order').select('id').where('kind', 'in', ['promotion', 'graduation']).where('status', '=', 'signed').where('year_id', '=', yearId).where('deleted_at', 'is', null),
          ),
        ]),
      ),
  );
  const seen = new Set<string>();
  return rows
    .filter((r) => {
      const k = `${r.class_id}|${r.student_id}`;
      return seen.has(k) ? false : (seen.add(k), true);
    })
    .map((r) => ({ class_id: r.class_id, student_id: r.student_id, fullName: fullName(r) }));
}

export interface DebtFact {
  subject: string;
  status: DebtStatus;
  decision: DebtDecision | null;
}

/** The year's debts, per student (subjects in the curriculum's order). */
export function debtsOfYear(ctx: Ctx, yearId: string): Map<string, DebtFact[]> {
  const { db } = ctx;
  const out = new Map<string, DebtFact[]>();
  const rows = db.all(
    db.q
      .selectFrom('academic_debt as d')
      .innerJoin('subject as s', 's.id', 'd.subject_id')
      .select(['d.student_id', 'd.status', 'd.decision', 's.name'])
      .where('d.year_id', '=', yearId)
      .where('d.deleted_at', 'is', null)
      .orderBy('s.sort_order')
      .orderBy('s.name'),
  );
  for (const r of rows) out.set(r.student_id, [...(out.get(r.student_id) ?? []), { subject: r.name, status: r.status, decision: r.decision }]);
  return out;
}

export interface YearOrderItem {
  order: Row<'school_order'>;
  studentId: string | null;
  classFromId: string | null;
  decision: PromotionDecision | null;
  reason: string | null;
}

/** The items of the year's promotion and graduation orders (drafts, signed and cancelled). */
export function decisionOrderItems(ctx: Ctx, yearId: string): YearOrderItem[] {
  const { db } = ctx;
  const orders = new Map(
    db
      .all(db.q.selectFrom('school_order').selectAll().where('year_id', '=', yearId).where('kind', 'in', ['promotion', 'graduation']).where('deleted_at', 'is', null))
      .map((o) => [o.id, o]),
  );
  if (!orders.size) return [];
  return db
    .all(
      db.q
        .selectFrom('order_item')
        .select(['order_id', 'student_id', 'class_from_id', 'decision', 'reason'])
        .where('order_id', 'in', [...orders.keys()])
        .where('deleted_at', 'is', null)
        .orderBy('position'),
    )
    .map((it) => ({ order: orders.get(it.order_id)!, studentId: it.student_id, classFromId: it.class_from_id, decision: it.decision, reason: it.reason }));
}

export const rolledOver = (ctx: Ctx, yearId: string) =>
  !!ctx.db.first(ctx.db.q.selectFrom('year_rollover').select('id').where('from_year_id', '=', yearId).where('deleted_at', 'is', null));
