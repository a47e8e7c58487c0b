// The timetable editor's pure helpers (issue 11 point 2; R8): the grid of each view (class,
// teacher, room, the whole-school board), which cards stand in a cell, the cursor's moves.
import type { CardPlace, SlotVerdict, TimetableBoard, TimetableCard, WarningKind } from '../../../electron/api/timetable';

export const WEEKDAYS = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];
export const WEEKDAYS_SHORT = ['пн', 'вт', 'ср', 'чт', 'пт', 'сб'];

export const WARNING_LABELS: Record<WarningKind, string> = {
  week_load: 'Недельная нагрузка выше нормы',
  day_load: 'Уроков в день больше нормы',
  difficulty_peak: 'Пик трудности не во вт/ср',
  hard_in_row: 'Трудные уроки подряд',
  teacher_window: 'Окна у учителей',
  first_grade: 'Ступенчатый режим 1 класса',
  subject_twice: 'Предмет дважды в день',
};

export type ViewKind = 'class' | 'teacher' | 'room' | 'board';

/** A row of the grid: a lesson of a shift (class, teacher, room views) or a class or study group (the board). */
export interface GridRow {
  key: string;
  label: string;
  title?: string;
  /** The board's row: its shift; a slot row: the slot's shift. */
  shift: number;
  /** A slot row: its lesson number. */
  lessonNo?: number;
  /** A slot row: «08:30–09:15». */
  time?: string;
  /** The board's row: whose cards it shows. */
  owner?: { kind: 'class' | 'group'; id: string; grade: number | null };
}

export interface GridCol {
  key: string;
  label: string;
  weekday: number;
  /** The board: its lesson number; a day column of the other views: none. */
  lessonNo?: number;
  /** The first column of a day (the board draws the day's border and label). */
  dayStart?: boolean;
}

export interface Cell {
  weekday: number;
  lessonNo: number;
  shift: number;
  /** The lesson has a bell in this shift. */
  exists: boolean;
}

export interface Layout {
  view: ViewKind;
  rows: GridRow[];
  cols: GridCol[];
}

/** «Петрова А. С.» → «ПАС»: the board's compact cell. */
export function initials(name: string): string {
  return name
    .split(/[\s.]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase())
    .join('');
}

/** «Рус. яз.» → «Рус», «Математика» → «Мате»: what fits the board's narrow cell (the full name is in its title). */
export function boardShort(short: string, name: string): string {
  const first = (short || name).split(/[\s.]+/).find(Boolean) ?? '';
  return first.slice(0, 4);
}

/** The lesson numbers each shift has a bell for. */
export function lessonsByShift(board: TimetableBoard): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (const s of board.slots) {
    const l = m.get(s.shift) ?? [];
    l.push(s.lessonNo);
    m.set(s.shift, l);
  }
  for (const l of m.values()) l.sort((a, b) => a - b);
  return m;
}

export function layoutOf(board: TimetableBoard, view: ViewKind, entityShift: number | null): Layout {
  const days = Array.from({ length: board.version.days }, (_, i) => i + 1);
  const byShift = lessonsByShift(board);
  if (view === 'board') {
    const all = [...new Set(board.slots.map((s) => s.lessonNo))].sort((a, b) => a - b);
    const cols: GridCol[] = [];
    for (const d of days)
      all.forEach((n, i) => cols.push({ key: `${d}.${n}`, label: String(n), weekday: d, lessonNo: n, dayStart: i === 0 }));
    const rows: GridRow[] = board.classes.map((c) => ({ key: `c:${c.id}`, label: c.name, shift: c.shift, owner: { kind: 'class', id: c.id, grade: c.grade } }));
    const groupShift = (id: string) => board.cards.find((x) => x.studyGroupId === id)?.shift ?? 1;
    for (const g of board.studyGroups)
      rows.push({ key: `g:${g.id}`, label: g.name, title: `Учебная группа «${g.name}»`, shift: groupShift(g.id), owner: { kind: 'group', id: g.id, grade: board.cards.find((x) => x.studyGroupId === g.id)?.grade ?? null } });
    return { view, rows, cols };
  }
  const shifts = entityShift !== null ? [entityShift] : [...byShift.keys()].sort((a, b) => a - b);
  const rows: GridRow[] = [];
  for (const sh of shifts)
    for (const s of board.slots.filter((x) => x.shift === sh).sort((a, b) => a.lessonNo - b.lessonNo))
      rows.push({
        key: `${sh}.${s.lessonNo}`,
        label: shifts.length > 1 ? `${s.lessonNo} (${sh} см.)` : `${s.lessonNo}`,
        shift: sh,
        lessonNo: s.lessonNo,
        time: `${s.startsAt}–${s.endsAt}`,
      });
  const cols = days.map((d) => ({ key: String(d), label: WEEKDAYS[d - 1]!, weekday: d }));
  return { view, rows, cols };
}

