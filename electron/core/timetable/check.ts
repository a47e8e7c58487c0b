// The timetable's check (issue 11; docs/timetable.md «What is a clash», «Warnings»): pure, on the
// model. `checkModel` checks the whole school; `checkPlacement` checks one edit against an index
// built once (`buildIndex`), whose `place`/`remove`/`update` keep it true through a sequence of
// edits, so that each edit's check looks only at the cards of the same day that share its teacher,
// class, room or students.
import type { Clash, ClashKind, TimetableCheck, TimetableWarning, WarningKind } from '../../api/timetable';
import type { WeekParity } from '../../api/enums';
import { roomKinds } from '../../api/enums';
import { WEEKDAY_NAME, WEEKDAY_SHORT, weeksMeet, type ModelCard, type ModelSlot, type ModelUnavailable, type TimetableModel } from './model';

export const WARNING_KINDS: readonly WarningKind[] = ['day_load', 'week_load', 'difficulty_peak', 'hard_in_row', 'teacher_window', 'first_grade', 'subject_twice'];

export const emptyCounts = (): Record<WarningKind, number> => ({ day_load: 0, week_load: 0, difficulty_peak: 0, hard_in_row: 0, teacher_window: 0, first_grade: 0, subject_twice: 0 });

/** A place to test: the card as it would be there. */
interface Probe {
  card: ModelCard;
  weekday: number;
  lessonNo: number;
  roomId: string | null;
  duration: number;
  weeks: WeekParity;
}

/** A card in the index: its ordinal (the whole-school check counts each pair once) and a visit stamp. */
interface IxCard extends ModelCard {
  ord: number;
  seen: number;
}
/** Placed cards by resource (teacher, class, room, study group), then by weekday. */
type DayBuckets = Map<string, IxCard[][]>;

const NO_CARDS: readonly IxCard[] = [];

/** A copy with every field written out: one object shape for all cards (a spread plus fields is slower to read). */
function ixCard(c: ModelCard, ord: number): IxCard {
  return {
    id: c.id,
    teacherId: c.teacherId,
    subjectId: c.subjectId,
    classId: c.classId,
    subgroupId: c.subgroupId,
    divisionId: c.divisionId,
    studyGroupId: c.studyGroupId,
    grade: c.grade,
    shift: c.shift,
    duration: c.duration,
    weeks: c.weeks,
    weekday: c.weekday,
    lessonNo: c.lessonNo,
    roomId: c.roomId,
    pinned: c.pinned,
    ord,
    seen: 0,
  };
}

function bucket(m: DayBuckets, id: string, d: number): readonly IxCard[] {
  return m.get(id)?.[d] ?? NO_CARDS;
}
function addTo(m: DayBuckets, id: string, d: number, c: IxCard): void {
  let days = m.get(id);
  if (!days) m.set(id, (days = []));
  (days[d] ??= []).push(c);
}
function dropFrom(m: DayBuckets, id: string, d: number, c: IxCard): void {
  const list = m.get(id)?.[d];
  if (!list) return;
  const i = list.indexOf(c);
  if (i >= 0) list.splice(i, 1);
}
function addToSet(map: Map<string, Set<string>>, k: string, id: string): void {
  let s = map.get(k);
  if (!s) map.set(k, (s = new Set()));
  s.add(id);
}

/** «вт, 3-й урок», «вт, 3–4-й урок» */
export function where(weekday: number, lessonNo: number, duration = 1): string {
  const lessons = duration > 1 ? `${lessonNo}–${lessonNo + duration - 1}-й урок` : `${lessonNo}-й урок`;
  return `${WEEKDAY_SHORT[weekday] ?? weekday}, ${lessons}`;
}

/**
 * The index of one version's placed cards by day and teacher, class, room and study group, with the
 * student relations between subgroups and study groups computed on demand and kept.
 */
