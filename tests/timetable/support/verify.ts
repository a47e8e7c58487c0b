// An independent clash verifier for the generator's tests, written straight from docs/timetable.md
// «What is a clash» (pairwise, no cleverness), until the core's check.ts (checkModel) lands: then
// the tests should hold the generator to checkModel as well.
import { weeksMeet, type ModelCard, type TimetableModel } from '../../../electron/core/timetable/model';

export interface VerifiedClash {
  kind: 'teacher' | 'class' | 'subgroup' | 'student' | 'room' | 'unavailable' | 'room_kind' | 'no_slot';
  cardId: string;
  otherCardId: string | null;
}

type Placement = { weekday: number; lessonNo: number; roomId: string | null };

/** The model with the generator's placements applied. */
export function applyPlacements(model: TimetableModel, placements: Map<string, Placement>): TimetableModel {
  return {
    ...model,
    cards: model.cards.map((c) => {
      const p = placements.get(c.id);
      return p ? { ...c, weekday: p.weekday, lessonNo: p.lessonNo, roomId: p.roomId } : c;
    }),
  };
}

export function verifyClashes(model: TimetableModel): VerifiedClash[] {
  const out: VerifiedClash[] = [];
  const bell = new Map(model.slots.map((s) => [`${s.shift}:${s.lessonNo}`, s]));
  const interval = (c: ModelCard): [number, number] | null => {
    const first = bell.get(`${c.shift}:${c.lessonNo}`);
    const last = bell.get(`${c.shift}:${c.lessonNo! + c.duration - 1}`);
    for (let k = 0; k < c.duration; k++) if (!bell.has(`${c.shift}:${c.lessonNo! + k}`)) return null;
    return first && last ? [first.start, last.end] : null;
  };
  const placed = model.cards.filter((c) => c.weekday !== null && c.lessonNo !== null);
  const time = new Map<string, [number, number]>();
  for (const c of placed) {
    const iv = interval(c);
    if (!iv || c.weekday! > model.days || c.weekday! < 1) {
      out.push({ kind: 'no_slot', cardId: c.id, otherCardId: null });
      continue;
    }
    time.set(c.id, iv);
    for (const u of model.unavailable) {
      if (u.staffId !== c.teacherId || u.weekday !== c.weekday || u.shift !== c.shift) continue;
      if (u.lessonNo === null || (u.lessonNo >= c.lessonNo! && u.lessonNo < c.lessonNo! + c.duration)) out.push({ kind: 'unavailable', cardId: c.id, otherCardId: null });
    }
    const need = model.subjectRoomKind.get(c.subjectId);
    if (need && c.roomId && model.rooms.get(c.roomId)?.kind !== need) out.push({ kind: 'room_kind', cardId: c.id, otherCardId: null });
  }
  const students = (c: ModelCard): Set<string> => {
    if (c.studyGroupId) return new Set(model.studyGroupStudents.get(c.studyGroupId) ?? []);
    if (c.subgroupId) return new Set(model.subgroupStudents.get(c.subgroupId) ?? []);
    return new Set([...model.studentClass].filter(([, cl]) => cl === c.classId).map(([s]) => s));
  };
  const studentsOf = new Map(placed.map((c) => [c.id, students(c)]));
  const share = (a: ModelCard, b: ModelCard) => {
    const sa = studentsOf.get(a.id)!;
    for (const s of studentsOf.get(b.id)!) if (sa.has(s)) return true;
    return false;
  };
  const timed = placed.filter((c) => time.has(c.id));
  for (let i = 0; i < timed.length; i++) {
    const a = timed[i]!;
    const [as, ae] = time.get(a.id)!;
    for (let j = i + 1; j < timed.length; j++) {
      const b = timed[j]!;
      if (a.weekday !== b.weekday || !weeksMeet(a.weeks, b.weeks)) continue;
      const [bs, be] = time.get(b.id)!;
      if (!(as < be && bs < ae)) continue;
      const clash = (kind: VerifiedClash['kind']) => out.push({ kind, cardId: a.id, otherCardId: b.id });
      if (a.teacherId === b.teacherId) clash('teacher');
      if (a.roomId && a.roomId === b.roomId) clash('room');
      if (a.classId && a.classId === b.classId && !a.studyGroupId && !b.studyGroupId) {
        if (!a.subgroupId || !b.subgroupId) clash('class');
        else if (a.subgroupId === b.subgroupId) clash('subgroup');
        else {
          const sa = model.subgroupStudents.get(a.subgroupId) ?? [];
          const sb = model.subgroupStudents.get(b.subgroupId) ?? [];
          if (sa.length === 0 || sb.length === 0 ? a.divisionId !== b.divisionId : share(a, b)) clash('subgroup');
        }
      }
      if ((a.studyGroupId || b.studyGroupId) && share(a, b)) clash('student');
    }
  }
  return out;
}

/** A teacher's windows (free lessons between their first and last lesson of a day, per shift), summed. */
export function teacherWindows(model: TimetableModel): number {
  const busy = new Map<string, Set<number>>();
  for (const c of model.cards) {
    if (c.weekday === null || c.lessonNo === null) continue;
    const key = `${c.teacherId}:${c.weekday}:${c.shift}`;
    const set = busy.get(key) ?? busy.set(key, new Set()).get(key)!;
    for (let k = 0; k < c.duration; k++) set.add(c.lessonNo + k);
  }
  let n = 0;
  for (const set of busy.values()) n += Math.max(...set) - Math.min(...set) + 1 - set.size;
  return n;
}