export function cellAt(layout: Layout, r: number, c: number, byShift: Map<number, number[]>): Cell | null {
  const row = layout.rows[r];
  const col = layout.cols[c];
  if (!row || !col) return null;
  if (layout.view === 'board') {
    const n = col.lessonNo!;
    return { weekday: col.weekday, lessonNo: n, shift: row.shift, exists: (byShift.get(row.shift) ?? []).includes(n) };
  }
  return { weekday: col.weekday, lessonNo: row.lessonNo!, shift: row.shift, exists: true };
}

/** The lesson numbers a placed card takes (a double lesson: two). */
export function lessonsOf(card: TimetableCard): number[] {
  if (card.weekday === null || card.lessonNo === null) return [];
  return Array.from({ length: card.duration }, (_, i) => card.lessonNo! + i);
}

/** Cards by where they stand, for each kind of owner: `${owner}|${weekday}|${shift}|${lessonNo}`. */
export interface CardIndex {
  at: (owner: string, cell: Cell) => TimetableCard[];
  byId: Map<string, TimetableCard>;
}

export function indexCards(cards: TimetableCard[]): CardIndex {
  const m = new Map<string, TimetableCard[]>();
  const byId = new Map<string, TimetableCard>();
  const add = (k: string, c: TimetableCard) => {
    const l = m.get(k);
    if (l) l.push(c);
    else m.set(k, [c]);
  };
  for (const c of cards) {
    byId.set(c.id, c);
    for (const n of lessonsOf(c)) {
      const at = `${c.weekday}|${c.shift}|${n}`;
      if (c.classId) add(`c:${c.classId}|${at}`, c);
      if (c.studyGroupId) add(`g:${c.studyGroupId}|${at}`, c);
      add(`t:${c.teacherId}|${at}`, c);
      if (c.roomId) add(`r:${c.roomId}|${at}`, c);
    }
  }
  return { at: (owner, cell) => m.get(`${owner}|${cell.weekday}|${cell.shift}|${cell.lessonNo}`) ?? [], byId };
}

/** Whose cards a cell shows: the board's row owner, or the view's class, teacher or room. */
export function ownerKey(layout: Layout, row: GridRow, view: ViewKind, entityId: string | null): string | null {
  if (layout.view === 'board') return row.owner ? `${row.owner.kind === 'class' ? 'c' : 'g'}:${row.owner.id}` : null;
  if (!entityId) return null;
  return `${view === 'class' ? 'c' : view === 'teacher' ? 't' : 'r'}:${entityId}`;
}

/** The board's row of a card: its class, or its study group. */
export function boardRowKey(card: TimetableCard): string | null {
  if (card.classId) return `c:${card.classId}`;
  if (card.studyGroupId) return `g:${card.studyGroupId}`;
  return null;
}

export type Target = 'free' | 'warn' | 'clash' | 'none';

/** What a picked card would meet in a cell (from timetable.slotsFor). */
export function targetOf(card: TimetableCard | null, cell: Cell | null, verdicts: Map<string, SlotVerdict> | null): { state: Target; reasons: string[] } {
  if (!card || !cell || !cell.exists || cell.shift !== card.shift || !verdicts) return { state: 'none', reasons: [] };
  const v = verdicts.get(`${cell.weekday}|${cell.lessonNo}`);
  if (!v) return { state: 'none', reasons: [] };
  if (v.clashes.length) return { state: 'clash', reasons: v.clashes.map((c) => c.message) };
  if (v.warnings.length) return { state: 'warn', reasons: v.warnings.map((w) => WARNING_LABELS[w]) };
  return { state: 'free', reasons: [] };
}

export function samePlace(a: CardPlace, b: CardPlace): boolean {
  return a.weekday === b.weekday && a.lessonNo === b.lessonNo && a.roomId === b.roomId && a.pinned === b.pinned;
}

export const placeOf = (c: CardPlace): CardPlace => ({ weekday: c.weekday, lessonNo: c.lessonNo, roomId: c.roomId, pinned: c.pinned });

/** «5А · Алгебра · Петрова А. С.»: a card named for lists and notifications. */
export function cardName(c: TimetableCard): string {
  return `${c.targetName} · ${c.subjectName} · ${c.teacherName}`;
}

/** «вт, 3-й урок» */
export function slotName(weekday: number | null, lessonNo: number | null): string {
  if (weekday === null || lessonNo === null) return 'не поставлен';
  return `${WEEKDAYS_SHORT[weekday - 1]}, ${lessonNo}-й урок`;
}