export class CheckIndex {
  readonly cards = new Map<string, IxCard>();
  private readonly slots = new Map<string, ModelSlot>();
  private readonly byTeacherDay: DayBuckets = new Map();
  private readonly byClassDay: DayBuckets = new Map();
  private readonly byRoomDay: DayBuckets = new Map();
  private readonly byGroupDay: DayBuckets = new Map();
  /** The visit stamp of the last `neighbours` (a card seen in this gathering carries it). */
  private stamp = 0;
  private readonly peers = new Map<string, string[]>();
  private readonly busy = new Map<string, ModelUnavailable[]>();
  private readonly subgroupSets = new Map<string, Set<string>>();
  private readonly groupSets = new Map<string, Set<string>>();
  /** Study groups by the classes of their students, and the classes of each group's students. */
  private readonly classGroups = new Map<string, Set<string>>();
  private readonly groupClasses = new Map<string, Set<string>>();
  /** Study groups by student (for the groups sharing a student with a group). */
  private readonly studentGroups = new Map<string, string[]>();
  private readonly shareCache = new Map<string, boolean>();
  /** Names for the messages (made once: closures made per probe cost). */
  names!: ReturnType<typeof namer>;

  constructor(readonly model: TimetableModel) {
    this.names = namer(model);
    for (const s of model.slots) {
      this.slots.set(`${s.shift}:${s.lessonNo}`, s);
      if (s.shift === 1) this.shift1[s.lessonNo] = s;
      else if (s.shift === 2) this.shift2[s.lessonNo] = s;
    }
    for (const u of model.unavailable) {
      const k = `${u.staffId}|${u.weekday}|${u.shift}`;
      const list = this.busy.get(k) ?? [];
      list.push(u);
      this.busy.set(k, list);
    }
    for (const [sg, students] of model.subgroupStudents) this.subgroupSets.set(sg, new Set(students));
    for (const [g, students] of model.studyGroupStudents) {
      this.groupSets.set(g, new Set(students));
      for (const s of students) {
        const c = model.studentClass.get(s);
        if (c) {
          addToSet(this.classGroups, c, g);
          addToSet(this.groupClasses, g, c);
        }
        const list = this.studentGroups.get(s) ?? [];
        list.push(g);
        this.studentGroups.set(s, list);
      }
    }
    let ord = 0;
    for (const c of model.cards) {
      const copy = ixCard(c, ord++);
      this.cards.set(c.id, copy);
      if (copy.weekday !== null && copy.lessonNo !== null) this.link(copy);
    }
  }

  private link(c: IxCard): void {
    const d = c.weekday!;
    addTo(this.byTeacherDay, c.teacherId, d, c);
    if (c.classId) addTo(this.byClassDay, c.classId, d, c);
    if (c.roomId) addTo(this.byRoomDay, c.roomId, d, c);
    if (c.studyGroupId) addTo(this.byGroupDay, c.studyGroupId, d, c);
  }
  private unlink(c: IxCard): void {
    const d = c.weekday;
    if (d === null) return;
    dropFrom(this.byTeacherDay, c.teacherId, d, c);
    if (c.classId) dropFrom(this.byClassDay, c.classId, d, c);
    if (c.roomId) dropFrom(this.byRoomDay, c.roomId, d, c);
    if (c.studyGroupId) dropFrom(this.byGroupDay, c.studyGroupId, d, c);
  }

  card(cardId: string): IxCard {
    const c = this.cards.get(cardId);
    if (!c) throw new Error(`card ${cardId} is not in the timetable`);
    return c;
  }

  /** Places (or moves) a card in the index. */
  place(cardId: string, weekday: number, lessonNo: number, roomId: string | null): void {
    const c = this.card(cardId);
    this.unlink(c);
    c.weekday = weekday;
    c.lessonNo = lessonNo;
    c.roomId = roomId;
    this.link(c);
  }

  /** Takes a card off the timetable (it stays in the index, not placed). */
  remove(cardId: string): void {
    const c = this.card(cardId);
    this.unlink(c);
    c.weekday = null;
    c.lessonNo = null;
  }

