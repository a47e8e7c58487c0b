// The editor's operations (issue 11): the board, the check, each slot's verdict for a card, and the
// edits. Each edit is one transaction with its deciding reads inside it: the version's model is
// loaded, the edit checked against it, a clash refused (AppError 'conflict', the first clash's
// message, every clash a problem) with nothing changed. A deputy moves only the cards of their
// parallels (R8).
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { CardPlace, Clash, SlotVerdict, TeacherUnavailable, TimetableBoard, TimetableCheck, TimetableEdit, TimetableRules } from '../../api/timetable';
import type { Db, Row, Writer } from '../../../db';
import { AppError, invalid, notFound } from '../../api/errors';
import { className } from '../../api/text';
import { ownParallels, requireGrades } from '../auth/parallels';
import { act } from '../tx';
import { buildIndex, checkIndex, checkModel, checkPlacement, warningsAdded, type CheckIndex } from './check';
import { cardRow, liveSubjects, loadModel, shortPersonName, unavailableRows, version, versionRow, yearSlots } from './queries';
import { cardLabel, cardViews, editableBy, requireCardParallels, withAssignments } from './cards';
import { effectiveRules, parseRules, touchedGrades } from './rules';
import { WEEKDAY_NAME, type TimetableModel } from './model';

/**
 * The index of a version kept between calls on one connection, so that an edit does not load the
 * whole version again: any committed change on this connection other than an edit's own (told by
 * the change events), or a commit by another connection (SQLite's data_version), drops it; an
 * edit keeps its own index true (place/remove/update) and drops it when it fails.
 */
interface IndexCache {
  entries: Map<string, CheckIndex>;
  dataVersion: number;
  /** An edit of this module is committing: its own change event keeps the cache. */
  editing: boolean;
  /** The edit changed its index: should it fail after that, the index goes. */
  touched: boolean;
}
const caches = new WeakMap<Db, IndexCache>();

function cacheOf(db: Db): IndexCache {
  let c = caches.get(db);
  if (!c) {
    const cache: IndexCache = { entries: new Map(), dataVersion: -1, editing: false, touched: false };
    db.onChange(() => {
      if (!cache.editing) cache.entries.clear();
    });
    caches.set(db, (c = cache));
  }
  const dv = db.raw.pragma('data_version', { simple: true }) as number;
  if (dv !== c.dataVersion) {
    c.entries.clear();
    c.dataVersion = dv;
  }
  return c;
}

/** The version's index, loaded when not kept (call inside the transaction that decides on it). */
function indexOf(db: Db, timetableId: string): CheckIndex {
  const cache = cacheOf(db);
  let ix = cache.entries.get(timetableId);
  if (!ix) {
    ix = buildIndex(loadModel(db, timetableId));
    cache.entries.set(timetableId, ix);
  }
  return ix;
}

/** One edit: a transaction whose own commit keeps the index it changed; a failure drops it. */
function editTx<T>(ctx: Ctx, fn: (w: Writer) => T): T {
  const cache = cacheOf(ctx.db);
  cache.editing = true;
  cache.touched = false;
  try {
    return act(ctx, fn);
  } catch (e) {
    // A refusal decided before any change leaves the index true.
    if (cache.touched) cache.entries.clear();
    throw e;
  } finally {
    cache.editing = false;
  }
}

export function refuseClashes(clashes: Clash[]): void {
  if (clashes.length) throw new AppError('conflict', clashes[0]!.message, clashes.map((c) => ({ column: c.kind, message: c.message })));
}

export function check(ctx: Ctx, timetableId: string): TimetableCheck {
  return ctx.db.tx(() => {
    versionRow(ctx.db, timetableId);
    return checkIndex(indexOf(ctx.db, timetableId));
  });
}

