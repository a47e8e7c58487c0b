// A week's timetable for the simulation, while the app has none: each teaching assignment's weekly
// hours spread over Monday–Friday and the lesson numbers of its class's shift's bells, a greedy
// placement that keeps a teacher, a class (and a subgroup against its class) in one place at a
// time where it can. The subgroups of one division meet at the same time (the class splits);
// a study group takes a time its members' classes are free where it can
// (it does not take those classes' time: only some of their students are in it).

export interface PlanAssignment {
  id: string;
  teacherId: string;
  subjectId: string;
  classId: string | null;
  subgroupId: string | null;
  /** The division of the subgroup (subgroups of one division meet together). */
  divisionId: string | null;
  studyGroupId: string | null;
  hours: number;
}

export interface PlanBell {
  lessonNo: number;
  startMin: number;
  endMin: number;
}

export interface PlanInput {
  assignments: readonly PlanAssignment[];
  /** The shift's bells of each class (sorted by lesson number). */
  bellsOfClass: ReadonlyMap<string, readonly PlanBell[]>;
  /** The classes whose students are in each study group. */
  classesOfGroup: ReadonlyMap<string, readonly string[]>;
  days?: number;
}

export interface PlacedLesson {
  /** 1 = Monday. */
  weekday: number;
  lessonNo: number;
  startMin: number;
  endMin: number;
  assignment: PlanAssignment;
}

export interface WeekPlan {
  /** By weekday (index 1..days), sorted by time. */
  days: PlacedLesson[][];
  placed: number;
  /** Hours that found no free place of their class at all (left out). */
  unplaced: number;
  /** Hours placed with their teacher busy elsewhere at that time (nothing better was free). */
  teacherClashes: number;
  /** Hours of a study group placed while one of its members' classes has a lesson. */
  groupClashes: number;
}

interface Unit {
  /** The classes it occupies (one; the members' classes for a study group). */
  classes: string[];
  bells: readonly PlanBell[];
  parts: PlanAssignment[];
  hours: number;
  group: boolean;
  subjectId: string;
}

type Busy = Map<string, [number, number][][]>;

function busyOf(m: Busy, key: string, days: number): [number, number][][] {
  let b = m.get(key);
  if (!b) {
    b = Array.from({ length: days + 1 }, () => []);
    m.set(key, b);
  }
  return b;
}

const overlaps = (list: readonly [number, number][], s: number, e: number) => list.some(([a, b]) => a < e && s < b);

export function planWeek(input: PlanInput): WeekPlan {
  const days = input.days ?? 5;
  const units: Unit[] = [];
  const byDivision = new Map<string, PlanAssignment[]>();
  for (const a of input.assignments) {
    if (a.hours <= 0) continue;
    if (a.studyGroupId) {
      const classes = [...(input.classesOfGroup.get(a.studyGroupId) ?? [])];
      const bells = classes.length ? input.bellsOfClass.get(classes[0]!) : undefined;
      if (!bells?.length) continue;
      units.push({ classes, bells, parts: [a], hours: a.hours, group: true, subjectId: a.subjectId });
    } else if (a.classId) {
      const bells = input.bellsOfClass.get(a.classId);
      if (!bells?.length) continue;
      if (a.subgroupId && a.divisionId) {
        const list = byDivision.get(a.divisionId) ?? [];
        if (!list.length) {
          byDivision.set(a.divisionId, list);
          units.push({ classes: [a.classId], bells, parts: list, hours: 0, group: false, subjectId: a.subjectId });
        }
        list.push(a);
      } else {
        units.push({ classes: [a.classId], bells, parts: [a], hours: a.hours, group: false, subjectId: a.subjectId });
      }
    }
  }
  for (const u of units) if (!u.hours) u.hours = Math.max(...u.parts.map((p) => p.hours));
  // Split classes first (several teachers at once), then the rest, the most hours first, study
  // groups last (in a time their members' classes are free, where there is one); ties keep the input's order.
  const rank = (u: Unit) => (u.group ? 2 : u.parts.length > 1 ? 0 : 1);
  const order = units.map((u, i) => [u, i] as const).sort((x, y) => rank(x[0]) - rank(y[0]) || y[0].hours - x[0].hours || x[1] - y[1]);

  const classBusy: Busy = new Map();
  const teacherBusy: Busy = new Map();
  const subjectDay = new Map<string, number>(); // class|subject|day → lessons
  const plan: WeekPlan = { days: Array.from({ length: days + 1 }, () => []), placed: 0, unplaced: 0, teacherClashes: 0, groupClashes: 0 };

  for (const [u] of order) {
    for (let h = 0; h < u.hours; h++) {
      let best: { d: number; b: PlanBell; cost: number; tc: number; gc: number } | null = null;
      for (let d = 1; d <= days; d++) {
        for (let bi = 0; bi < u.bells.length; bi++) {
          const b = u.bells[bi]!;
          let cost = 0;
          let gc = 0;
          let blocked = false;
          for (const c of u.classes) {
            if (overlaps(busyOf(classBusy, c, days)[d]!, b.startMin, b.endMin)) {
              if (u.group) gc++;
              else blocked = true;
            }
          }
          if (blocked) continue;
          let tc = 0;
          for (const p of u.parts) if (p.hours > h && overlaps(busyOf(teacherBusy, p.teacherId, days)[d]!, b.startMin, b.endMin)) tc++;
          const main = u.classes[0]!;
          const sameSubject = subjectDay.get(`${u.group ? u.parts[0]!.studyGroupId : main}|${u.subjectId}|${d}`) ?? 0;
          const load = u.group ? 0 : busyOf(classBusy, main, days)[d]!.length;
          cost += tc * 10_000 + gc * 1000 + sameSubject * 60 + load * 4 + bi * (u.group ? -3 : 3);
          if (!best || cost < best.cost) best = { d, b, cost, tc, gc };
        }
      }
      if (!best) {
        plan.unplaced += 1;
        continue;
      }
      const { d, b } = best;
      // A study group takes only some students of its classes: it does not take their classes' time.
      if (!u.group) busyOf(classBusy, u.classes[0]!, days)[d]!.push([b.startMin, b.endMin]);
      const sk = `${u.group ? u.parts[0]!.studyGroupId : u.classes[0]}|${u.subjectId}|${d}`;
      subjectDay.set(sk, (subjectDay.get(sk) ?? 0) + 1);
      for (const p of u.parts) {
        if (p.hours <= h) continue;
        busyOf(teacherBusy, p.teacherId, days)[d]!.push([b.startMin, b.endMin]);
        plan.days[d]!.push({ weekday: d, lessonNo: b.lessonNo, startMin: b.startMin, endMin: b.endMin, assignment: p });
        plan.placed += 1;
      }
      plan.teacherClashes += best.tc;
      plan.groupClashes += best.gc;
    }
  }
  for (const list of plan.days) list.sort((x, y) => x.startMin - y.startMin || (x.assignment.id < y.assignment.id ? -1 : x.assignment.id > y.assignment.id ? 1 : 0));
  return plan;
}
