// The rollover to the next academic year (issue 15 point 4; R24): the dry run and the run. The run
// makes a backup first (as an import does: a failed backup refuses it), then one transaction in which
// the plan is made again from what is read inside it and refused if it has problems; a year_rollover
// row records it, so a second run finds it and writes nothing.
import { basename } from 'node:path';
import type { Ctx } from '../../context';
import type { RolloverDone, RolloverInput, RolloverPlan, RolloverResult } from '../../../api/rollover';
import { invalid } from '../../../api/errors';
import { className } from '../../../api/text';
import { act } from '../../tx';
import { checkpoint, progress } from '../../job';
import { ruDate } from '../../format';
import { beginBackupBeforeChange } from '../../backup/backup';
import { applyPlan, drySink, writeSink, zeroCounts } from './apply';
import { doneOf, makePlan, type Blueprint } from './plan';
import { roomNumbers, rollovers, staffNames, subjectNames } from './queries';

/** The reason in the backup's file name; not an automatic one, so the retention never deletes it. */
export const REASON_BEFORE_ROLLOVER = 'перед переходом на новый год';

/** What the rollover does not do, and why (shown in the dry run). */
export function notDone(waiting: number): string[] {
  return [
    'Расписание уроков нового года не переносится: его составляют заново (Расписание).',
    'Замены, журнал (уроки, отметки, посещаемость), бумажные копии и выписки остаются в прошлом году.',
    'Учётные записи учеников и родителей не меняются.',
    `Первые классы не создаются: сделайте ${'новый год текущим'}, затем «Приём в 1 класс» → «Формирование 1-х классов» → приказы` +
      (waiting ? ` (ждут зачисления: ${waiting} ${waiting % 10 === 1 && waiting % 100 !== 11 ? 'заявление' : waiting % 10 >= 2 && waiting % 10 <= 4 && (waiting % 100 < 10 || waiting % 100 >= 20) ? 'заявления' : 'заявлений'}).` : '.'),
    'Новый год не становится текущим: это делается на странице «Учебный год» («Сделать текущим»).',
  ];
}

export function rolloverPlan(ctx: Ctx, input: RolloverInput): RolloverPlan {
  return viewOf(ctx, makePlan(ctx, input));
}

function viewOf(ctx: Ctx, bp: Blueprint): RolloverPlan {
  const base = {
    nextYear: bp.nextYear,
    fromYear: bp.from ? { id: bp.from.id, name: bp.from.name } : null,
    done: bp.done,
    notCarried: bp.notCarried,
    tenth: bp.tenth,
    notDone: notDone(bp.waitingApplications),
    waitingApplications: bp.waitingApplications,
    problems: bp.problems,
  };
  if (!bp.toYear) return { ...base, toYear: null, classes: [], bellSchedules: 0, studyGroups: [], counts: zeroCounts() };
  const applied = applyPlan(bp, drySink(ctx));
  const staff = staffNames(ctx.db);
  const rooms = roomNumbers(ctx.db);
  const subjects = subjectNames(ctx.db);
  const y = bp.toYear;
  return {
    ...base,
    toYear: {
      name: y.existing?.name ?? y.input.name,
      startDate: y.existing?.start_date ?? y.input.startDate,
      endDate: y.existing?.end_date ?? y.input.endDate,
      existing: y.existing !== null,
      periods: applied.counts.periods,
      holidays: applied.counts.holidays,
    },
    classes: bp.classes.map((n) => ({
      key: n.key,
      name: className(n),
      grade: n.grade,
      letter: n.letter,
      existing: applied.existingClasses.has(n.key),
      sources: n.sources.map((s) => ({ className: className(s.cls), decision: s.decision, students: s.students })),
      students: n.students.length,
      shift: n.shift,
      room: n.roomId ? (rooms.get(n.roomId) ?? null) : null,
      classTeacher: n.teacherId ? (staff.get(n.teacherId) ?? null) : null,
      curriculum: {
        source: n.curriculum.source,
        fromClass: className(n.curriculum.from),
        subjects: n.curriculum.items.filter((i) => i.hours > 0).length,
        hours: n.curriculum.items.reduce((s, i) => s + i.hours, 0),
      },
      divisions: n.divisions.map((d) => ({ subject: subjects.get(d.division.subject_id) ?? '?', subgroups: d.subgroups.length, members: d.members.length, carried: d.carried })),
      assignments: n.assignments.length,
    })),
    bellSchedules: bp.bellSchedules.length,
    studyGroups: bp.groups.map((g) => ({ name: g.group.name, subject: subjects.get(g.group.subject_id) ?? '?', members: g.members.length, carried: g.carried })),
    counts: applied.counts,
  };
}

const refuse = (bp: Blueprint) => {
  if (bp.problems.length)
    throw invalid(
      `Переход на ${bp.toName} не выполнен: ${bp.problems[0]!.message}${bp.problems.length > 1 ? ` (и ещё замечаний: ${bp.problems.length - 1})` : ''} Ничего не изменено.`,
      bp.problems.map((p) => ({ column: 'Переход', message: p.message })),
    );
};

const nothing = (done: RolloverDone): RolloverResult => ({
  nothingToDo: true,
  message: `Нечего делать: переход на ${done.toYear} уже выполнен ${ruDate(done.doneAt.slice(0, 10))}`,
  done,
});

export async function runRollover(ctx: Ctx, input: RolloverInput): Promise<RolloverResult> {
  const first = makePlan(ctx, input);
  if (first.done) return nothing(first.done);
  refuse(first);
  progress(ctx, 0, 2, 'Резервная копия');
  const backup = beginBackupBeforeChange(ctx, REASON_BEFORE_ROLLOVER, 'Переход на новый учебный год');
  try {
    checkpoint(ctx);
  } catch (e) {
    await backup.discard();
    throw e;
  }
  const info = await backup.keep();
  checkpoint(ctx); // the last moment to cancel: the transaction below is not interrupted
  progress(ctx, 1, 2, 'Переход');
  const done = act(ctx, (w) => {
    const bp = makePlan(ctx, input);
    if (bp.done) return { again: bp.done, row: null };
    refuse(bp);
    const applied = applyPlan(bp, writeSink(ctx, w));
    const row = w.insert('year_rollover', {
      from_year_id: bp.from!.id,
      to_year_id: applied.toYearId,
      done_at: ctx.now().toISOString(),
      done_by: ctx.session.user?.login ?? ctx.actor,
      summary: JSON.stringify({ counts: applied.counts, classes: bp.classes.map((c) => c.key), tenth: bp.tenth }),
      backup_file: basename(info.file),
    });
    return { again: null, row };
  });
  if (done.again) return nothing(done.again);
  const result = doneOf(ctx, done.row!);
  return { nothingToDo: false, message: `Переход на ${result.toYear} выполнен.`, done: result };
}

export function rolloverHistory(ctx: Ctx): RolloverDone[] {
  return rollovers(ctx.db).map((r) => doneOf(ctx, r));
}
