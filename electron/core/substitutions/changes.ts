// What is done to one lesson on one date (R9): a substitute teacher; merged subgroups (the sibling
// subgroup's teacher, teaching at the same time, takes both: their id is substitute_id); a
// cancellation; a move to another date and lesson; another room. A lesson has at most one change:
// a new one replaces the old. Each action is one transaction that reads what decides it inside
// (the day as it stands then), and refuses a clash as the editor does, in Russian, naming who:
// «Котов О. И. в это время ведёт урок в 7А» — nothing is saved then. Only substitute and merge
// change the teacher and count as substitutions (the indicator, the pay journal).
import type { Ctx } from '../context';
import type { LessonChange } from '../../api/substitutions';
import type { LessonChangeKind } from '../../api/enums';
import { invalid } from '../../api/errors';
import { recordNotFound } from '../../../db/write';
import type { NewRow } from '../../../db/schema';
import { act } from '../tx';
import { ruDate } from '../format';
import { requireParallels } from '../auth/parallels';
import * as q from './queries';
import { changeView, Schedule, type Lesson } from './day';
import { absentMessage, busyMessage, heldBy, knowledge, overlaps, unavailableMessage } from './candidates';

/** A deputy changes the lessons of their parallels only (a study group's: its lowest member's class). */
function requireLessonParallels(ctx: Ctx, card: q.CardRow): void {
  if (card.grade === null) return;
  if (card.class_id) requireParallels(ctx, [{ grade: card.grade, name: card.class_name ?? card.target_name }]);
  else requireParallels(ctx, [{ grade: card.grade, name: `${card.grade}-я параллель` }], card.study_group_name ?? card.target_name);
}

/** A room taken then by another lesson: «Кабинет 12 в это время занят: урок в 7А (Котов О. И.)». */
function roomClash(s: Schedule, date: string, roomId: string, span: { start: number; end: number }, except: Lesson | null): string | null {
  const other = s.lessons(date).find((l) => l.active && l.roomId === roomId && overlaps(l, span) && !(except && l.card.id === except.card.id && l.sourceDate === except.sourceDate));
  if (!other) return null;
  const room = q.roomById(s.db, roomId);
  return `Кабинет ${room?.number ?? ''} в это время занят: урок в ${other.card.target_name} (${other.teacherShort})`;
}

function room(s: Schedule, roomId: string): q.CardRow['room_number'] {
  const r = q.roomById(s.db, roomId);
  if (!r) throw recordNotFound('room');
  return r.number;
}

type Fields = Omit<NewRow<'lesson_change'>, 'date' | 'card_id' | 'kind'>;

/** Writes the lesson's change, replacing the one it had. */
function put(ctx: Ctx, lesson: Lesson, kind: LessonChangeKind, fields: Partial<Fields>): LessonChange {
  const id = act(ctx, (w) => {
    const row = {
      date: lesson.sourceDate, card_id: lesson.card.id, kind, absence_id: lesson.absence?.id ?? null, substitute_id: null, same_subject: null,
      to_date: null, to_lesson_no: null, room_id: null, note: null, ...fields,
    };
    const old = q.changeOf(ctx.db, lesson.card.id, lesson.sourceDate);
    if (old) return w.update('lesson_change', old.id, row).id;
    return w.insert('lesson_change', row).id;
  });
  return changeView(q.changeById(ctx.db, id)!);
}

/**
 * Runs the action in one transaction (BEGIN IMMEDIATE): the day is read inside it, and `put`
 * writes in the same transaction (its act nests as a savepoint).
 */
function inTx<T>(ctx: Ctx, fn: (s: Schedule) => T): T {
  return ctx.db.tx(() => fn(new Schedule(ctx.db)), { immediate: true });
}

const note = (n: string | null | undefined) => n?.trim() || null;

export interface AssignInput {
  date: string;
  cardId: string;
  substituteId: string;
  roomId?: string | null;
  note?: string | null;
}

