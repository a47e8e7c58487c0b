// Academic debts (issue 15 point 2; R24; 273-ФЗ art. 58): the list, the candidates from the year's
// attestation marks, recording, the decision when a debt is not cleared, removal of a mistake.
import type { Ctx } from '../../context';
import { todayOf } from '../../context';
import type { OpParsed } from '../../../api/contract';
import type { DebtCandidate, DebtList, DebtRow } from '../../../api/debts';
import { debtStatuses, type DebtStatus } from '../../../api/enums';
import { AppError, invalid, type Problem } from '../../../api/errors';
import { ruFold } from '../../../api/text';
import { act } from '../../tx';
import { parallelFilter, requireParallels } from '../../auth/parallels';
import { fullName, ruDate } from '../../format';
import { attestedSubjects, candidateRecords, classesOfYear, classOfStudent, debtRow, liveDebt, staffList, studentNames, subjectsList, yearRow, yearsList } from './queries';
import { addYear, debtViews, mayDecide } from './view';

const STATUS_ORDER: Record<DebtStatus, number> = { open: 0, decided: 1, closed: 2 };

export function listDebts(ctx: Ctx, i: OpParsed<'debts.list'>): DebtList {
  const y = yearRow(ctx, i.yearId);
  const all = debtViews(ctx, y.id);
  const counts = { open: 0, closed: 0, decided: 0 } as Record<DebtStatus, number>;
  for (const r of all) counts[r.status]++;
  const words = i.search ? ruFold(i.search).split(/\s+/).filter(Boolean) : [];
  const rows = all.filter(
    (r) =>
      (!i.classId || r.classId === i.classId) &&
      (!i.subjectId || r.subjectId === i.subjectId) &&
      (!i.status || r.status === i.status) &&
      words.every((w) => ruFold(r.studentName).includes(w)),
  );
  const byClass = (a: DebtRow, b: DebtRow) => (a.grade ?? 99) - (b.grade ?? 99) || (a.className ?? '').localeCompare(b.className ?? '', 'ru');
  const byStudent = (a: DebtRow, b: DebtRow) => a.studentName.localeCompare(b.studentName, 'ru');
  const bySubject = (a: DebtRow, b: DebtRow) => a.subjectName.localeCompare(b.subjectName, 'ru');
  const byNext = (a: DebtRow, b: DebtRow) => (a.nextRetakeOn ?? '9999').localeCompare(b.nextRetakeOn ?? '9999');
  const byStatus = (a: DebtRow, b: DebtRow) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  const chain = { class: [byClass, byStudent, bySubject], student: [byStudent, byClass, bySubject], subject: [bySubject, byClass, byStudent], next: [byNext, byClass, byStudent], status: [byStatus, byClass, byStudent] }[i.sort];
  rows.sort((a, b) => {
    for (const f of chain) {
      const d = f(a, b);
      if (d) return i.desc && f === chain[0] ? -d : d;
    }
    return 0;
  });
  return {
    yearId: y.id,
    yearName: y.name,
    yearStart: y.start_date,
    yearEnd: y.end_date,
    today: todayOf(ctx),
    years: yearsList(ctx),
    classes: classesOfYear(ctx, y.id).map((c) => ({ id: c.id, name: c.name, grade: c.grade })),
    subjects: subjectsList(ctx),
    staff: staffList(ctx),
    rows,
    counts,
  };
}

export function debtCandidates(ctx: Ctx, i: OpParsed<'debts.candidates'>): DebtCandidate[] {
  const y = yearRow(ctx, i.yearId);
  const classes = new Map(classesOfYear(ctx, y.id).map((c) => [c.id, c]));
  const mine = parallelFilter(ctx);
  return candidateRecords(ctx, y.id)
    .filter((r) => !i.classId || r.class_id === i.classId)
    .map((r) => {
      const c = classes.get(r.class_id)!;
      return {
        studentId: r.student_id,
        studentName: fullName(r),
        classId: r.class_id,
        className: c.name,
        grade: c.grade,
        subjectId: r.subject_id,
        subjectName: r.subject_name,
        mark: r.value,
        reason: r.value === 'na' ? ('absent' as const) : ('unsatisfactory' as const),
        editable: mine(c.grade),
        sort: r.sort_order,
      };
    })
    .sort((a, b) => a.grade - b.grade || a.className.localeCompare(b.className, 'ru') || a.studentName.localeCompare(b.studentName, 'ru') || a.sort - b.sort)
    .map(({ sort: _, ...c }) => c);
}

