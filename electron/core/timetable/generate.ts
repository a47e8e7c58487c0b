// The timetable generator (issue 11; R8): pure, on the in-memory model (model.ts), no SQL. It places
// the cards of a scope — the unplaced ones, one parallel's, one teacher's, or all — so that no two
// cards clash by the rules of docs/timetable.md «What is a clash», and keeps the warnings low,
// teachers' windows first. Pinned cards and cards outside the scope never move.
//
// How (docs/timetable.md «The generator»):
// 1. Occupancy as bitmasks: every resource (a teacher, a class as a whole, a class's any card, a
//    subgroup, a study group, a room) has per weekday and per week parity (odd/even layer) a mask
//    of the «time atoms» it is busy in. Atoms are the pieces of the day between all bell times of
//    all shifts, so two cards overlap in time exactly when their atom masks meet (bells of
//    different shifts included). A card checks the resources it may clash with and occupies its
//    own: a whole-class card clashes with any card of its class, a subgroup card with the whole
//    class and the subgroups it shares students with, a study group card with the classes,
//    subgroups and study groups of its students — each pair found from the side of both cards.
// 2. Construction, most constrained first (the load of its busiest teacher, class or students over
//    the time they have, then the fewest free slots), each card at its cheapest free slot; a card
//    with no free slot takes the slot whose occupants cost least to take out (ejection chain with a
//    tabu on putting an ejected card straight back), the ejected cards go back in the queue.
// 3. Improvement by simulated annealing on moves of one card and swaps of two, always between
//    clash-free states, on the weighted warnings: teachers' windows, then a class's gaps and its
//    day over the grade's maximum, a subject twice a day, a class's late start.
// Deterministic for a seed: a fixed number of steps, no clock in the decisions (the time limit is
// only a safety net; when it strikes the result is still clash-free).
// Cancellation: when `signal` is aborted it stops and returns what it has (a clash-free state, the
// cards it has not placed in `unplaced`); `onProgress` may throw (a job's cancel) and the throw
// passes through.
import type { GenerateScope } from '../../api/timetable';
import type { ModelCard, TimetableModel } from './model';
import { prng } from '../random';

export interface GenerateOptions {
  scope: GenerateScope;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Safety net on the running time (default 50 s); the result stays clash-free when it strikes. */
  timeLimitMs?: number;
  /** Multiplies the improvement steps (default 1). */
  effort?: number;
}

export interface GenerateOutcome {
  placements: Map<string /*cardId*/, { weekday: number; lessonNo: number; roomId: string | null }>;
  unplaced: string[];
  teacherWindows: number;
  ms: number;
}

// Weights of the soft costs: teachers' windows first among the warnings; a class's gap is not a
// warning of the check but no school wants one, so it weighs more.
const W_TEACHER_WINDOW = 10;
const W_CLASS_GAP = 30;
const W_DAY_OVER = 8;
const W_SUBJECT_TWICE = 4;
const W_PEAK = 3;
const W_HARD_IN_ROW = 2;
const W_LATE_START = 2;