/** substitutions.assign: a substitute teacher for one lesson. */
export function assign(ctx: Ctx, i: AssignInput): LessonChange {
  return inTx(ctx, (s) => {
    const lesson = s.lesson(i.date, i.cardId);
    requireLessonParallels(ctx, lesson.card);
    const t = q.staffById(ctx.db, i.substituteId);
    if (!t) throw recordNotFound('staff');
    if (t.id === lesson.card.teacher_id) throw invalid(`${t.short} — учитель этого урока: выберите другого учителя.`, [{ column: 'substituteId', message: 'Учитель самого урока' }]);
    const absence = s.absenceOf(t.id, i.date);
    if (absence) throw invalid(`${absentMessage(t.short, absence)}.`, [{ column: 'substituteId', message: 'Отсутствует' }]);
    const busy = heldBy(s.lessons(i.date), t.id, lesson).find((l) => overlaps(l, lesson));
    if (busy) throw invalid(`${busyMessage(t.short, busy)}.`, [{ column: 'substituteId', message: 'Занят в это время' }]);
    const off = s.unavailableAt(t.id, i.date, lesson);
    if (off) throw invalid(`${unavailableMessage(t.short, off)}.`, [{ column: 'substituteId', message: 'Не ведёт уроки в это время' }]);
    if (i.roomId) {
      room(s, i.roomId);
      const clash = roomClash(s, i.date, i.roomId, lesson, lesson);
      if (clash) throw invalid(`${clash}.`, [{ column: 'roomId', message: 'Кабинет занят' }]);
    }
    const same = knowledge(ctx.db, s, i.date).qualified(t.id, lesson.card.subject_id);
    return put(ctx, lesson, 'substitute', { substitute_id: t.id, same_subject: same ? 1 : 0, room_id: i.roomId ?? null, note: note(i.note) });
  });
}

export type ChangeInput =
  | { kind: 'merge'; date: string; cardId: string; withCardId: string; note?: string | null }
  | { kind: 'cancel'; date: string; cardId: string; note?: string | null }
  | { kind: 'move'; date: string; cardId: string; toDate: string; toLessonNo: number; roomId?: string | null; note?: string | null }
  | { kind: 'room'; date: string; cardId: string; roomId: string; note?: string | null };