/** Records debts in one transaction; refuses the whole list when one item is wrong (each named by its row). */
export function recordDebts(ctx: Ctx, i: OpParsed<'debts.record'>): { recorded: number } {
  return act(ctx, (w) => {
    const y = yearRow(ctx, i.yearId);
    const classes = new Map(classesOfYear(ctx, y.id).map((c) => [c.id, c]));
    const names = studentNames(ctx, i.items.map((x) => x.studentId));
    const today = todayOf(ctx);
    const problems: Problem[] = [];
    const seen = new Set<string>();
    const touched: { grade: number; name: string }[] = [];
    for (const [k, it] of i.items.entries()) {
      const row = k + 1;
      const student = names.get(it.studentId);
      if (!student) {
        problems.push({ row, column: 'studentId', message: `Строка ${row}: ученик не найден` });
        continue;
      }
      const classId = classOfStudent(ctx, it.studentId, y.id);
      const c = classId ? classes.get(classId) : undefined;
      if (!c) {
        problems.push({ row, column: 'studentId', message: `${student.name}: в ${y.name} учебном году не учится ни в одном классе` });
        continue;
      }
      const subject = attestedSubjects(ctx, c.id).get(it.subjectId);
      if (!subject) {
        problems.push({ row, column: 'subjectId', message: `${student.name}: предмет не аттестуется в ${c.name} классе (нет в учебном плане с часами или он без аттестации)` });
        continue;
      }
      const key = `${it.studentId}:${it.subjectId}`;
      if (seen.has(key) || liveDebt(ctx, it.studentId, it.subjectId, y.id)) {
        problems.push({ row, column: 'subjectId', message: `${student.name}: задолженность по предмету «${subject}» за ${y.name} уже зафиксирована` });
        continue;
      }
      seen.add(key);
      if (it.recordedOn < y.start_date) problems.push({ row, column: 'recordedOn', message: `Дата возникновения задолженности ${ruDate(it.recordedOn)} — раньше начала ${y.name} учебного года` });
      else if (it.recordedOn > today) problems.push({ row, column: 'recordedOn', message: `Дата возникновения задолженности ${ruDate(it.recordedOn)} ещё не наступила` });
      touched.push({ grade: c.grade, name: c.name });
    }
    if (problems.length) throw invalid(problems[0]!.message, problems);
    requireParallels(ctx, touched);
    w.insertMany(
      'academic_debt',
      i.items.map((it) => ({
        student_id: it.studentId,
        subject_id: it.subjectId,
        year_id: y.id,
        reason: it.reason,
        recorded_on: it.recordedOn,
        first_retake_on: null,
        first_result: null,
        second_retake_on: null,
        second_result: null,
        commission: '[]',
        status: 'open' as const,
        decision: null,
        decided_on: null,
        note: null,
      })),
    );
    return { recorded: i.items.length };
  });
}

/** The debt's class (of its year) for the parallels rule. */
export function requireDebtParallels(ctx: Ctx, d: { student_id: string; year_id: string }): void {
  const classId = classOfStudent(ctx, d.student_id, d.year_id);
  const c = classId ? classesOfYear(ctx, d.year_id).find((x) => x.id === classId) : undefined;
  if (c) requireParallels(ctx, [{ grade: c.grade, name: c.name }]);
}

export function oneDebt(ctx: Ctx, id: string): DebtRow {
  const d = debtRow(ctx, id);
  return debtViews(ctx, d.year_id, { id })[0]!;
}

export function decideDebt(ctx: Ctx, i: OpParsed<'debts.decide'>): DebtRow {
  act(ctx, (w) => {
    const d = debtRow(ctx, i.id);
    requireDebtParallels(ctx, d);
    const today = todayOf(ctx);
    if (d.status === 'closed') throw invalid('Задолженность ликвидирована: решение не принимается.', [{ column: 'decision', message: 'Задолженность ликвидирована' }]);
    if (d.status === 'decided') throw new AppError('conflict', `Решение уже принято ${ruDate(d.decided_on)}: чтобы изменить его, сначала отмените.`);
    if (!mayDecide(d, today))
      throw invalid(`Решение принимается, когда обе пересдачи не сданы или прошёл год со дня возникновения задолженности (до ${ruDate(addYear(d.recorded_on))}).`, [
        { column: 'decision', message: 'Сначала две пересдачи (273-ФЗ, ст. 58, ч. 5) или истечение года' },
      ]);
    const after = d.second_retake_on ?? d.first_retake_on ?? d.recorded_on;
    if (i.decidedOn < after) throw invalid(`Дата решения — не раньше ${ruDate(after)}`, [{ column: 'decidedOn', message: `Не раньше ${ruDate(after)}` }]);
    if (i.decidedOn > today) throw invalid(`Дата решения ${ruDate(i.decidedOn)} ещё не наступила`, [{ column: 'decidedOn', message: 'Дата ещё не наступила' }]);
    w.update('academic_debt', d.id, { status: 'decided', decision: i.decision, decided_on: i.decidedOn });
  });
  return oneDebt(ctx, i.id);
}

export function undecideDebt(ctx: Ctx, i: OpParsed<'debts.undecide'>): DebtRow {
  act(ctx, (w) => {
    const d = debtRow(ctx, i.id);
    requireDebtParallels(ctx, d);
    if (d.status !== 'decided') throw invalid(`Решение по задолженности не принималось (${debtStatuses.labels[d.status].toLowerCase()}).`);
    w.update('academic_debt', d.id, { status: 'open', decision: null, decided_on: null });
  });
  return oneDebt(ctx, i.id);
}

export function removeDebt(ctx: Ctx, i: OpParsed<'debts.remove'>): void {
  act(ctx, (w) => {
    const d = debtRow(ctx, i.id);
    requireDebtParallels(ctx, d);
    if (d.first_retake_on || d.first_result || d.status !== 'open')
      throw invalid('Удалить можно только задолженность без пересдач: по этой уже назначена или проведена пересдача. Очистите пересдачи, если они внесены по ошибке.');
    w.remove('academic_debt', d.id);
  });
}
