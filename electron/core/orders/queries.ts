// The register of orders (issue 12 point 3): what it lists and what an order holds, with the names
// the screens and the printed order show.
import { sql } from 'kysely';
import type { Ctx } from '../context';
import type { Row } from '../../../db';
import type { OpParsed } from '../../api/contract';
import { notFound } from '../../api/errors';
import { orderNumberText, type OrderDetails, type OrderItemView, type OrderRef, type OrderRow } from '../../api/orders';
import { className, ruFold } from '../../api/text';
import { fullName } from '../format';

/** A live order or «Приказ не найден». */
export function orderRow(ctx: Ctx, id: string): Row<'school_order'> {
  const { db } = ctx;
  const o = db.first(db.q.selectFrom('school_order').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!o) throw notFound('Приказ');
  return o;
}

export const refOf = (o: Pick<Row<'school_order'>, 'id' | 'kind' | 'number' | 'date' | 'title'>): OrderRef => ({
  id: o.id,
  kind: o.kind,
  numberText: orderNumberText(o.kind, o.number),
  date: o.date,
  title: o.title,
});

/** «№ 12-зп от 20.11.2026» */
export function orderLabel(o: Pick<Row<'school_order'>, 'kind' | 'number' | 'date'>): string {
  const [y, m, d] = o.date.split('-');
  const date = `${d}.${m}.${y}`;
  const n = orderNumberText(o.kind, o.number);
  return n ? `№ ${n} от ${date}` : `проект от ${date}`;
}

const NAME_SQL = (t: string) => `${t}.last_name || ' ' || ${t}.first_name || coalesce(' ' || ${t}.middle_name, '')`;

export function listOrders(ctx: Ctx, i: OpParsed<'orders.list'>): OrderRow[] {
  const { db } = ctx;
  let q = db.q.selectFrom('school_order as o').where('o.deleted_at', 'is', null);
  if (i.kind) q = q.where('o.kind', '=', i.kind);
  if (i.kinds?.length) q = q.where('o.kind', 'in', i.kinds);
  if (i.status) q = q.where('o.status', '=', i.status);
  if (i.from) q = q.where('o.date', '>=', i.from);
  if (i.to) q = q.where('o.date', '<=', i.to);
  if (i.studentId)
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('order_item as it').select('it.id').whereRef('it.order_id', '=', 'o.id').where('it.deleted_at', 'is', null).where('it.student_id', '=', i.studentId!)),
    );
  const needle = i.search?.trim();
  if (needle) {
    for (const word of ruFold(needle).split(/\s+/)) {
      const like = `%${word.replace(/[%_\\]/g, (m) => '\\' + m)}%`;
      // The title, or a student of the order (as the student's card or the application names them).
      q = q.where(
        sql<boolean>`(ru_fold(o.title) like ${like} escape '\\' or exists (select 1 from order_item it
          left join student s on s.id = it.student_id left join enrollment_application a on a.id = it.application_id
          where it.order_id = o.id and it.deleted_at is null
            and ru_fold(coalesce(${sql.raw(NAME_SQL('s'))}, ${sql.raw(NAME_SQL('a'))}, '')) like ${like} escape '\\'))`,
      );
    }
  }
  const rows = db.all(
    q.selectAll('o').select([
      sql<number>`(select count(*) from order_item it where it.order_id = o.id and it.deleted_at is null)`.as('n'),
      sql<string | null>`(select group_concat(nm, ', ') from (select coalesce(${sql.raw(NAME_SQL('s'))}, ${sql.raw(NAME_SQL('a'))}) as nm from order_item it
          left join student s on s.id = it.student_id left join enrollment_application a on a.id = it.application_id
          where it.order_id = o.id and it.deleted_at is null order by it.position limit 3))`.as('names'),
    ]),
  );
  const byId = new Map(db.all(db.q.selectFrom('school_order').select(['id', 'kind', 'number', 'date', 'title', 'cancels_order_id']).where('deleted_at', 'is', null)).map((o) => [o.id, o]));
  const cancelledBy = new Map<string, OrderRef>();
  for (const o of byId.values()) if (o.cancels_order_id) cancelledBy.set(o.cancels_order_id, refOf(o));
  const out: OrderRow[] = rows.map((o) => ({
    ...refOf(o),
    status: o.status,
    number: o.number,
    students: o.n,
    studentNames: o.n > 3 ? `${o.names ?? ''} и ещё ${o.n - 3}` : (o.names ?? ''),
    signedAt: o.signed_at,
    cancels: o.cancels_order_id && byId.get(o.cancels_order_id) ? refOf(byId.get(o.cancels_order_id)!) : null,
    cancelledBy: cancelledBy.get(o.id) ?? null,
  }));
  const collate = new Intl.Collator('ru').compare;
  const dir = i.desc ? -1 : 1;
  const cmp: Record<typeof i.sort, (a: OrderRow, b: OrderRow) => number> = {
    date: (a, b) => a.date.localeCompare(b.date),
    number: (a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.kind.localeCompare(b.kind),
    kind: (a, b) => a.kind.localeCompare(b.kind),
    title: (a, b) => collate(a.title, b.title),
  };
  // Ties: by date, then by number (drafts last), then created order.
  return out.sort((a, b) => dir * cmp[i.sort](a, b) || dir * a.date.localeCompare(b.date) || dir * ((a.number ?? Infinity) - (b.number ?? Infinity)) || a.id.localeCompare(b.id));
}