/** substitutions.change: merge subgroups, cancel, move, change the room. */
export function change(ctx: Ctx, i: ChangeInput): LessonChange {
  return inTx(ctx, (s) => {
    const lesson = s.lesson(i.date, i.cardId);
    const card = lesson.card;
    requireLessonParallels(ctx, card);
    switch (i.kind) {
      case 'cancel':
        return put(ctx, lesson, 'cancel', { note: note(i.note) });
      case 'room': {
        const number = room(s, i.roomId);
        if (i.roomId === lesson.roomId && lesson.change?.kind !== 'room') throw invalid(`Урок и так проходит в кабинете ${number}.`, [{ column: 'roomId', message: 'Тот же кабинет' }]);
        const clash = roomClash(s, i.date, i.roomId, lesson, lesson);
        if (clash) throw invalid(`${clash}.`, [{ column: 'roomId', message: 'Кабинет занят' }]);
        return put(ctx, lesson, 'room', { room_id: i.roomId, note: note(i.note) });
      }
      case 'merge': {
        if (i.withCardId === i.cardId) throw invalid('Выберите урок другой подгруппы.', [{ column: 'withCardId', message: 'Тот же урок' }]);
        const other = s.lessons(i.date).find((l) => l.card.id === i.withCardId && !l.moved);
        if (!other) throw invalid(`Урока другой подгруппы ${ruDate(i.date)} по расписанию нет.`, [{ column: 'withCardId', message: 'Нет урока' }]);
        const sibling = card.subgroup_id && other.card.subgroup_id && card.class_id === other.card.class_id && card.division_id === other.card.division_id && card.subgroup_id !== other.card.subgroup_id;
        if (!sibling) throw invalid(`Объединить можно только подгруппы одного деления класса: ${card.target_name} и ${other.card.target_name} — нет.`, [{ column: 'withCardId', message: 'Не подгруппа того же деления' }]);
        if (!overlaps(lesson, other)) throw invalid(`Урок ${other.card.target_name} идёт в другое время: объединить можно только уроки в одно время.`, [{ column: 'withCardId', message: 'Другое время' }]);
        if (!other.active || other.change?.kind === 'merge')
          throw invalid(`Урок ${other.card.target_name} ${ruDate(i.date)} сам изменён (${other.change?.kind === 'merge' ? 'объединён' : other.change?.kind === 'cancel' ? 'отменён' : 'перенесён'}): объединять не с кем.`, [
            { column: 'withCardId', message: 'Урок изменён' },
          ]);
        const absence = s.absenceOf(other.teacherId, i.date);
        if (absence) throw invalid(`${absentMessage(other.teacherShort, absence)}.`, [{ column: 'withCardId', message: 'Учитель отсутствует' }]);
        const same = card.subject_id === other.card.subject_id || knowledge(ctx.db, s, i.date).qualified(other.teacherId, card.subject_id);
        return put(ctx, lesson, 'merge', { substitute_id: other.teacherId, same_subject: same ? 1 : 0, note: note(i.note) });
      }
      case 'move': {
        if (i.toDate === i.date && i.toLessonNo === lesson.lessonNo) throw invalid('Урок и так на этом месте: выберите другой день или урок.', [{ column: 'toLessonNo', message: 'То же место' }]);
        const off = s.dayOff(i.toDate) ?? s.closed(i.toDate, card.grade);
        if (off) throw invalid(`${off}: перенести урок на этот день нельзя.`, [{ column: 'toDate', message: 'Не учебный день' }]);
        const span = s.span(card.shift, i.toLessonNo, card.duration);
        if (!span) throw invalid(`В ${card.shift}-ю смену нет ${i.toLessonNo}-го урока${card.duration > 1 ? ` (сдвоенного)` : ''} по звонкам.`, [{ column: 'toLessonNo', message: 'Нет такого урока' }]);
        const absence = s.absenceOf(card.teacher_id, i.toDate);
        if (absence) throw invalid(`${absentMessage(card.teacher_short, absence)}: перенести урок на этот день нельзя.`, [{ column: 'toDate', message: 'Учитель отсутствует' }]);
        const mine = (l: Lesson) => l.card.id === card.id && l.sourceDate === i.date;
        const there = s.lessons(i.toDate).filter((l) => l.active && !mine(l) && overlaps(l, span));
        const classClash = there.find((l) =>
          card.study_group_id
            ? l.card.study_group_id === card.study_group_id
            : l.card.class_id === card.class_id &&
              (l.card.subgroup_id === null || card.subgroup_id === null || l.card.subgroup_id === card.subgroup_id || l.card.division_id !== card.division_id),
        );
        if (classClash)
          throw invalid(`У ${classClash.card.target_name} в это время урок: ${classClash.card.subject_name} (${classClash.teacherShort}).`, [{ column: 'toLessonNo', message: 'Класс занят' }]);
        const teacherClash = there.find((l) => l.teacherId === card.teacher_id);
        if (teacherClash) throw invalid(`${busyMessage(card.teacher_short, teacherClash)}.`, [{ column: 'toLessonNo', message: 'Учитель занят' }]);
        const roomId = i.roomId ?? card.room_id;
        if (i.roomId) room(s, i.roomId);
        if (roomId) {
          const clash = roomClash(s, i.toDate, roomId, span, { card, sourceDate: i.date } as Lesson);
          if (clash) throw invalid(`${clash}.`, [{ column: 'roomId', message: 'Кабинет занят' }]);
        }
        return put(ctx, lesson, 'move', { to_date: i.toDate, to_lesson_no: i.toLessonNo, room_id: i.roomId ?? null, note: note(i.note) });
      }
    }
  });
}

/** substitutions.remove: the lesson is back as the timetable has it. */
export function removeChange(ctx: Ctx, id: string): void {
  act(ctx, (w) => {
    const c = q.changeById(ctx.db, id);
    if (!c) throw recordNotFound('lesson_change');
    const card = q.cardById(ctx.db, c.card_id);
    if (card) requireLessonParallels(ctx, card);
    w.remove('lesson_change', id);
  });
}