const popcount = (x: number): number => {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

interface Opt {
  shift: number;
  lessonNo: number;
  duration: number;
  /** Time atoms it covers. */
  atoms: number;
  atomList: number[];
  /** Slot indices (all shifts' slots, ordered by shift and lesson) it takes. */
  slotMask: number;
  slotList: number[];
}

export function inScope(card: ModelCard, scope: GenerateScope): boolean {
  switch (scope.kind) {
    case 'unplaced':
      return card.weekday === null;
    case 'all':
      return true;
    case 'grade':
      return card.grade === scope.grade;
    case 'teacher':
      return card.teacherId === scope.teacherId;
  }
}

export function generate(model: TimetableModel, opts: GenerateOptions): GenerateOutcome {
  const t0 = performance.now();
  const rnd = prng(opts.seed);
  const deadline = t0 + (opts.timeLimitMs ?? 50_000);
  const D = model.days;
  const cards = model.cards;
  const N = cards.length;
  if (new Set(cards.map((c) => c.id)).size !== N) throw new Error('generate: a card twice in the model');

  // ---- Slots, atoms and placement options -------------------------------------------------
  const slots = [...model.slots].sort((a, b) => a.shift - b.shift || a.lessonNo - b.lessonNo);
  const S = slots.length;
  if (S > 31) throw new Error('generate: more than 31 lesson slots a day');
  const slotIdx = new Map(slots.map((s, i) => [`${s.shift}:${s.lessonNo}`, i]));
  const shiftRange = new Map<number, [number, number]>();
  slots.forEach((s, i) => {
    const r = shiftRange.get(s.shift);
    if (!r) shiftRange.set(s.shift, [i, i + 1]);
    else r[1] = i + 1;
  });
  const durations = [...new Set(cards.map((c) => c.duration))].sort();
  const rawOpts: { shift: number; lessonNo: number; duration: number; start: number; end: number; slotMask: number }[] = [];
  for (const s of slots) {
    for (const dur of durations) {
      let mask = 0;
      let end = -1;
      let ok = true;
      for (let k = 0; k < dur; k++) {
        const i = slotIdx.get(`${s.shift}:${s.lessonNo + k}`);
        if (i === undefined) {
          ok = false;
          break;
        }
        mask |= 1 << i;
        end = slots[i]!.end;
      }
      if (ok) rawOpts.push({ shift: s.shift, lessonNo: s.lessonNo, duration: dur, start: s.start, end, slotMask: mask });
    }
  }
  // Atoms: the pieces between consecutive bell times that some option covers.
  const bounds = [...new Set(rawOpts.flatMap((o) => [o.start, o.end]))].sort((a, b) => a - b);
  let atoms: [number, number][] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i]!;
    const b = bounds[i + 1]!;
    if (rawOpts.some((o) => o.start <= a && b <= o.end)) atoms.push([a, b]);
  }
  // More than 31 atoms: merge the shortest neighbours (only adds overlaps: never lets a clash through).
  while (atoms.length > 31) {
    let best = 0;
    for (let i = 1; i + 1 < atoms.length; i++) if (atoms[i]![1] - atoms[i]![0] + atoms[i + 1]![1] - atoms[i + 1]![0] < atoms[best]![1] - atoms[best]![0] + atoms[best + 1]![1] - atoms[best + 1]![0]) best = i;
    atoms = [...atoms.slice(0, best), [atoms[best]![0], atoms[best + 1]![1]], ...atoms.slice(best + 2)];
  }
  const options: Opt[] = rawOpts.map((o) => {
    const list: number[] = [];
    atoms.forEach(([a, b], i) => {
      if (a < o.end && o.start < b) list.push(i);
    });
    const slotList = slots.map((_, i) => i).filter((i) => o.slotMask & (1 << i));
    return { shift: o.shift, lessonNo: o.lessonNo, duration: o.duration, atoms: list.reduce((m, i) => m | (1 << i), 0), atomList: list, slotMask: o.slotMask, slotList };
  });
  const O = options.length;
  const optOf = new Map(options.map((o, i) => [`${o.shift}:${o.lessonNo}:${o.duration}`, i]));
  const A = Math.max(1, atoms.length);

  // ---- Resources -----------------------------------------------------------------------------
  let R = 0;
  const resOf = new Map<string, number>();
  const res = (key: string): number => resOf.get(key) ?? (resOf.set(key, R++), R - 1);
  const studentClass = model.studentClass;
  const subgroupsOfStudent = new Map<string, string[]>();
  for (const [g, ss] of model.subgroupStudents) for (const s of ss) (subgroupsOfStudent.get(s) ?? subgroupsOfStudent.set(s, []).get(s)!).push(g);
  const groupsOfStudent = new Map<string, string[]>();
  for (const [g, ss] of model.studyGroupStudents) for (const s of ss) (groupsOfStudent.get(s) ?? groupsOfStudent.set(s, []).get(s)!).push(g);
  // Subgroups as the cards know them: their class and division.
  const subgroupInfo = new Map<string, { classId: string; divisionId: string | null }>();
  for (const c of cards) if (c.subgroupId && c.classId) subgroupInfo.set(c.subgroupId, { classId: c.classId, divisionId: c.divisionId });
  const subgroupsOfClass = new Map<string, string[]>();
  for (const [g, info] of subgroupInfo) (subgroupsOfClass.get(info.classId) ?? subgroupsOfClass.set(info.classId, []).get(info.classId)!).push(g);
  const groupsWithStudentIn = (students: readonly string[]): Set<string> => {
    const out = new Set<string>();
    for (const s of students) for (const g of groupsOfStudent.get(s) ?? []) out.add(g);
    return out;
  };
  const classStudents = new Map<string, string[]>();
  for (const [s, c] of studentClass) (classStudents.get(c) ?? classStudents.set(c, []).get(c)!).push(s);
  /** docs/timetable.md «subgroup»: two subgroups of one class clash. */
  const subgroupsClash = (a: string, b: string): boolean => {
    if (a === b) return true;
    const ia = subgroupInfo.get(a);
    const ib = subgroupInfo.get(b);
    if (!ia || !ib || ia.classId !== ib.classId) return false;
    const sa = model.subgroupStudents.get(a) ?? [];
    const sb = model.subgroupStudents.get(b) ?? [];
    if (sa.length === 0 || sb.length === 0) return ia.divisionId !== ib.divisionId;
    const set = new Set(sa);
    return sb.some((s) => set.has(s));
  };

  const checks: number[][] = [];
  const occupies: number[][] = [];
  for (const c of cards) {
    const ch = new Set<number>();
    const oc = new Set<number>();
    const t = res(`t:${c.teacherId}`);
    ch.add(t);
    oc.add(t);
    if (c.studyGroupId) {
      const students = model.studyGroupStudents.get(c.studyGroupId) ?? [];
      oc.add(res(`g:${c.studyGroupId}`));
      ch.add(res(`g:${c.studyGroupId}`));
      for (const s of students) {
        const cl = studentClass.get(s);
        if (cl) ch.add(res(`cw:${cl}`));
        for (const g of subgroupsOfStudent.get(s) ?? []) ch.add(res(`sg:${g}`));
        for (const g of groupsOfStudent.get(s) ?? []) ch.add(res(`g:${g}`));
      }
    } else if (c.subgroupId && c.classId) {
      oc.add(res(`ca:${c.classId}`));
      oc.add(res(`sg:${c.subgroupId}`));
      ch.add(res(`cw:${c.classId}`));
      for (const g of subgroupsOfClass.get(c.classId) ?? []) if (subgroupsClash(c.subgroupId, g)) ch.add(res(`sg:${g}`));
      for (const g of groupsWithStudentIn(model.subgroupStudents.get(c.subgroupId) ?? [])) ch.add(res(`g:${g}`));
    } else if (c.classId) {
      oc.add(res(`cw:${c.classId}`));
      oc.add(res(`ca:${c.classId}`));
      ch.add(res(`ca:${c.classId}`));
      for (const g of groupsWithStudentIn(classStudents.get(c.classId) ?? [])) ch.add(res(`g:${g}`));
    }
    checks.push([...ch]);
    occupies.push([...oc]);
  }
  // Rooms: a card keeps its room when the subject may be taught there; a subject needing a kind of
  // room gets a free one of that kind, or none (no room: no clash).
  const roomRes = new Map<string, number>();
  for (const id of model.rooms.keys()) roomRes.set(id, res(`r:${id}`));
  const roomIdOfRes = new Map([...roomRes].map(([id, r]) => [r, id]));
  const roomCands: number[][] = [];
  const roomOptional: boolean[] = [];
  const roomsOfKind = new Map<string, number[]>();
  for (const [id, r] of model.rooms) (roomsOfKind.get(r.kind) ?? roomsOfKind.set(r.kind, []).get(r.kind)!).push(roomRes.get(id)!);
  for (const c of cards) {
    const need = model.subjectRoomKind.get(c.subjectId);
    const own = c.roomId ? model.rooms.get(c.roomId) : undefined;
    if (c.roomId && own && (!need || own.kind === need)) {
      roomCands.push([roomRes.get(c.roomId)!]);
      roomOptional.push(false);
    } else if (need) {
      roomCands.push(roomsOfKind.get(need) ?? []);
      roomOptional.push(true);
    } else {
      roomCands.push([]);
      roomOptional.push(true);
    }
  }

  // ---- Domains: the weekday × option pairs with a bell and the teacher available -------------
  const busy = new Set<string>();
  for (const u of model.unavailable) busy.add(`${u.staffId}:${u.weekday}:${u.shift}:${u.lessonNo ?? '*'}`);
  const domain: number[][] = cards.map((c) => {
    const out: number[] = [];
    for (let d = 1; d <= D; d++) {
      if (busy.has(`${c.teacherId}:${d}:${c.shift}:*`)) continue;
      options.forEach((o, oi) => {
        if (o.shift !== c.shift || o.duration !== c.duration) return;
        for (let k = 0; k < o.duration; k++) if (busy.has(`${c.teacherId}:${d}:${c.shift}:${o.lessonNo + k}`)) return;
        out.push((d - 1) * O + oi);
      });
    }
    return out;
  });

  // ---- Cost structures -----------------------------------------------------------------------
  const teacherIdx = new Map<string, number>();
  const classIdx = new Map<string, number>();
  const tsIdx = new Map<string, number>();
  const cardT = new Int32Array(N);
  const cardC = new Int32Array(N).fill(-1);
  const cardTS = new Int32Array(N);
  const cardDiff = new Float64Array(N);
  const classGrade: number[] = [];
  const classShift: number[] = [];
  const classAny: number[] = [];
  cards.forEach((c, i) => {
    cardT[i] = teacherIdx.get(c.teacherId) ?? (teacherIdx.set(c.teacherId, teacherIdx.size), teacherIdx.size - 1);
    if (c.classId) {
      let ci = classIdx.get(c.classId);
      if (ci === undefined) {
        ci = classIdx.size;
        classIdx.set(c.classId, ci);
        classGrade.push(c.grade ?? 0);
        classShift.push(c.shift);
        classAny.push(res(`ca:${c.classId}`));
      }
      cardC[i] = ci;
    }
    // A subject twice a day is the class's (or the study group's), its subgroups' lessons included.
    const key = `${c.classId ?? c.studyGroupId ?? ''}:${c.subjectId}`;
    cardTS[i] = tsIdx.get(key) ?? (tsIdx.set(key, tsIdx.size), tsIdx.size - 1);
    cardDiff[i] = c.grade !== null ? (model.rules.difficulty[c.subjectId]?.[String(c.grade)] ?? 0) : 0;
  });
  const T = teacherIdx.size;
  const C = classIdx.size;
  const TS = tsIdx.size;
  const tSlot = new Uint16Array(T * D * S);
  const tMask = new Int32Array(T * D);
  const cSlot = new Uint16Array(C * D * S);
  const cMask = new Int32Array(C * D);
  /** Lessons of a class's subject a day, by the slot they start at. */
  const tsSlot = new Uint16Array(TS * D * S);
  const tsMask = new Int32Array(TS * D);
  const cDayCost = new Float64Array(C * D);
  const cDayDiff = new Float64Array(C * D);
  const cPeak = new Float64Array(C);
  const dailyMax = classGrade.map((g) => model.rules.dailyMax[String(g)] ?? 99);
  const ranges = [...shiftRange.values()];
  const peakDays = model.rules.peakDays ?? [];
  const hardFrom = model.rules.hardFrom ?? Infinity;
  const maxHardInRow = model.rules.maxHardInRow ?? Infinity;

  const windowsOf = (mask: number): number => {
    let w = 0;
    for (const [a, b] of ranges) {
      const sub = (mask >>> a) & ((1 << (b - a)) - 1);
      if (sub === 0) continue;
      const lo = 31 - Math.clz32(sub & -sub);
      const hi = 31 - Math.clz32(sub);
      w += hi - lo + 1 - popcount(sub);
    }
    return w;
  };
  const teacherDayCost = (mask: number) => W_TEACHER_WINDOW * windowsOf(mask);
  const twiceCost = (mask: number) => {
    const n = popcount(mask);
    return n > 1 ? W_SUBJECT_TWICE * (n - 1) : 0;
  };

  // ---- Occupancy -----------------------------------------------------------------------------
  const layersOf = cards.map((c) => (c.weeks === 'every' ? [0, 1] : c.weeks === 'odd' ? [0] : [1]));
  const occ = new Int32Array(R * D * 2);
  const occCnt = new Uint16Array(R * D * 2 * A);
  const at: number[][] = Array.from({ length: R * D }, () => []);
  const pos = new Int32Array(N).fill(-1);
  const roomAt = new Int32Array(N).fill(-1);
  let total = 0;

  const posDiff = new Float64Array(S);
  const withDifficulty = cardDiff.some((v) => v > 0);
  /** A class's day: gaps, lessons over the grade's maximum, a late start, hard lessons in a row; its difficulty total kept. */
  const classDayCost = (ci: number, d: number): number => {
    const mask = cMask[ci * D + d]!;
    if (mask === 0) {
      cDayDiff[ci * D + d] = 0;
      return 0;
    }
    let cost = W_CLASS_GAP * windowsOf(mask);
    const n = popcount(mask);
    if (n > dailyMax[ci]!) cost += W_DAY_OVER * (n - dailyMax[ci]!);
    const r = shiftRange.get(classShift[ci]!);
    if (r) {
      const sub = (mask >>> r[0]) & ((1 << (r[1] - r[0])) - 1);
      if (sub) cost += W_LATE_START * (31 - Math.clz32(sub & -sub));
    }
    if (!withDifficulty) return cost;
    // Difficulty: a position's is its hardest card's.
    const [a, b] = r ?? [0, S];
    posDiff.fill(0);
    for (const y of at[classAny[ci]! * D + d]!) for (const s of options[pos[y]! % O]!.slotList) if (cardDiff[y]! > posDiff[s]!) posDiff[s] = cardDiff[y]!;
    let sum = 0;
    let run = 0;
    for (let s = a; s < b; s++) {
      sum += posDiff[s]!;
      if (mask & (1 << s) && posDiff[s]! >= hardFrom) {
        run++;
        if (run > maxHardInRow) cost += W_HARD_IN_ROW;
      } else run = 0;
    }
    cDayDiff[ci * D + d] = sum;
    return cost;
  };
  /** The class's hardest day not among the peak days. */
  const peakCost = (ci: number): number => {
    if (!peakDays.length || !withDifficulty) return 0;
    let top = 0;
    for (let d = 0; d < D; d++) top = Math.max(top, cDayDiff[ci * D + d]!);
    if (top <= 0) return 0;
    for (const pd of peakDays) if (pd >= 1 && pd <= D && cDayDiff[ci * D + pd - 1] === top) return 0;
    return W_PEAK;
  };
  const refreshClass = (ci: number, d: number) => {
    total -= cDayCost[ci * D + d]! + cPeak[ci]!;
    cDayCost[ci * D + d] = classDayCost(ci, d);
    cPeak[ci] = peakCost(ci);
    total += cDayCost[ci * D + d]! + cPeak[ci]!;
  };

  const occAdd = (r: number, d: number, layers: number[], o: Opt, x: number) => {
    for (const l of layers) {
      const m = (r * D + d) * 2 + l;
      for (const a of o.atomList) occCnt[m * A + a]!++;
      occ[m] = occ[m]! | o.atoms;
    }
    at[r * D + d]!.push(x);
  };
  const occRemove = (r: number, d: number, layers: number[], o: Opt, x: number) => {
    for (const l of layers) {
      const m = (r * D + d) * 2 + l;
      for (const a of o.atomList) if (--occCnt[m * A + a]! === 0) occ[m] = occ[m]! & ~(1 << a);
    }
    const list = at[r * D + d]!;
    const i = list.indexOf(x);
    if (i >= 0) {
      list[i] = list[list.length - 1]!;
      list.pop();
    }
  };
  /** The teacher's and the subject's part of the cost of x's day (the class's is cached). */
  const costParts = (x: number, d: number): number => teacherDayCost(tMask[cardT[x]! * D + d]!) + twiceCost(tsMask[cardTS[x]! * D + d]!);
  const firstSlot = (o: Opt) => 31 - Math.clz32(o.slotMask & -o.slotMask);
  const place = (x: number, p: number, room: number) => {
    const d = Math.floor(p / O);
    const o = options[p % O]!;
    total -= costParts(x, d);
    for (const r of occupies[x]!) occAdd(r, d, layersOf[x]!, o, x);
    if (room >= 0) occAdd(room, d, layersOf[x]!, o, x);
    const t = cardT[x]!;
    const ci = cardC[x]!;
    for (const s of o.slotList) {
      if (tSlot[(t * D + d) * S + s]!++ === 0) tMask[t * D + d] = tMask[t * D + d]! | (1 << s);
      if (ci >= 0 && cSlot[(ci * D + d) * S + s]!++ === 0) cMask[ci * D + d] = cMask[ci * D + d]! | (1 << s);
    }
    const ts = cardTS[x]! * D + d;
    const fs = firstSlot(o);
    if (tsSlot[ts * S + fs]!++ === 0) tsMask[ts] = tsMask[ts]! | (1 << fs);
    pos[x] = p;
    roomAt[x] = room;
    total += costParts(x, d);
    if (ci >= 0) refreshClass(ci, d);
  };
  const unplace = (x: number) => {
    const p = pos[x]!;
    const d = Math.floor(p / O);
    const o = options[p % O]!;
    total -= costParts(x, d);
    for (const r of occupies[x]!) occRemove(r, d, layersOf[x]!, o, x);
    if (roomAt[x]! >= 0) occRemove(roomAt[x]!, d, layersOf[x]!, o, x);
    const t = cardT[x]!;
    const ci = cardC[x]!;
    for (const s of o.slotList) {
      if (--tSlot[(t * D + d) * S + s]! === 0) tMask[t * D + d] = tMask[t * D + d]! & ~(1 << s);
      if (ci >= 0 && --cSlot[(ci * D + d) * S + s]! === 0) cMask[ci * D + d] = cMask[ci * D + d]! & ~(1 << s);
    }
    const ts = cardTS[x]! * D + d;
    const fs = firstSlot(o);
    if (--tsSlot[ts * S + fs]! === 0) tsMask[ts] = tsMask[ts]! & ~(1 << fs);
    pos[x] = -1;
    roomAt[x] = -1;
    total += costParts(x, d);
    if (ci >= 0) refreshClass(ci, d);
  };
  const busyAt = (r: number, d: number, layers: number[], atomsMask: number): boolean => {
    for (const l of layers) if (occ[(r * D + d) * 2 + l]! & atomsMask) return true;
    return false;
  };
  /** The room x takes at p: a free candidate, -1 for none, -2 when it cannot go there. */
  const roomFor = (x: number, p: number): number => {
    const d = Math.floor(p / O);
    const o = options[p % O]!;
    for (const r of roomCands[x]!) if (!busyAt(r, d, layersOf[x]!, o.atoms)) return r;
    return roomOptional[x] ? -1 : -2;
  };
  /** x (not placed) fits at p with no clash: the room it would take, or -2. */
  const fits = (x: number, p: number): number => {
    const d = Math.floor(p / O);
    const o = options[p % O]!;
    const layers = layersOf[x]!;
    for (const r of checks[x]!) if (busyAt(r, d, layers, o.atoms)) return -2;
    return roomFor(x, p);
  };
  /** The cost x adds at p (x not placed and fitting there). */
  const addCost = (x: number, p: number, room: number): number => {
    const before = total;
    place(x, p, room);
    const c = total - before;
    unplace(x);
    return c;
  };

  // ---- Fixed cards in place; the movable ones start unplaced --------------------------------
  const movable: number[] = [];
  cards.forEach((c, x) => {
    const free = inScope(c, opts.scope) && !(c.pinned && c.weekday !== null);
    if (free) {
      movable.push(x);
      return;
    }
    if (c.weekday === null || c.lessonNo === null || c.weekday > D) return;
    const oi = optOf.get(`${c.shift}:${c.lessonNo}:${c.duration}`);
    if (oi === undefined) return;
    const p = (c.weekday - 1) * O + oi;
    const room = c.roomId ? (roomRes.get(c.roomId) ?? -1) : -1;
    place(x, p, room);
  });
  const isMovable = new Uint8Array(N);
  for (const x of movable) isMovable[x] = 1;

  // Most constrained first: the load of its busiest resource over the time it has, then the fewest slots.
  const load = new Float64Array(R);
  for (let x = 0; x < N; x++) for (const r of occupies[x]!) load[r] = load[r]! + cards[x]!.duration * (cards[x]!.weeks === 'every' ? 1 : 0.5);
  const pressure = new Float64Array(N);
  for (const x of movable) {
    let p = 0;
    for (const r of checks[x]!) p = Math.max(p, load[r]!);
    pressure[x] = p / Math.max(1, domain[x]!.length);
  }
  const tieBreak = new Float64Array(N).map(() => rnd());
  const order = [...movable].sort((a, b) => pressure[b]! - pressure[a]! || domain[a]!.length - domain[b]!.length || tieBreak[a]! - tieBreak[b]!);

  const improveSteps = Math.round(movable.length * 400 * (opts.effort ?? 1));
  const progressTotal = movable.length + improveSteps;
  let stopped = false;
  const shouldStop = () => stopped || (stopped = !!opts.signal?.aborted || performance.now() > deadline);

  // ---- Construction with ejection chains ----------------------------------------------------
  const queue = order; // a stack of card indices: the last is taken next
  queue.reverse();
  const tabu = new Map<number, number>(); // (card * D * O + p) → step until which it may not return there
  const ejected = new Uint32Array(N);
  let step = 0;
  const maxSteps = 50 * Math.max(1, movable.length) + 1000;
  const attempts = new Uint32Array(N);
  let placedCount = 0;
  let unplaceable: number[] = [];
  // The best state seen (fewest cards left out): an ejection chain that does not close ends there.
  let bestLeft = Infinity;
  let bestPos = new Int32Array(0);
  let bestRoom = new Int32Array(0);
  const snapshot = () => {
    const left = queue.length + unplaceable.length;
    if (left >= bestLeft) return;
    bestLeft = left;
    bestPos = pos.slice();
    bestRoom = roomAt.slice();
  };
  snapshot();
  while (queue.length && step < maxSteps) {
    if ((step & 63) === 0) {
      if (shouldStop()) break;
      opts.onProgress?.(Math.min(placedCount, movable.length), progressTotal);
    }
    step++;
    const x = queue.pop()!;
    let best = -1;
    let bestR = -1;
    let bestCost = Infinity;
    for (const p of domain[x]!) {
      const room = fits(x, p);
      if (room === -2) continue;
      const c = addCost(x, p, room) + rnd() * 0.5;
      if (c < bestCost) {
        bestCost = c;
        best = p;
        bestR = room;
      }
    }
    if (best >= 0) {
      place(x, best, bestR);
      placedCount++;
      snapshot();
      continue;
    }
    if (++attempts[x]! > 60) {
      unplaceable.push(x);
      continue;
    }
    // Eject: the slot whose movable occupants cost least to take out (none fixed among them).
    let bestVictims: number[] | null = null;
    let bestScore = Infinity;
    for (const p of domain[x]!) {
      const d = Math.floor(p / O);
      const o = options[p % O]!;
      const victims = new Set<number>();
      let blocked = false;
      const scan = (r: number) => {
        for (const y of at[r * D + d]!) {
          if (!(options[pos[y]! % O]!.atoms & o.atoms)) continue;
          if (!layersOf[x]!.some((l) => layersOf[y]!.includes(l))) continue;
          if (!isMovable[y]) blocked = true;
          victims.add(y);
        }
      };
      for (const r of checks[x]!) scan(r);
      if (blocked) continue;
      // The room: a fixed room's occupants go too; an optional one needs nothing.
      if (!roomOptional[x] && roomCands[x]!.length === 1) {
        scan(roomCands[x]![0]!);
        if (blocked) continue;
      }
      if (victims.size === 0) continue;
      let score = rnd();
      for (const y of victims) score += 1 + ejected[y]! * 0.5;
      if ((tabu.get(x * D * O + p) ?? 0) > step) score += 100;
      if (score < bestScore) {
        bestScore = score;
        bestVictims = [...victims];
        best = p;
      }
    }
    if (!bestVictims) {
      unplaceable.push(x);
      continue;
    }
    for (const y of bestVictims) {
      tabu.set(y * D * O + pos[y]!, step + 10 + Math.floor(rnd() * 10));
      unplace(y);
      ejected[y]!++;
      placedCount--;
      queue.push(y);
    }
    const room = fits(x, best);
    if (room === -2) {
      // The room is still taken (an optional room's candidates all busy cannot happen: -1 then).
      queue.unshift(x);
      continue;
    }
    place(x, best, room);
    placedCount++;
  }
  if (queue.length + unplaceable.length > bestLeft) {
    for (const x of movable) if (pos[x]! >= 0) unplace(x);
    for (const x of movable) if (bestPos[x]! >= 0) place(x, bestPos[x]!, bestRoom[x]!);
  }
  unplaceable = movable.filter((x) => pos[x]! < 0);

  // ---- Improvement: simulated annealing on moves and swaps -----------------------------------
  const pool = movable.filter((x) => pos[x]! >= 0);
  const accept = (delta: number, temp: number) => delta <= 0 || rnd() < Math.exp(-delta / temp);
  const meets = (x: number, y: number) => layersOf[x]!.some((l) => layersOf[y]!.includes(l));
  if (pool.length > 0 && !shouldStop()) {
    const T0 = 8;
    const T1 = 0.05;
    for (let k = 0; k < improveSteps; k++) {
      if ((k & 1023) === 0) {
        if (shouldStop()) break;
        if ((k & 16383) === 0) opts.onProgress?.(movable.length + k, progressTotal);
      }
      if (total === 0) break;
      const temp = T0 * Math.pow(T1 / T0, k / improveSteps);
      const x = pool[Math.floor(rnd() * pool.length)]!;
      const dom = domain[x]!;
      const p = dom[Math.floor(rnd() * dom.length)]!;
      const from = pos[x]!;
      if (p === from) continue;
      const fromRoom = roomAt[x]!;
      const d = Math.floor(p / O);
      const o = options[p % O]!;
      // x's own place is in the way only on the same day at an overlapping time: then out of the way first.
      const self = d === Math.floor(from / O) && (options[from % O]!.atoms & o.atoms) !== 0;
      const before = total;
      if (self) unplace(x);
      const room = fits(x, p);
      if (room !== -2) {
        if (!self) unplace(x);
        place(x, p, room);
        if (accept(total - before, temp)) continue;
        unplace(x);
        place(x, from, fromRoom);
        continue;
      }
      // A swap: the one movable card in the way goes to x's old place.
      let other = -1;
      let many = false;
      for (const r of checks[x]!) {
        for (const y of at[r * D + d]!) {
          if (y === x || !(options[pos[y]! % O]!.atoms & o.atoms) || !meets(x, y)) continue;
          if (other === -1 || other === y) other = y;
          else many = true;
        }
      }
      if (other < 0 || many || !isMovable[other] || !domain[other]!.includes(from)) {
        if (self) place(x, from, fromRoom);
        continue;
      }
      const y = other;
      const yFrom = pos[y]!;
      const yRoom = roomAt[y]!;
      if (!self) unplace(x);
      unplace(y);
      const rx = fits(x, p);
      if (rx !== -2) {
        place(x, p, rx);
        const ry = fits(y, from);
        if (ry !== -2) {
          place(y, from, ry);
          if (accept(total - before, temp)) continue;
          unplace(y);
        }
        unplace(x);
      }
      place(y, yFrom, yRoom);
      place(x, from, fromRoom);
    }
  }

  // ---- The outcome ---------------------------------------------------------------------------
  const placements: GenerateOutcome['placements'] = new Map();
  const unplaced: string[] = [];
  for (const x of movable) {
    const p = pos[x]!;
    if (p < 0) {
      unplaced.push(cards[x]!.id);
      continue;
    }
    const o = options[p % O]!;
    placements.set(cards[x]!.id, { weekday: Math.floor(p / O) + 1, lessonNo: o.lessonNo, roomId: roomAt[x]! >= 0 ? (roomIdOfRes.get(roomAt[x]!) ?? null) : null });
  }
  let teacherWindows = 0;
  for (let i = 0; i < T * D; i++) teacherWindows += windowsOf(tMask[i]!);
  opts.onProgress?.(progressTotal, progressTotal);
  void unplaceable;
  return { placements, unplaced, teacherWindows, ms: Math.round(performance.now() - t0) };
}
