// Orders (приказы) about students (issue 12 point 3; R10, R11; docs/contingent.md «Orders»): drafts,
// signing (numbered per year and kind, items applied to the dated memberships in one transaction),
// cancellation by another order, drafts from the formed first grades, the arrival form.
// Every membership is written by electron/core/students/membership.ts.
import type { Ctx } from '../context';
import type { Row, Writer } from '../../../db';
import type { OpParsed } from '../../api/contract';
import { AppError, invalid, notFound, type Problem } from '../../api/errors';
import { orderKinds, type OrderKind } from '../../api/enums';
import type { OrderDetails } from '../../api/orders';
import { act } from '../tx';
import { ruDate, fullName } from '../format';
import { className } from '../../api/text';
import { currentYearOrNull } from '../year';
import { enterClass, insertStudents, leaveSchool, membershipsOf, moveStudent, todayOf, undoOrderMemberships, updateStudent } from '../students/membership';
import { requestCredentialsFor } from '../credentials/requests';
import { saveStudent } from '../students/students';
import { nextPersonalFileNo } from './fileNumber';
import { getOrder, orderLabel, orderRow } from './queries';
import { PREAMBLES } from './preambles';
import { checkDecisions, decisionDate, isDecisionKind, refuseCancelAfterRollover } from './yearEnd';

export { PREAMBLES };

/** The academic year an order dated `date` belongs to (its numbering): the year containing the day, else the current one. */
export function yearOf(ctx: Ctx, date: string): string {
  const { db } = ctx;
  const y = db.first(db.q.selectFrom('academic_year').select('id').where('deleted_at', 'is', null).where('start_date', '<=', date).where('end_date', '>=', date));
  const id = y?.id ?? currentYearOrNull(ctx);
  if (!id) throw invalid('Сначала создайте учебный год: приказы нумеруются в пределах года', [{ column: 'date', message: 'Дата приказа: нет учебного года, к которому отнести приказ' }]);
  return id;
}