  /** Changes a card's room, weeks, duration or pin. */
  update(cardId: string, patch: Partial<Pick<ModelCard, 'roomId' | 'weeks' | 'duration' | 'pinned'>>): void {
    const c = this.card(cardId);
    this.unlink(c);
    Object.assign(c, patch);
    if (c.weekday !== null) this.link(c);
  }

  /** The card's time at a place: [start, end) in minutes; null when a lesson has no bell. */
  interval(shift: number, lessonNo: number, duration: number): [number, number] | null {
    const bells = shift === 2 ? this.shift2 : this.shift1;
    const first = bells[lessonNo];
    const last = bells[lessonNo + duration - 1];
    if (!first || !last) return null;
    for (let n = lessonNo + 1; n < lessonNo + duration - 1; n++) if (!bells[n]) return null;
    return [first.start, last.end];
  }
  /** The bells of each shift by lesson number. */
  private readonly shift1: (ModelSlot | undefined)[] = [];
  private readonly shift2: (ModelSlot | undefined)[] = [];

  hasSlot(shift: number, lessonNo: number): boolean {
    return this.slots.has(`${shift}:${lessonNo}`);
  }

  busyAt(staffId: string, weekday: number, shift: number): ModelUnavailable[] {
    return this.busy.get(`${staffId}|${weekday}|${shift}`) ?? [];
  }

  private shares(kind: string, a: string, b: string, sa: Set<string> | undefined, sb: Set<string> | undefined): boolean {
    const k = a < b ? `${kind}|${a}|${b}` : `${kind}|${b}|${a}`;
    let v = this.shareCache.get(k);
    if (v === undefined) {
      v = false;
      if (sa && sb) {
        const [small, big] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
        for (const s of small)
          if (big.has(s)) {
            v = true;
            break;
          }
      }
      this.shareCache.set(k, v);
    }
    return v;
  }
  subgroupsShare(a: string, b: string): boolean {
    return this.shares('ss', a, b, this.subgroupSets.get(a), this.subgroupSets.get(b));
  }
  subgroupEmpty(a: string): boolean {
    return !this.subgroupSets.get(a)?.size;
  }
  groupSharesSubgroup(g: string, sg: string): boolean {
    return this.shares('gs', g, sg, this.groupSets.get(g), this.subgroupSets.get(sg));
  }
  groupsShare(a: string, b: string): boolean {
    return a === b || this.shares('gg', a, b, this.groupSets.get(a), this.groupSets.get(b));
  }
  /** The group has a student of the class. */
  groupInClass(g: string, classId: string): boolean {
    return this.groupClasses.get(g)?.has(classId) ?? false;
  }
  /** Groups sharing a student with g (g itself included); the memberships do not change in an index. */
  groupPeers(g: string): readonly string[] {
    let out = this.peers.get(g);
    if (!out) {
      const set = new Set<string>([g]);
      for (const s of this.groupSets.get(g) ?? []) for (const other of this.studentGroups.get(s) ?? []) set.add(other);
      this.peers.set(g, (out = [...set]));
    }
    return out;
  }

  private gather(out: IxCard[], list: readonly IxCard[], s: number): void {
    for (const c of list)
      if (c.seen !== s) {
        c.seen = s;
        out.push(c);
      }
  }

  /** The placed cards of a day that may clash with a card (same teacher, class, room or students), the card itself aside. */
  neighbours(p: Probe): IxCard[] {
    const d = p.weekday;
    const c = p.card as IxCard;
    const s = ++this.stamp;
    c.seen = s;
    const out: IxCard[] = [];
    this.gather(out, bucket(this.byTeacherDay, c.teacherId, d), s);
    if (p.roomId) this.gather(out, bucket(this.byRoomDay, p.roomId, d), s);
    if (c.classId) {
      this.gather(out, bucket(this.byClassDay, c.classId, d), s);
      const groups = this.classGroups.get(c.classId);
      if (groups) for (const g of groups) this.gather(out, bucket(this.byGroupDay, g, d), s);
    }
    if (c.studyGroupId) {
      const classes = this.groupClasses.get(c.studyGroupId);
      if (classes) for (const cl of classes) this.gather(out, bucket(this.byClassDay, cl, d), s);
      for (const g of this.groupPeers(c.studyGroupId)) this.gather(out, bucket(this.byGroupDay, g, d), s);
    }
    return out;
  }

