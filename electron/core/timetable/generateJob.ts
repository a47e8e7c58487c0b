// `timetable.generate` (issue 11; R8): the generator run as a cancellable job. The version is read
// once, generated on the pure model (generate.ts) with progress, and the new places are written in
// one transaction — which first re-reads the version's cards and busy times and refuses when anyone
// changed them meanwhile (a minute of generation must not overwrite an edit made in that minute).
// A deputy's run moves only cards of their parallels (R8): the others stay as they are.
import type { Db } from '../../../db';
import type { GenerateResult, GenerateScope } from '../../api/timetable';
import { AppError } from '../../api/errors';
import { gradeRanges } from '../../api/grades';
import type { NounForms } from '../../api/plural';
import type { Ctx } from '../context';
import { act } from '../tx';
import { outOf, progress } from '../job';
import { ownParallels } from '../auth/parallels';
import { generate, inScope } from './generate';
import { loadModel } from './queries';
import { checkModel } from './check';
import type { ModelCard, TimetableModel } from './model';

const LESSON: NounForms = ['урок', 'урока', 'уроков'];

/** What the generation decided on: every card of the version and busy time, with when each last changed. */
function stamp(db: Db, timetableId: string): string {
  const rows = db
    .statement(
      `SELECT 'c' AS k, id, updated_at FROM timetable_card WHERE timetable_id = ?
       UNION ALL SELECT 'u', id, updated_at FROM teacher_unavailable WHERE timetable_id = ?
       UNION ALL SELECT 't', id, updated_at FROM timetable WHERE id = ?
       ORDER BY 1, 2`,
    )
    .all(timetableId, timetableId, timetableId) as { k: string; id: string; updated_at: string }[];
  return rows.map((r) => `${r.k}${r.id}@${r.updated_at}`).join(',');
}

/** «Алгебра, 7А (Петрова А. С.)» */
export function cardName(m: TimetableModel, c: ModelCard): string {
  const target = c.studyGroupId
    ? (m.names.studyGroup.get(c.studyGroupId) ?? '')
    : c.subgroupId
      ? (m.names.subgroup.get(c.subgroupId) ?? '')
      : (m.names.class.get(c.classId ?? '') ?? '');
  return `${m.names.subject.get(c.subjectId) ?? ''}, ${target} (${m.names.teacher.get(c.teacherId) ?? ''})`;
}


export function generateTimetable(ctx: Ctx, input: { timetableId: string; scope: GenerateScope; seed: number }): GenerateResult {
  const { timetableId, scope, seed } = input;
  const before = stamp(ctx.db, timetableId);
  const full = loadModel(ctx.db, timetableId);

  // A deputy: only their parallels' cards move (R8); the rest are pinned where they are.
  const own = ownParallels(ctx);
  let model = full;
  if (own) {
    const mine = new Set(own);
    if (scope.kind === 'grade' && !mine.has(scope.grade)) {
      throw new AppError(
        'forbidden',
        own.length
          ? `Вы отвечаете за ${own.length === 1 ? `параллель ${own[0]}` : `параллели ${gradeRanges(own)}`}: расписание ${scope.grade}-х классов составляет администратор системы или заместитель директора по этой параллели.`
          : 'Вам не назначены параллели: составлять расписание нельзя. Параллели заместителя директора указываются в его карточке сотрудника.',
      );
    }
    const isMine = (c: ModelCard) => c.grade !== null && mine.has(c.grade);
    model = { ...full, cards: full.cards.filter((c) => isMine(c) || c.weekday !== null).map((c) => (isMine(c) ? c : { ...c, pinned: true })) };
  }

  const movable = model.cards.filter((c) => inScope(c, scope) && !(c.pinned && c.weekday !== null)).length;
  progress(ctx, 0, Math.max(1, movable), 'Подготовка');
  const out = generate(model, {
    scope,
    seed,
    onProgress: (done, total) =>
      done < movable
        ? progress(ctx, done, total, `Размещено ${outOf(done, movable, LESSON)}`)
        : progress(ctx, done, total, 'Уменьшение окон учителей и нагрузки дня'),
  });
  const byId = new Map(model.cards.map((c) => [c.id, c]));
  const gone = new Set(out.unplaced);

  return act(ctx, (w) => {
    if (stamp(ctx.db, timetableId) !== before)
      throw new AppError('conflict', 'Пока составлялось расписание, его изменили. Ничего не записано: запустите составление ещё раз.');
    for (const [id, p] of out.placements) {
      const c = byId.get(id)!;
      if (c.weekday === p.weekday && c.lessonNo === p.lessonNo && c.roomId === p.roomId) continue;
      w.update('timetable_card', id, { weekday: p.weekday, lesson_no: p.lessonNo, room_id: p.roomId });
    }
    // A card of the scope it could not place again comes off the board (never left in a clash).
    for (const id of gone) if (byId.get(id)!.weekday !== null) w.update('timetable_card', id, { weekday: null, lesson_no: null });
    const after: TimetableModel = {
      ...full,
      cards: full.cards.map((c) => {
        const p = out.placements.get(c.id);
        if (p) return { ...c, weekday: p.weekday, lessonNo: p.lessonNo, roomId: p.roomId };
        return gone.has(c.id) ? { ...c, weekday: null, lessonNo: null } : c;
      }),
    };
    return {
      placed: out.placements.size,
      unplaced: out.unplaced.map((id) => ({ cardId: id, name: cardName(model, byId.get(id)!) })),
      teacherWindows: out.teacherWindows,
      warnings: checkModel(after).warnings.length,
      ms: out.ms,
    };
  });
}