const liveClass = (ctx: Ctx, id: string) => ctx.db.first(ctx.db.q.selectFrom('school_class').select(['id', 'grade', 'letter']).where('id', '=', id).where('deleted_at', 'is', null));
const liveStudent = (ctx: Ctx, id: string) => ctx.db.first(ctx.db.q.selectFrom('student').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
const liveApplication = (ctx: Ctx, id: string) => ctx.db.first(ctx.db.q.selectFrom('enrollment_application').selectAll().where('id', '=', id).where('deleted_at', 'is', null));

type ItemInput = Omit<OpParsed<'orders.save'>['items'][number], 'schoolFrom' | 'schoolTo' | 'reason'> & { schoolFrom?: string | null; schoolTo?: string | null; reason?: string | null };

/** What each kind needs of an item; problems named by the item's field (`items.2.classToId`). */
function checkItems(ctx: Ctx, kind: OrderKind, items: ItemInput[], order: { id: string | null; date: string; yearId: string }): Problem[] {
  const problems: Problem[] = [];
  const need = (idx: number, field: string, message: string) => problems.push({ row: idx + 1, column: `items.${idx}.${field}`, message: `Строка ${idx + 1}: ${message}` });
  const seen = new Set<string>();
  items.forEach((it, idx) => {
    const key = it.studentId ?? it.applicationId ?? '';
    if (key && seen.has(key)) need(idx, 'studentId', 'ученик указан в приказе дважды');
    seen.add(key);
    if (it.studentId && !liveStudent(ctx, it.studentId)) need(idx, 'studentId', 'ученик не найден');
    if (it.applicationId && !liveApplication(ctx, it.applicationId)) need(idx, 'applicationId', 'заявление не найдено');
    for (const f of ['classFromId', 'classToId'] as const) if (it[f] && !liveClass(ctx, it[f]!)) need(idx, f, 'класс не найден');
    if (kind === 'enrollment') {
      if (!it.applicationId && !it.studentId) need(idx, 'applicationId', 'не указано, кого зачислить (заявление или ученик)');
    } else if (!it.studentId && !(kind === 'class_forming' && it.applicationId)) need(idx, 'studentId', 'не выбран ученик');
    if ((kind === 'class_forming' || kind === 'transfer_in' || kind === 'class_transfer') && !it.classToId) need(idx, 'classToId', 'не выбран класс');
    if (kind === 'transfer_out' && !it.schoolTo) need(idx, 'schoolTo', 'не указано, в какую школу выбывает ученик');
    if (kind === 'expulsion' && !it.reason) need(idx, 'reason', 'не указана причина отчисления');
  });
  // Issue 15: the decisions of the year-end kinds (refused in the others).
  return [...problems, ...checkDecisions(ctx, { ...order, kind }, items)];
}

function writeItems(w: Writer, orderId: string, items: ItemInput[], classFrom: (it: ItemInput) => string | null, effective: (it: ItemInput) => string = (it) => it.effectiveDate): void {
  items.forEach((it, idx) =>
    w.insert('order_item', {
      order_id: orderId,
      position: idx + 1,
      student_id: it.studentId ?? null,
      application_id: it.applicationId ?? null,
      class_from_id: it.classFromId ?? classFrom(it),
      class_to_id: it.classToId ?? null,
      grade: it.grade ?? null,
      effective_date: effective(it),
      school_from: it.schoolFrom ?? null,
      school_to: it.schoolTo ?? null,
      reason: it.reason ?? null,
      decision: it.decision ?? null,
    }),
  );
}

const itemsOf = (ctx: Ctx, orderId: string) =>
  ctx.db.all(ctx.db.q.selectFrom('order_item').selectAll().where('order_id', '=', orderId).where('deleted_at', 'is', null).orderBy('position'));

/** A new or edited draft: applies nothing, has no number. */
export function saveDraft(ctx: Ctx, i: OpParsed<'orders.save'>): OrderDetails {
  const id = act(ctx, (w) => draftIn(ctx, w, i));
  return getOrder(ctx, id);
}

/** A draft saved inside the caller's transaction (orders.save's checks); its id. */
export function draftIn(ctx: Ctx, w: Writer, i: Omit<OpParsed<'orders.save'>, 'items'> & { items: ItemInput[] }): string {
  const yearId = yearOf(ctx, i.date);
  const problems = checkItems(ctx, i.kind, i.items, { id: i.id ?? null, date: i.date, yearId });
  if (problems.length) throw invalid(problems[0]!.message, problems);
  const values = { year_id: yearId, kind: i.kind, date: i.date, title: i.title, preamble: i.preamble ?? null, basis: i.basis ?? null };
  let orderId: string;
  if (i.id) {
    const o = orderRow(ctx, i.id);
    if (o.status !== 'draft') throw invalid(`Приказ ${orderLabel(o)} подписан: его нельзя изменить — ошибочный приказ отменяют другим приказом`);
    w.update('school_order', o.id, values);
    for (const it of itemsOf(ctx, o.id)) w.remove('order_item', it.id);
    orderId = o.id;
  } else orderId = w.insert('school_order', { ...values, number: null, status: 'draft', signed_at: null, cancels_order_id: null }).id;
  // Who is leaving a class: the class the student is in now (the signing fixes it as of the item's day).
  // A year-end decision takes effect on the day the law gives it (a graduate leaves on the order's day, the others move on the next year's first).
  const effective = isDecisionKind(i.kind) ? (it: ItemInput) => decisionDate(ctx, yearId, i.date, it.decision!) : undefined;
  writeItems(w, orderId, i.items, (it) => (it.studentId && i.kind !== 'transfer_in' && i.kind !== 'enrollment' ? (liveStudent(ctx, it.studentId)?.class_id ?? null) : null), effective);
  return orderId;
}

export function removeDraft(ctx: Ctx, id: string): void {
  act(ctx, (w) => {
    const o = orderRow(ctx, id);
    if (o.status !== 'draft') throw invalid(`Приказ ${orderLabel(o)} подписан: подписанный приказ не удаляют, а отменяют другим приказом`);
    for (const it of itemsOf(ctx, id)) w.remove('order_item', it.id);
    w.remove('school_order', id);
  });
}

/** The next free number of the year and kind. */
function nextNumber(ctx: Ctx, yearId: string, kind: OrderKind): number {
  const { db } = ctx;
  const r = db.statement(`SELECT max(number) AS n FROM school_order WHERE year_id = ? AND kind = ? AND deleted_at IS NULL`).get(yearId, kind) as { n: number | null };
  return (r.n ?? 0) + 1;
}

const studentName = (ctx: Ctx, id: string) => {
  const s = ctx.db.first(ctx.db.q.selectFrom('student').select(['last_name', 'first_name', 'middle_name']).where('id', '=', id));
  return s ? fullName(s) : '?';
};

/** Runs one item's change; a refusal is named by the student and the item's row. */
function forItem<T>(ctx: Ctx, idx: number, who: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'validation') {
      const message = `Строка ${idx + 1}, ${who}: ${e.message}`;
      throw invalid(message, [{ row: idx + 1, column: `items.${idx}.effectiveDate`, message }]);
    }
    throw e;
  }
}