  slotsOfDay(shift: number): number[] {
    return this.model.slots.filter((s) => s.shift === shift).map((s) => s.lessonNo);
  }

  placedOfClassDay(classId: string, weekday: number): readonly ModelCard[] {
    return bucket(this.byClassDay, classId, weekday);
  }
  placedOfTeacherDay(teacherId: string, weekday: number): readonly ModelCard[] {
    return bucket(this.byTeacherDay, teacherId, weekday);
  }
  /** The teachers with a placed card, and their days. */
  teacherDays(): IterableIterator<[string, IxCard[][]]> {
    return this.byTeacherDay.entries();
  }
}

export function buildIndex(model: TimetableModel): CheckIndex {
  return new CheckIndex(model);
}

// ---------------------------------------------------------------------------------------------
// Clashes

/** Names for the messages. */
function namer(m: TimetableModel) {
  const teacher = (id: string) => m.names.teacher.get(id) ?? 'Учитель';
  const subject = (id: string) => m.names.subject.get(id) ?? 'предмет';
  const target = (c: ModelCard) =>
    c.subgroupId ? (m.names.subgroup.get(c.subgroupId) ?? 'подгруппа') : c.classId ? (m.names.class.get(c.classId) ?? 'класс') : `группа «${m.names.studyGroup.get(c.studyGroupId ?? '') ?? ''}»`;
  const room = (id: string) => m.rooms.get(id)?.number ?? '?';
  return { teacher, subject, target, room };
}

/** What kinds of clash two cards at overlapping times meet (the room aside). */
function pairKinds(ix: CheckIndex, a: ModelCard, b: ModelCard): ClashKind[] {
  const out: ClashKind[] = [];
  if (a.teacherId === b.teacherId) out.push('teacher');
  if (a.studyGroupId || b.studyGroupId) {
    let meet: boolean;
    if (a.studyGroupId && b.studyGroupId) meet = ix.groupsShare(a.studyGroupId, b.studyGroupId);
    else {
      const [g, x] = a.studyGroupId ? [a, b] : [b, a];
      meet = x.subgroupId ? ix.groupSharesSubgroup(g.studyGroupId!, x.subgroupId) : ix.groupInClass(g.studyGroupId!, x.classId!);
    }
    if (meet) out.push('student');
  } else if (a.classId && a.classId === b.classId) {
    if (!a.subgroupId || !b.subgroupId) out.push('class');
    else if (a.subgroupId === b.subgroupId) out.push('subgroup');
    else if (ix.subgroupsShare(a.subgroupId, b.subgroupId)) out.push('subgroup');
    else if (a.divisionId !== b.divisionId && (ix.subgroupEmpty(a.subgroupId) || ix.subgroupEmpty(b.subgroupId))) out.push('subgroup');
  }
  return out;
}

function clashMessage(ix: CheckIndex, kind: ClashKind, a: Probe, b: ModelCard): string {
  const n = ix.names;
  const at = where(b.weekday!, b.lessonNo!, b.duration);
  const lesson = `«${n.subject(b.subjectId)}»`;
  switch (kind) {
    case 'teacher':
      return `${n.teacher(b.teacherId)} в это время ведёт урок в ${n.target(b)} (${at})`;
    case 'class':
      return `У ${n.target(a.card)} в это время уже урок ${lesson}${b.subgroupId || b.classId !== a.card.classId ? ` в ${n.target(b)}` : ''} — ${n.teacher(b.teacherId)} (${at})`;
    case 'subgroup':
      return a.card.subgroupId === b.subgroupId
        ? `У ${n.target(a.card)} в это время уже урок ${lesson} — ${n.teacher(b.teacherId)} (${at})`
        : `У ${n.target(a.card)} и ${n.target(b)} общие ученики, а у ${n.target(b)} в это время урок ${lesson} (${at})`;
    case 'student':
      return a.card.studyGroupId
        ? `Ученики группы «${ix.model.names.studyGroup.get(a.card.studyGroupId) ?? ''}» в это время на уроке ${lesson} в ${n.target(b)} (${at})`
        : `У учеников ${n.target(a.card)} в это время урок ${lesson} в ${n.target(b)} (${at})`;
    case 'room':
      return `Кабинет ${n.room(b.roomId!)} в это время занят: ${n.target(b)}, ${lesson}, ${n.teacher(b.teacherId)} (${at})`;
    default:
      return '';
  }
}

