// Timetable versions (issue 11): each applies from its date until the day before the next one's
// (validTo computed); a new version may copy another's cards, places and teachers' busy times (a
// change from a date keeps the past as it was).
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { TimetableVersion } from '../../api/timetable';
import type { NewRow } from '../../../db';
import { AppError, invalid, notFound } from '../../api/errors';
import { ruDate } from '../format';
import { currentYearOrNull } from '../year';
import { ownParallels, requireParallels } from '../auth/parallels';
import { act } from '../tx';
import { cardRows, listVersions, loadModel, unavailableRows, version, versionRow } from './queries';
import { cardClasses } from './cards';

export function versions(ctx: Ctx, yearId: string | null | undefined): TimetableVersion[] {
  const year = yearId ?? currentYearOrNull(ctx);
  if (!year) return [];
  return listVersions(ctx.db, year);
}

/** R8: a version's settings and its removal reach every card in it: a deputy only when all are of their parallels. */
function requireWholeVersion(ctx: Ctx, timetableId: string): void {
  if (!ownParallels(ctx)) return;
  const model = loadModel(ctx.db, timetableId);
  requireParallels(ctx, model.cards.flatMap((c) => cardClasses(ctx.db, model, c)));
}

const SATURDAY = 'На субботу поставлены уроки';

export function saveVersion(ctx: Ctx, i: OpParsed<'timetable.saveVersion'>): TimetableVersion {
  const { db } = ctx;
  const id = act(ctx, (w) => {
    const year = db.first(db.q.selectFrom('academic_year').selectAll().where('id', '=', i.yearId).where('deleted_at', 'is', null));
    if (!year) throw notFound('Учебный год');
    if (i.validFrom < year.start_date || i.validFrom > year.end_date)
      throw invalid(`Дата начала действия должна быть в пределах учебного года ${year.name} (${ruDate(year.start_date)}–${ruDate(year.end_date)})`, [
        { column: 'Действует с', message: `Дата вне учебного года ${year.name}` },
      ]);
    const same = db.first(db.q.selectFrom('timetable').select(['id', 'name']).where('year_id', '=', i.yearId).where('valid_from', '=', i.validFrom).where('deleted_at', 'is', null));
    if (same && same.id !== i.id)
      throw invalid(`С ${ruDate(i.validFrom)} уже действует расписание «${same.name}»: выберите другую дату`, [{ column: 'Действует с', message: `С этой даты уже есть расписание «${same.name}»` }]);
    const values = { year_id: i.yearId, name: i.name, valid_from: i.validFrom, days: i.days, fortnight: i.fortnight ? 1 : 0 };
    /** What the week's settings would break among these cards. */
    const refuseBroken = (cards: { weekday: number | null; weeks: string }[], copy: boolean) => {
      const sat = cards.filter((c) => c.weekday === 6).length;
      if (i.days === 5 && sat) throw invalid(`${SATURDAY} (${sat}): ${copy ? 'в копируемой версии' : 'снимите их'} — или оставьте шестидневную неделю`, [{ column: 'Дней в неделе', message: `${SATURDAY} (${sat})` }]);
      const parity = cards.filter((c) => c.weeks !== 'every').length;
      if (!i.fortnight && parity)
        throw invalid(`Уроков по чётным или нечётным неделям: ${parity} — оставьте расписание на две недели`, [{ column: 'Две недели', message: `Уроков по чётным или нечётным неделям: ${parity}` }]);
    };
    if (i.id) {
      const old = versionRow(db, i.id);
      if (i.copyFrom) throw invalid('Копировать уроки можно только в новую версию расписания');
      if (old.year_id !== i.yearId) throw invalid('Версию расписания нельзя перенести в другой учебный год');
      requireWholeVersion(ctx, old.id);
      refuseBroken(cardRows(db, old.id), false);
      w.update('timetable', old.id, values);
      return old.id;
    }
    let source = null as ReturnType<typeof versionRow> | null;
    if (i.copyFrom) {
      source = versionRow(db, i.copyFrom);
      if (source.year_id !== i.yearId) throw invalid('Копировать можно только расписание того же учебного года');
    }
    const created = w.insert('timetable', { ...values, rules: source?.rules ?? '{}' });
    if (source) {
      const cards = cardRows(db, source.id);
      refuseBroken(cards, true);
      w.insertMany(
        'timetable_card',
        cards.map(
          (c): NewRow<'timetable_card'> => ({
            timetable_id: created.id, assignment_id: c.assignment_id, teacher_id: c.teacher_id, subject_id: c.subject_id, class_id: c.class_id, subgroup_id: c.subgroup_id,
            study_group_id: c.study_group_id, shift: c.shift, duration: c.duration, weeks: c.weeks, weekday: c.weekday, lesson_no: c.lesson_no, room_id: c.room_id, pinned: c.pinned, fet_id: c.fet_id,
          }),
        ),
      );
      w.insertMany(
        'teacher_unavailable',
        unavailableRows(db, source.id)
          .filter((u) => u.weekday <= i.days)
          .map((u): NewRow<'teacher_unavailable'> => ({ timetable_id: created.id, staff_id: u.staff_id, weekday: u.weekday, shift: u.shift, lesson_no: u.lesson_no, reason: u.reason })),
      );
    }
    return created.id;
  });
  return version(db, id);
}

export function removeVersion(ctx: Ctx, id: string): void {
  const { db } = ctx;
  act(ctx, (w) => {
    versionRow(db, id);
    requireWholeVersion(ctx, id);
    const cards = cardRows(db, id);
    const changes = db.first(
      db.q
        .selectFrom('lesson_change as l')
        .innerJoin('timetable_card as c', 'c.id', 'l.card_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('c.timetable_id', '=', id)
        .where('l.deleted_at', 'is', null),
    );
    if (Number(changes?.n ?? 0) > 0)
      throw new AppError('conflict', `По этому расписанию записаны замены и изменения уроков (${changes!.n}): удалить его нельзя, прошлое должно остаться как было.`);
    for (const c of cards) w.remove('timetable_card', c.id);
    for (const u of unavailableRows(db, id)) w.remove('teacher_unavailable', u.id);
    w.remove('timetable', id);
  });
}