/**
 * Numbers the draft and applies its items (docs/contingent.md «Orders»), in one transaction. With
 * `draft` (the order as on the screen), the draft is saved first in the same transaction, with the
 * save's checks: the signed order is what the secretary saw, and a refused save signs nothing.
 */
export function signOrder(ctx: Ctx, id: string, draft?: OpParsed<'orders.sign'>['draft']): OrderDetails {
  act(ctx, (w) => {
    const was = orderRow(ctx, id);
    if (was.status !== 'draft') throw invalid(`Приказ ${orderLabel(was)} уже подписан`);
    if (draft) draftIn(ctx, w, { ...draft, id });
    const o = orderRow(ctx, id);
    const items = itemsOf(ctx, id);
    if (!items.length) throw invalid('В приказе нет ни одного ученика: подписывать нечего', [{ column: 'items', message: 'Добавьте учеников' }]);
    // The items as they stand now (a student or a class may have been removed since the draft).
    const problems = checkItems(
      ctx,
      o.kind,
      items.map((it) => ({ studentId: it.student_id, applicationId: it.application_id, classFromId: it.class_from_id, classToId: it.class_to_id, grade: it.grade, effectiveDate: it.effective_date, schoolFrom: it.school_from, schoolTo: it.school_to, reason: it.reason, decision: it.decision })),
      { id: o.id, date: o.date, yearId: o.year_id },
    );
    if (problems.length) throw invalid(problems[0]!.message, problems);
    w.update('school_order', id, { status: 'signed', number: nextNumber(ctx, o.year_id, o.kind), signed_at: ctx.now().toISOString() });
    items.forEach((it, idx) => applyItem(ctx, w, o, it, idx));
  });
  return getOrder(ctx, id);
}