/**
 * The clashes of a card placed at (weekday, lessonNo) in roomId, against the index (the card's own
 * current place is ignored). `change`: its weeks or duration as they would be.
 */
export function checkPlacement(
  source: CheckIndex | TimetableModel,
  cardId: string,
  weekday: number,
  lessonNo: number,
  roomId: string | null,
  change: { weeks?: WeekParity; duration?: number } = {},
): Clash[] {
  const ix = source instanceof CheckIndex ? source : buildIndex(source);
  const card = ix.card(cardId);
  const p: Probe = { card, weekday, lessonNo, roomId, duration: change.duration ?? card.duration, weeks: change.weeks ?? card.weeks };
  return probeClashes(ix, p, -1);
}

/** `after`: only cards whose ordinal is greater (the whole-school check counts each pair once); -1: all. */
function probeClashes(ix: CheckIndex, p: Probe, after: number): Clash[] {
  const m = ix.model;
  const n = ix.names;
  const out: Clash[] = [];
  const { card } = p;
  const single = (kind: ClashKind, message: string) => out.push({ kind, cardId: card.id, otherCardId: null, message });
  if (p.weekday > m.days) {
    single('no_slot', `В этом расписании ${m.days} учебных дней: ${WEEKDAY_NAME[p.weekday] ?? p.weekday} — не учебный день`);
    return out;
  }
  const span = ix.interval(card.shift, p.lessonNo, p.duration);
  if (!span) {
    const missing = Array.from({ length: p.duration }, (_, k) => p.lessonNo + k).find((l) => !ix.hasSlot(card.shift, l)) ?? p.lessonNo;
    single('no_slot', `В ${card.shift}-й смене нет ${missing}-го урока: в расписании звонков его нет (${n.target(card)}, ${WEEKDAY_SHORT[p.weekday]})`);
    return out;
  }
  {
    for (const u of ix.busyAt(card.teacherId, p.weekday, card.shift))
      if (u.lessonNo === null || (u.lessonNo >= p.lessonNo && u.lessonNo < p.lessonNo + p.duration)) {
        single(
          'unavailable',
          u.reason === 'methodical_day'
            ? `У ${n.teacher(card.teacherId)} методический день (${WEEKDAY_NAME[p.weekday]})`
            : `${n.teacher(card.teacherId)} в это время не может вести уроки (${u.lessonNo === null ? `${WEEKDAY_NAME[p.weekday]}, весь день` : where(p.weekday, p.lessonNo, p.duration)})`,
        );
        break;
      }
    const need = m.subjectRoomKind.get(card.subjectId);
    const room = p.roomId ? m.rooms.get(p.roomId) : undefined;
    if (need && room && room.kind !== need)
      single('room_kind', `Для предмета «${n.subject(card.subjectId)}» нужен кабинет вида «${roomKinds.labels[need]}», а кабинет ${room.number} — «${roomKinds.labels[room.kind]}» (${where(p.weekday, p.lessonNo, p.duration)})`);
  }
  const [start, end] = span;
  for (const b of ix.neighbours(p)) {
    if (b.ord <= after) continue;
    if (!weeksMeet(p.weeks, b.weeks)) continue;
    const other = ix.interval(b.shift, b.lessonNo!, b.duration);
    if (!other || other[0] >= end || start >= other[1]) continue;
    const kinds = pairKinds(ix, card, b);
    if (p.roomId && p.roomId === b.roomId) kinds.push('room');
    for (const kind of kinds) out.push({ kind, cardId: card.id, otherCardId: b.id, message: clashMessage(ix, kind, p, b) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Warnings

const gradeKey = (g: number | null) => String(g ?? 0);

function difficultyOf(m: TimetableModel, c: ModelCard, grade: number | null): number {
  return m.rules.difficulty[c.subjectId]?.[gradeKey(grade)] ?? 0;
}

function classWarning(out: TimetableWarning[], kind: WarningKind, message: string, classId: string, weekday: number | null, cards: readonly ModelCard[]): void {
  const ids: string[] = [];
  for (const c of cards) if (!ids.includes(c.id)) ids.push(c.id);
  out.push({ kind, message, classId, teacherId: null, weekday, cardIds: ids });
}

/** The warnings of one class (every day and the week). */
export function classWarnings(ix: CheckIndex, classId: string, grade: number): TimetableWarning[] {
  const m = ix.model;
  const r = m.rules;
  const name = m.names.class.get(classId) ?? '';
  const out: TimetableWarning[] = [];
  const g = gradeKey(grade);
  const dailyMax = r.dailyMax[g];
  const firstGradeStep = grade === 1 ? r.firstGradeDaily[(m.validFrom ?? '2000-09-01').slice(5, 7)] : undefined;
  let weekHours = 0;
  const dayTotals: [number, number][] = [];
  const weekCards: ModelCard[] = [];
  for (let d = 1; d <= m.days; d++) {
    const cards = ix.placedOfClassDay(classId, d);
    if (!cards.length) continue;
    for (const c of cards) weekCards.push(c);
    // Lesson positions: the cards at each lesson number of the day.
    const positions: ModelCard[][] = [];
    let lessons = 0;
    for (const c of cards)
      for (let k = 0; k < c.duration; k++) {
        const at = c.lessonNo! + k;
        const list = positions[at];
        if (list) list.push(c);
        else {
          positions[at] = [c];
          lessons++;
        }
      }
    const day = WEEKDAY_NAME[d];
    if (dailyMax !== undefined && lessons > dailyMax) classWarning(out, 'day_load', `У ${name} ${lessons} уроков ${onDay(d)} — больше ${dailyMax}, допустимых для ${grade} класса`, classId, d, cards);
    if (firstGradeStep !== undefined && lessons > firstGradeStep)
      classWarning(out, 'first_grade', `У ${name} ${lessons} уроков ${onDay(d)}: в ступенчатом режиме в этом месяце — не больше ${firstGradeStep}`, classId, d, cards);
    // A subject twice a day (not as one double lesson): two starts whose weeks meet.
    const bySubject = new Map<string, ModelCard[]>();
    for (const c of cards) {
      const list = bySubject.get(c.subjectId);
      if (list) list.push(c);
      else bySubject.set(c.subjectId, [c]);
    }
    for (const [subjectId, list] of bySubject) {
      if (list.length < 2) continue;
      let twice = false;
      for (let i = 0; i < list.length && !twice; i++)
        for (let j = 0; j < list.length; j++)
          if (list[j]!.lessonNo !== list[i]!.lessonNo && weeksMeet(list[i]!.weeks, list[j]!.weeks)) {
            twice = true;
            break;
          }
      if (twice) classWarning(out, 'subject_twice', `У ${name} «${m.names.subject.get(subjectId) ?? ''}» дважды ${onDay(d)}`, classId, d, list);
    }
    // Hours and difficulty: a position's difficulty is its hardest card's.
    let total = 0;
    let runFrom = -1;
    let runTo = -1;
    const flushRun = () => {
      const len = runFrom < 0 ? 0 : runTo - runFrom + 1;
      if (len > r.maxHardInRow) {
        const runCards: ModelCard[] = [];
        for (let l = runFrom; l <= runTo; l++) for (const c of positions[l]!) runCards.push(c);
        classWarning(out, 'hard_in_row', `У ${name} ${len} трудных урока подряд (${day}, ${runFrom}–${runTo}-й): больше ${r.maxHardInRow}`, classId, d, runCards);
      }
      runFrom = runTo = -1;
    };
    for (let l = 0; l < positions.length; l++) {
      const list = positions[l];
      if (!list) continue;
      let every = false;
      let odd = false;
      let even = false;
      let pts = 0;
      for (const c of list) {
        if (c.weeks === 'every') every = true;
        else if (c.weeks === 'odd') odd = true;
        else if (c.weeks === 'even') even = true;
        const p = difficultyOf(m, c, grade);
        if (p > pts) pts = p;
      }
      weekHours += every || (odd && even) ? 1 : 0.5;
      total += pts;
      if (pts >= r.hardFrom) {
        if (runFrom >= 0 && runTo === l - 1) runTo = l;
        else {
          flushRun();
          runFrom = runTo = l;
        }
      } else flushRun();
    }
    flushRun();
    dayTotals.push([d, total]);
  }
  const weekMax = r.weeklyMax[g]?.[m.days === 6 ? 1 : 0];
  if (weekMax !== undefined && weekMax !== null && weekHours > weekMax)
    classWarning(out, 'week_load', `У ${name} ${String(weekHours).replace('.', ',')} ч в неделю — больше ${weekMax}, допустимых для ${grade} класса при ${m.days}-дневной неделе`, classId, null, weekCards);
  let top = 0;
  for (const [, t] of dayTotals) if (t > top) top = t;
  if (top > 0 && r.peakDays.length) {
    const peaks = dayTotals.filter(([, t]) => t === top).map(([d]) => d);
    if (!peaks.some((d) => r.peakDays.includes(d)))
      classWarning(out, 'difficulty_peak', `У ${name} самый трудный день — ${peaks.map((d) => WEEKDAY_NAME[d]).join(', ')} (${top} баллов), а должен быть ${r.peakDays.map((d) => WEEKDAY_NAME[d]).join(' или ')}`, classId, null, []);
  }
  return out;
}

/** «во вторник», «в среду» */
const ON_DAY = ['', 'в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу'];
const onDay = (d: number) => ON_DAY[d] ?? '';

/** A teacher's windows among a day's cards: free lessons between their lessons, per shift (bit masks of lesson numbers). */
function windowsOf(cards: readonly ModelCard[]): number {
  let mask1 = 0;
  let mask2 = 0;
  for (const c of cards) {
    const bits = ((1 << c.duration) - 1) * 2 ** c.lessonNo!;
    if (c.shift === 2) mask2 |= bits;
    else mask1 |= bits;
  }
  return spanGaps(mask1) + spanGaps(mask2);
}
/** The unset bits between the lowest and the highest set bit. */
function spanGaps(mask: number): number {
  if (!mask) return 0;
  const low = 31 - Math.clz32(mask & -mask);
  const high = 31 - Math.clz32(mask);
  let set = 0;
  for (let x = mask; x; x &= x - 1) set++;
  return high - low + 1 - set;
}

/** A teacher's windows on a day: free lessons between their lessons, per shift. */
export function teacherWindows(ix: CheckIndex, teacherId: string, weekday: number): number {
  return windowsOf(ix.placedOfTeacherDay(teacherId, weekday));
}

function teacherWarning(ix: CheckIndex, teacherId: string, weekday: number, cards: readonly ModelCard[], w: number): TimetableWarning {
  const name = ix.model.names.teacher.get(teacherId) ?? '';
  return {
    kind: 'teacher_window',
    message: `У ${name} ${w} ${w === 1 ? 'окно' : w < 5 ? 'окна' : 'окон'} (${WEEKDAY_NAME[weekday]}): больше ${ix.model.rules.maxTeacherWindows}`,
    classId: null,
    teacherId,
    weekday,
    cardIds: cards.map((c) => c.id),
  };
}

/** The teacher's warning of a day, when its windows are over the limit. */
export function teacherDayWarning(ix: CheckIndex, teacherId: string, weekday: number): TimetableWarning | null {
  const cards = ix.placedOfTeacherDay(teacherId, weekday);
  const w = windowsOf(cards);
  return w <= ix.model.rules.maxTeacherWindows ? null : teacherWarning(ix, teacherId, weekday, cards, w);
}

/** Counts by kind; a teacher's day counts each of its windows. */
export function countWarnings(warnings: readonly TimetableWarning[], ix: CheckIndex): Record<WarningKind, number> {
  const counts = emptyCounts();
  for (const w of warnings) counts[w.kind] += w.kind === 'teacher_window' ? teacherWindows(ix, w.teacherId!, w.weekday!) : 1;
  return counts;
}

function classGrades(m: TimetableModel): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of m.cards) if (c.classId && c.grade !== null) out.set(c.classId, c.grade);
  return out;
}

/** Every warning of the school, and their counts (a teacher's day counts each of its windows). */
function allWarningsCounted(ix: CheckIndex): { warnings: TimetableWarning[]; counts: Record<WarningKind, number> } {
  const m = ix.model;
  const warnings: TimetableWarning[] = [];
  const counts = emptyCounts();
  for (const [classId, grade] of classGrades(m))
    for (const w of classWarnings(ix, classId, grade)) {
      warnings.push(w);
      counts[w.kind]++;
    }
  const limit = m.rules.maxTeacherWindows;
  for (const [teacherId, days] of ix.teacherDays())
    for (let d = 1; d <= m.days; d++) {
      const cards = days[d];
      if (!cards || cards.length < 2) continue;
      const w = windowsOf(cards);
      if (w <= limit) continue;
      warnings.push(teacherWarning(ix, teacherId, d, cards, w));
      counts.teacher_window += w;
    }
  return { warnings, counts };
}

export function allWarnings(ix: CheckIndex): TimetableWarning[] {
  return allWarningsCounted(ix).warnings;
}

/** The whole school's check: every clash (each pair once) and every warning. */
export function checkIndex(ix: CheckIndex): TimetableCheck {
  const clashes: Clash[] = [];
  for (const c of ix.cards.values()) {
    if (c.weekday === null || c.lessonNo === null) continue;
    const found = probeClashes(ix, { card: c, weekday: c.weekday, lessonNo: c.lessonNo, roomId: c.roomId, duration: c.duration, weeks: c.weeks }, c.ord);
    for (const x of found) clashes.push(x);
  }
  const { warnings, counts } = allWarningsCounted(ix);
  return { clashes, warnings, counts };
}

export function checkModel(model: TimetableModel): TimetableCheck {
  return checkIndex(buildIndex(model));
}

/**
 * The warning kinds a card would add at a place: its class's and teacher's warnings before and
 * after, compared by kind. The index is left as it was.
 */
export function warningsAdded(ix: CheckIndex, cardId: string, weekday: number, lessonNo: number, roomId: string | null): WarningKind[] {
  const c = ix.card(cardId);
  const before = { weekday: c.weekday, lessonNo: c.lessonNo, roomId: c.roomId };
  const local = (): Record<WarningKind, number> => {
    const ws: TimetableWarning[] = [];
    if (c.classId && c.grade !== null) ws.push(...classWarnings(ix, c.classId, c.grade));
    for (let d = 1; d <= ix.model.days; d++) {
      const w = teacherDayWarning(ix, c.teacherId, d);
      if (w) ws.push(w);
    }
    return countWarnings(ws, ix);
  };
  const was = local();
  ix.place(cardId, weekday, lessonNo, roomId);
  const now = local();
  if (before.weekday === null || before.lessonNo === null) ix.remove(cardId);
  else ix.place(cardId, before.weekday, before.lessonNo, before.roomId);
  return WARNING_KINDS.filter((k) => now[k] > was[k]);
}