export function getOrder(ctx: Ctx, id: string): OrderDetails {
  const { db } = ctx;
  const o = orderRow(ctx, id);
  const row = listOrders(ctx, { sort: 'date', desc: false }).find((r) => r.id === id)!;
  const items = db.all(
    db.q
      .selectFrom('order_item as it')
      .leftJoin('student as s', 's.id', 'it.student_id')
      .leftJoin('enrollment_application as a', 'a.id', 'it.application_id')
      .leftJoin('school_class as cf', 'cf.id', 'it.class_from_id')
      .leftJoin('school_class as ct', 'ct.id', 'it.class_to_id')
      .selectAll('it')
      .select([
        's.last_name as s_last', 's.first_name as s_first', 's.middle_name as s_middle', 's.birth_date as s_birth', 's.personal_file_no',
        'a.last_name as a_last', 'a.first_name as a_first', 'a.middle_name as a_middle', 'a.birth_date as a_birth',
        'cf.grade as cf_grade', 'cf.letter as cf_letter', 'ct.grade as ct_grade', 'ct.letter as ct_letter',
      ])
      .where('it.order_id', '=', id)
      .where('it.deleted_at', 'is', null)
      .orderBy('it.position'),
  );
  return {
    ...row,
    yearId: o.year_id,
    preamble: o.preamble,
    basis: o.basis,
    items: items.map(
      (r): OrderItemView => ({
        id: r.id,
        position: r.position,
        studentId: r.student_id,
        applicationId: r.application_id,
        fullName: r.s_last ? fullName({ last_name: r.s_last, first_name: r.s_first!, middle_name: r.s_middle }) : r.a_last ? fullName({ last_name: r.a_last, first_name: r.a_first!, middle_name: r.a_middle }) : '?',
        birthDate: r.s_birth ?? r.a_birth ?? null,
        classFromId: r.class_from_id,
        classFromName: r.cf_grade ? className({ grade: r.cf_grade, letter: r.cf_letter ?? '' }) : null,
        classToId: r.class_to_id,
        classToName: r.ct_grade ? className({ grade: r.ct_grade, letter: r.ct_letter ?? '' }) : null,
        grade: r.grade,
        effectiveDate: r.effective_date,
        schoolFrom: r.school_from,
        schoolTo: r.school_to,
        reason: r.reason,
        personalFileNo: r.personal_file_no ?? null,
        decision: r.decision,
      }),
    ),
  };
}