function applyItem(ctx: Ctx, w: Writer, o: Row<'school_order'>, it: Row<'order_item'>, idx: number): void {
  const date = it.effective_date;
  if (o.kind === 'enrollment' && it.application_id) {
    const a = liveApplication(ctx, it.application_id)!;
    const who = fullName(a);
    forItem(ctx, idx, who, () => {
      if (!a.enrollable) throw invalid(`заявление № ${a.reg_number} в статусе «${a.status}», зачислять по нему нельзя`);
      if (a.student_id) throw invalid(`по заявлению № ${a.reg_number} ребёнок уже зачислен`);
    });
    const student = insertStudents(
      w,
      [
        {
          last_name: a.last_name,
          first_name: a.first_name,
          middle_name: a.middle_name,
          birth_date: a.birth_date,
          gender: a.gender,
          snils: a.snils,
          address: a.address,
          personal_file_no: nextPersonalFileNo(ctx.db, a.last_name),
          birth_certificate: a.birth_certificate,
          class_id: it.class_to_id,
        },
      ],
      date,
      o.id,
    )[0]!;
    // The parents as guardians: a parent already known to the school is linked, not duplicated.
    const parents = ctx.db.all(ctx.db.q.selectFrom('enrollment_parent').selectAll().where('application_id', '=', a.id).where('deleted_at', 'is', null).orderBy('position'));
    for (const p of parents) {
      const known = p.guardian_id && ctx.db.first(ctx.db.q.selectFrom('guardian').select('id').where('id', '=', p.guardian_id).where('deleted_at', 'is', null));
      const guardianId = known
        ? p.guardian_id!
        : w.insert('guardian', { last_name: p.last_name, first_name: p.first_name, middle_name: p.middle_name, phone: p.phone, email: p.email, pd_consent_date: null, e_service_refused: 0 }).id;
      if (!known) w.update('enrollment_parent', p.id, { guardian_id: guardianId });
      w.insert('student_guardian', { student_id: student.id, guardian_id: guardianId, relation: p.relation ?? 'законный представитель' });
    }
    w.update('enrollment_application', a.id, { student_id: student.id });
    w.update('order_item', it.id, { student_id: student.id, grade: it.grade ?? a.grade });
    requestCredentialsFor(ctx, w, student.id, date);
    return;
  }
  const studentId = it.student_id ?? (it.application_id ? (liveApplication(ctx, it.application_id)?.student_id ?? null) : null);
  if (!studentId) {
    const a = it.application_id ? liveApplication(ctx, it.application_id) : undefined;
    forItem(ctx, idx, a ? fullName(a) : '?', () => {
      throw invalid(`ребёнок по заявлению № ${a?.reg_number ?? '?'} ещё не зачислен: сначала подпишите приказ о зачислении`);
    });
    return;
  }
  const who = studentName(ctx, studentId);
  const current = ctx.db.first(ctx.db.q.selectFrom('student').select('class_id').where('id', '=', studentId))?.class_id ?? null;
  forItem(ctx, idx, who, () => {
    switch (o.kind) {
      case 'enrollment':
      case 'class_forming':
      case 'transfer_in': {
        if (o.kind === 'transfer_in' && current && membershipsOf(ctx, studentId).some((m) => m.date_to === null))
          throw invalid(`ученик уже числится в ${classNameOf(ctx, current)}: это не прибытие, а перевод в другой класс`);
        if (!w.get('student', studentId).personal_file_no) updateStudent(ctx, w, studentId, { personal_file_no: nextPersonalFileNo(ctx.db, w.get('student', studentId).last_name) });
        if (it.class_to_id) enterClass(ctx, w, studentId, it.class_to_id, date, o.id);
        w.update('order_item', it.id, { student_id: studentId, class_from_id: o.kind === 'class_forming' ? null : it.class_from_id });
        if (o.kind !== 'class_forming') requestCredentialsFor(ctx, w, studentId, date);
        return;
      }
      case 'class_transfer': {
        if (current === it.class_to_id) throw invalid(`ученик уже в ${classNameOf(ctx, current!)}`);
        if (!membershipsOf(ctx, studentId).some((m) => m.date_to === null)) throw invalid('ученик не числится ни в одном классе: переводить неоткуда');
        w.update('order_item', it.id, { class_from_id: current });
        moveStudent(ctx, w, studentId, it.class_to_id, date, { orderId: o.id, column: `items.${idx}.effectiveDate` });
        return;
      }
      case 'transfer_out':
      case 'expulsion': {
        if (date > todayOf(ctx)) throw invalid(`дата отчисления ${ruDate(date)} ещё не наступила: подпишите приказ в день отчисления или позже`);
        w.update('order_item', it.id, { class_from_id: current });
        leaveSchool(ctx, w, studentId, date, o.id);
        return;
      }
      case 'cancellation':
        throw invalid('приказ об отмене подписывается только при отмене приказа');
      // Issue 15 (shared semantics 3): a promotion and a graduate's «continues» change nothing now (the
      // rollover applies them); a graduate leaves the school on the order's day.
      case 'promotion':
        return;
      case 'graduation': {
        if (it.decision !== 'graduated') return;
        if (date > todayOf(ctx)) throw invalid(`дата отчисления ${ruDate(date)} ещё не наступила: подпишите приказ в день отчисления или позже`);
        leaveSchool(ctx, w, studentId, date, o.id);
        return;
      }
    }
  });
}

function classNameOf(ctx: Ctx, id: string): string {
  const c = liveClass(ctx, id);
  return c ? className(c) : '?';
}

/**
 * Cancels a signed order by another order (never a deletion): «Об отмене приказа …», numbered and
 * signed, undoing the cancelled order's memberships (and the students its enrollment made). Refused,
 * with the reason, when a later order built on them.
 */