export function board(ctx: Ctx, timetableId: string): TimetableBoard {
  const { db } = ctx;
  return db.tx(() => {
    const t = versionRow(db, timetableId);
    const model = loadModel(db, timetableId);
    const cards = withAssignments(db, timetableId, cardViews(db, model, editableBy(ownParallels(ctx))));
    const classes = db
      .all(db.q.selectFrom('school_class').select(['id', 'grade', 'letter', 'shift']).where('year_id', '=', t.year_id).where('deleted_at', 'is', null).orderBy('grade').orderBy('letter'))
      .map((c) => ({ id: c.id, name: className(c), grade: c.grade, shift: c.shift }));
    const teacherIds = new Set(model.cards.map((c) => c.teacherId));
    const teachers = db
      .all(db.q.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name', 'roles', 'deleted_at']))
      .filter((s) => teacherIds.has(s.id) || (!s.deleted_at && s.roles.includes('"teacher"')))
      .map((s) => ({ id: s.id, name: shortPersonName(s) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    const rooms = db.all(db.q.selectFrom('room').select(['id', 'number', 'kind']).where('deleted_at', 'is', null).orderBy('number'));
    const studyGroups = db.all(db.q.selectFrom('study_group').select(['id', 'name']).where('year_id', '=', t.year_id).where('deleted_at', 'is', null).orderBy('name'));
    return {
      version: version(db, timetableId),
      slots: yearSlots(db, t.year_id),
      cards,
      check: checkModel(model),
      classes,
      teachers,
      rooms,
      studyGroups,
      unavailable: unavailableRows(db, timetableId).map(unavailableView),
    };
  });
}

const unavailableView = (u: Row<'teacher_unavailable'>): TeacherUnavailable => ({ id: u.id, staffId: u.staff_id, weekday: u.weekday, shift: u.shift, lessonNo: u.lesson_no, reason: u.reason });

/** Each slot of the card's week: the clashes it would meet there and the warnings it would add. */
export function slotsFor(ctx: Ctx, cardId: string): SlotVerdict[] {
  const { db } = ctx;
  return db.tx(() => {
    const row = cardRow(db, cardId);
    const ix = indexOf(db, row.timetable_id);
    const model = ix.model;
    const card = ix.card(cardId);
    const out: SlotVerdict[] = [];
    const lessons = ix.slotsOfDay(card.shift);
    for (let d = 1; d <= model.days; d++)
      for (const l of lessons) {
        const clashes = checkPlacement(ix, cardId, d, l, card.roomId);
        out.push({ weekday: d, lessonNo: l, clashes, warnings: warningsAdded(ix, cardId, d, l, card.roomId) });
      }
    return out;
  });
}

/** The loaded version, its index and the card, for an edit (inside its transaction). */
function editing(ctx: Ctx, cardId: string): { model: TimetableModel; ix: CheckIndex; before: CardPlace } {
  const row = cardRow(ctx.db, cardId);
  const ix = indexOf(ctx.db, row.timetable_id);
  const model = ix.model;
  const card = ix.card(cardId);
  requireCardParallels(ctx, model, card);
  return { model, ix, before: { weekday: card.weekday, lessonNo: card.lessonNo, roomId: card.roomId, pinned: card.pinned } };
}

function requireRoom(ctx: Ctx, roomId: string | null): void {
  if (!roomId) return;
  const { db } = ctx;
  if (!db.first(db.q.selectFrom('room').select('id').where('id', '=', roomId).where('deleted_at', 'is', null))) throw notFound('Кабинет');
}

function edited(ctx: Ctx, model: TimetableModel, ix: CheckIndex, cardId: string, before: CardPlace): TimetableEdit {
  const own = ownParallels(ctx);
  const [card] = cardViews(ctx.db, model, editableBy(own), [ix.card(cardId)]);
  card!.assignmentId = cardRow(ctx.db, cardId).assignment_id;
  return { card: card!, before, check: checkIndex(ix) };
}

/** Places or moves a card (roomId undefined: its room stays). */
export function place(ctx: Ctx, i: OpParsed<'timetable.place'>): TimetableEdit {
  return editTx(ctx, (w) => {
    const { model, ix, before } = editing(ctx, i.cardId);
    const roomId = i.roomId === undefined ? before.roomId : i.roomId;
    requireRoom(ctx, roomId);
    refuseClashes(checkPlacement(ix, i.cardId, i.weekday, i.lessonNo, roomId));
    w.update('timetable_card', i.cardId, { weekday: i.weekday, lesson_no: i.lessonNo, room_id: roomId });
    cacheOf(ctx.db).touched = true;
    ix.place(i.cardId, i.weekday, i.lessonNo, roomId);
    return edited(ctx, model, ix, i.cardId, before);
  });
}

export function unplace(ctx: Ctx, cardId: string): TimetableEdit {
  return editTx(ctx, (w) => {
    const { model, ix, before } = editing(ctx, cardId);
    w.update('timetable_card', cardId, { weekday: null, lesson_no: null });
    cacheOf(ctx.db).touched = true;
    ix.remove(cardId);
    return edited(ctx, model, ix, cardId, before);
  });
}

/** A card's room, pin, weeks or duration; a placed card is checked at its place as it would be. */
export function updateCard(ctx: Ctx, i: OpParsed<'timetable.updateCard'>): TimetableEdit {
  return editTx(ctx, (w) => {
    const { model, ix, before } = editing(ctx, i.cardId);
    const card = ix.card(i.cardId);
    const roomId = i.roomId === undefined ? card.roomId : i.roomId;
    const weeks = i.weeks ?? card.weeks;
    const duration = i.duration ?? card.duration;
    requireRoom(ctx, roomId);
    if (weeks !== 'every' && !model.fortnight)
      throw invalid('Чередование чётных и нечётных недель включается в настройках версии расписания («Две недели»)', [{ column: 'Недели', message: 'Расписание не на две недели' }]);
    if (card.weekday !== null && card.lessonNo !== null) refuseClashes(checkPlacement(ix, i.cardId, card.weekday, card.lessonNo, roomId, { weeks, duration }));
    w.update('timetable_card', i.cardId, { room_id: roomId, weeks, duration, pinned: i.pinned === undefined ? (card.pinned ? 1 : 0) : i.pinned ? 1 : 0 });
    cacheOf(ctx.db).touched = true;
    ix.update(i.cardId, { roomId, weeks, duration, pinned: i.pinned ?? card.pinned });
    return edited(ctx, model, ix, i.cardId, before);
  });
}

/**
 * A teacher's busy time (one lesson or the whole day). Refused while the teacher has a lesson
 * placed then: the timetable would hold a clash.
 */
export function saveUnavailable(ctx: Ctx, i: OpParsed<'timetable.unavailable.save'>): TeacherUnavailable {
  const { db } = ctx;
  return act(ctx, (w) => {
    const model = loadModel(db, i.timetableId);
    const staff = db.first(db.q.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name']).where('id', '=', i.staffId).where('deleted_at', 'is', null));
    if (!staff) throw notFound('Сотрудник');
    if (i.weekday > model.days) throw invalid(`В этом расписании ${model.days} учебных дней: ${WEEKDAY_NAME[i.weekday]} — не учебный день`, [{ column: 'День недели', message: 'Не учебный день' }]);
    if (i.lessonNo !== null && !model.slots.some((s) => s.shift === i.shift && s.lessonNo === i.lessonNo))
      throw invalid(`В ${i.shift}-й смене нет ${i.lessonNo}-го урока`, [{ column: 'Номер урока', message: 'Нет такого урока в расписании звонков' }]);
    const busy = model.cards.filter(
      (c) => c.teacherId === i.staffId && c.weekday === i.weekday && c.shift === i.shift && c.lessonNo !== null && (i.lessonNo === null || (i.lessonNo >= c.lessonNo && i.lessonNo < c.lessonNo + c.duration)),
    );
    if (busy.length) {
      const list = busy.map((c) => cardLabel(model, c));
      throw new AppError('conflict', `У ${shortPersonName(staff)} в это время стоит урок: ${list[0]} — сначала перенесите его`, list.map((message) => ({ message })));
    }
    const same = unavailableRows(db, i.timetableId).find((u) => u.staff_id === i.staffId && u.weekday === i.weekday && u.shift === i.shift && u.lesson_no === i.lessonNo);
    const row = same
      ? w.update('teacher_unavailable', same.id, { reason: i.reason })
      : w.insert('teacher_unavailable', { timetable_id: i.timetableId, staff_id: i.staffId, weekday: i.weekday, shift: i.shift, lesson_no: i.lessonNo, reason: i.reason });
    return unavailableView(row);
  });
}

export function removeUnavailable(ctx: Ctx, id: string): void {
  const { db } = ctx;
  act(ctx, (w) => {
    const row = db.first(db.q.selectFrom('teacher_unavailable').select('id').where('id', '=', id).where('deleted_at', 'is', null));
    if (!row) throw notFound('Занятое время учителя');
    w.remove('teacher_unavailable', id);
  });
}

export function rules(ctx: Ctx, timetableId: string): TimetableRules {
  return effectiveRules(versionRow(ctx.db, timetableId).rules, liveSubjects(ctx.db));
}

/** Saves the given fields of the rules (each validated, nothing coerced); a deputy only for their parallels. */
export function saveRules(ctx: Ctx, i: OpParsed<'timetable.saveRules'>): TimetableRules {
  const { db } = ctx;
  return act(ctx, (w) => {
    const t = versionRow(db, i.timetableId);
    const subjects = liveSubjects(db);
    let given: unknown;
    try {
      given = JSON.parse(i.rules);
    } catch {
      throw invalid('Правила расписания: текст не читается как JSON');
    }
    if (!given || typeof given !== 'object' || Array.isArray(given)) throw invalid('Правила расписания: нужен список настроек');
    const patch = parseRules(given as Record<string, unknown>, new Set(db.all(db.q.selectFrom('subject').select('id')).map((s) => s.id)));
    const before = effectiveRules(t.rules, subjects);
    requireGrades(ctx, touchedGrades(before, patch), 'изменение правил расписания');
    let stored: Record<string, unknown> = {};
    try {
      stored = JSON.parse(t.rules || '{}') as Record<string, unknown>;
    } catch {
      stored = {};
    }
    const next = { ...stored, ...patch };
    w.update('timetable', t.id, { rules: JSON.stringify(next) });
    return effectiveRules(JSON.stringify(next), subjects);
  });
}