export function cancelOrder(ctx: Ctx, i: OpParsed<'orders.cancel'>): OrderDetails {
  const id = act(ctx, (w) => {
    const o = orderRow(ctx, i.id);
    if (o.status === 'draft') throw invalid('Это проект приказа: его можно изменить или удалить, отменять нечего');
    if (o.status === 'cancelled') throw invalid(`Приказ ${orderLabel(o)} уже отменён`);
    if (o.kind === 'cancellation') throw invalid('Приказ об отмене не отменяют: издайте новый приказ');
    refuseCancelAfterRollover(ctx, o);
    if (i.date < o.date) throw invalid(`Дата приказа об отмене (${ruDate(i.date)}) раньше даты отменяемого приказа (${ruDate(o.date)})`, [{ column: 'date', message: `Дата приказа об отмене раньше отменяемого приказа (${ruDate(o.date)})` }]);
    const items = itemsOf(ctx, o.id);
    const students = items.map((it) => it.student_id).filter((s): s is string => !!s);
    const firstDay = items.map((it) => it.effective_date).sort()[0] ?? o.date;
    // A later signed order about the same students built on this one: it must be cancelled first.
    const later = students.length
      ? ctx.db.all(
          ctx.db.q
            .selectFrom('order_item as it')
            .innerJoin('school_order as lo', 'lo.id', 'it.order_id')
            .select(['lo.id', 'lo.kind', 'lo.number', 'lo.date', 'lo.title', 'it.student_id'])
            .where('it.deleted_at', 'is', null)
            .where('lo.deleted_at', 'is', null)
            .where('lo.status', '=', 'signed')
            .where('lo.kind', '!=', 'cancellation')
            .where('lo.id', '!=', o.id)
            // Signed later, or (signed in the same instant) about a day not before this order's.
            .where((eb) => eb.or([eb('lo.signed_at', '>', o.signed_at!), eb('it.effective_date', '>=', firstDay)]))
            .where('it.student_id', 'in', students),
        )
      : [];
    if (later.length) {
      const l = later[0]!;
      throw invalid(
        `Нельзя отменить: на приказе основан более поздний приказ ${orderLabel(l)} «${l.title}» (${studentName(ctx, l.student_id!)}) — сначала отмените его`,
      );
    }
    undoOrderMemberships(ctx, w, o.id, (sid) => studentName(ctx, sid));
    // An enrollment made its students: they go with it (their file numbers are never given again).
    if (o.kind === 'enrollment') {
      for (const it of items) {
        if (!it.application_id || !it.student_id) continue;
        for (const link of ctx.db.all(ctx.db.q.selectFrom('student_guardian').select('id').where('student_id', '=', it.student_id).where('deleted_at', 'is', null))) w.remove('student_guardian', link.id);
        w.remove('student', it.student_id);
        w.update('enrollment_application', it.application_id, { student_id: null });
      }
    }
    w.update('school_order', o.id, { status: 'cancelled' });
    const yearId = yearOf(ctx, i.date);
    const c = w.insert('school_order', {
      year_id: yearId,
      kind: 'cancellation',
      number: nextNumber(ctx, yearId, 'cancellation'),
      date: i.date,
      status: 'signed',
      title: `Об отмене приказа ${orderLabel(o)} «${o.title}»`.slice(0, 300),
      preamble: PREAMBLES.cancellation,
      basis: i.basis ?? null,
      signed_at: ctx.now().toISOString(),
      cancels_order_id: o.id,
    });
    items.forEach((it, idx) =>
      w.insert('order_item', {
        order_id: c.id,
        position: idx + 1,
        student_id: o.kind === 'enrollment' ? null : it.student_id,
        application_id: it.application_id,
        class_from_id: it.class_from_id,
        class_to_id: it.class_to_id,
        grade: it.grade,
        effective_date: it.effective_date,
        school_from: it.school_from,
        school_to: it.school_to,
        reason: it.reason,
        decision: it.decision,
      }),
    );
    return c.id;
  });
  return getOrder(ctx, id);
}

/**
 * The drafts «О зачислении» (into the first grade) and «О формировании классов» (into the planned
 * classes) from the year's enrollable applications planned into a class and not yet enrolled nor in
 * another order (R10).
 */
export function fromFormation(ctx: Ctx, i: OpParsed<'orders.fromFormation'>): { enrollment: OrderDetails | null; forming: OrderDetails | null } {
  const { db } = ctx;
  const ids = act(ctx, (w) => {
    const yearId = i.yearId ?? currentYearOrNull(ctx);
    if (!yearId) throw invalid('Нет учебного года');
    const inOrders = new Set(
      db
        .all(
          db.q
            .selectFrom('order_item as it')
            .innerJoin('school_order as o', 'o.id', 'it.order_id')
            .select('it.application_id')
            .where('it.deleted_at', 'is', null)
            .where('o.deleted_at', 'is', null)
            .where('o.kind', '=', 'enrollment')
            .where('o.status', '!=', 'cancelled')
            .where('it.application_id', 'is not', null),
        )
        .map((r) => r.application_id!),
    );
    const apps = db
      .all(
        db.q
          .selectFrom('enrollment_application as a')
          .innerJoin('school_class as c', 'c.id', 'a.planned_class_id')
          .select(['a.id', 'a.grade', 'a.planned_class_id', 'a.last_name', 'a.first_name', 'a.middle_name', 'c.grade as c_grade', 'c.letter'])
          .where('a.year_id', '=', yearId)
          .where('a.deleted_at', 'is', null)
          .where('a.enrollable', '=', 1)
          .where('a.student_id', 'is', null)
          .where('c.deleted_at', 'is', null),
      )
      .filter((a) => !inOrders.has(a.id));
    if (!apps.length) throw invalid('Нет заявлений, распределённых по классам и ещё не включённых в приказ о зачислении');
    const collate = new Intl.Collator('ru').compare;
    // «О формировании классов» lists the children class by class; «О зачислении» enrolls into the
    // parallel, so its list is alphabetical (as the school signs it), and the file numbers follow it.
    apps.sort((a, b) => a.c_grade - b.c_grade || collate(a.letter, b.letter) || collate(fullName(a), fullName(b)));
    const alphabetical = [...apps].sort((a, b) => a.c_grade - b.c_grade || collate(fullName(a), fullName(b)));
    const grades = [...new Set(apps.map((a) => a.c_grade))];
    const gradeText = grades.length === 1 ? `${grades[0]}-й класс` : 'первые классы';
    const enrollment = draftIn(ctx, w, {
      kind: 'enrollment',
      date: i.date,
      title: `О зачислении в ${gradeText}`,
      preamble: PREAMBLES.enrollment,
      basis: 'Заявления родителей (законных представителей) о приёме на обучение и прилагаемые к ним документы',
      items: alphabetical.map((a) => ({ applicationId: a.id, grade: a.c_grade, effectiveDate: i.effectiveDate })),
    });
    const forming = draftIn(ctx, w, {
      kind: 'class_forming',
      date: i.date,
      title: grades.length === 1 ? `О формировании ${grades[0]}-х классов` : 'О формировании классов',
      preamble: PREAMBLES.class_forming,
      basis: null,
      items: apps.map((a) => ({ applicationId: a.id, classToId: a.planned_class_id, effectiveDate: i.effectiveDate })),
    });
    return { enrollment, forming };
  });
  return { enrollment: getOrder(ctx, ids.enrollment), forming: getOrder(ctx, ids.forming) };
}

/** An arrival: the student's card saved without a class and the draft «О зачислении в порядке перевода». */
export function arrival(ctx: Ctx, i: OpParsed<'orders.arrival'>): OrderDetails {
  const id = act(ctx, (w) => {
    const c = liveClass(ctx, i.classToId);
    if (!c) throw notFound('Класс');
    // The card's own checks (СНИЛС, dates, contacts, the same СНИЛС already in the school).
    const student = saveStudent(ctx, { ...i.student, id: null, classId: null, classFrom: undefined });
    return draftIn(ctx, w, {
      kind: 'transfer_in',
      date: i.date,
      title: `О зачислении в порядке перевода в ${className(c)} класс`,
      preamble: PREAMBLES.transfer_in,
      basis: i.basis ?? 'Заявление родителя (законного представителя) о зачислении в порядке перевода, личное дело обучающегося',
      items: [{ studentId: student.id, classToId: c.id, effectiveDate: i.effectiveDate, schoolFrom: i.schoolFrom }],
    });
  });
  return getOrder(ctx, id);
}

export const kindTitle = (k: OrderKind) => orderKinds.labels[k];
