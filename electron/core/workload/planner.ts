// Who teaches what, planned from the curriculum (R3, тарификация): a pure greedy planner used by
// 'assignments.fromCurriculum' and by the demo-school generator.
import type { Gender } from '../../api/enums';

export interface PlanTask {
  id: string;
  /** null for a study group. */
  classId: string | null;
  grade: number;
  subjectId: string;
  /** Subgroups of one division should get different teachers. */
  divisionId: string | null;
  hours: number;
  /** A subgroup of boys or girls: a teacher of the same gender is preferred (технический и обслуживающий труд). */
  gender?: Gender | null;
}

export interface PlanTeacher {
  id: string;
  /** Subjects (ids) the teacher may teach. */
  subjects: ReadonlySet<string>;
  /** Weekly hours already assigned. */
  load: number;
  gender?: Gender | null;
}

/**
 * The class-teacher rule, the one definition (the workload from the curriculum and the demo school
 * both plan by it): a class teacher teaches «Разговоры о важном» in their class, and in a primary
 * class (grades 1–4) every subject they are qualified for.
 */
export function classTeacherTakes(grade: number, subjectId: string, teacher: PlanTeacher, isTalks: (subjectId: string) => boolean): boolean {
  return isTalks(subjectId) || (grade <= 4 && teacher.subjects.has(subjectId));
}

export interface PlanInput {
  tasks: readonly PlanTask[];
  /** Teachers who may be chosen, in the order ties are broken. */
  teachers: readonly PlanTeacher[];
  /** No teacher gets more than this, unless nobody qualified is left under it. */
  maxHours: number;
  /** A class's own teacher (classId → staff id); what they teach in their class: classTeacherTakes. */
  classTeacher: ReadonlyMap<string, PlanTeacher>;
  /** Whether a subject is «Разговоры о важном» (taught by the class teacher in every grade). */
  isTalks: (subjectId: string) => boolean;
  /** Who already teaches in a class or a division (from existing assignments). */
  teachesClass?: ReadonlyMap<string, ReadonlySet<string>>;
  teachesDivision?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Picks a teacher for every task, in the order given. The class teacher takes their own primary
 * class and «Разговоры о важном»; otherwise a qualified teacher who already teaches the class
 * continues (русский и литература, алгебра и геометрия), then the least loaded qualified teacher
 * under the maximum; subgroups of one division go to different teachers where possible, a
 * subgroup of boys (girls) preferably to a man (woman).
 * Loads are updated in place. Tasks nobody is qualified for map to null.
 */
export function planTeachers(input: PlanInput): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const inClass = new Map<string, Set<string>>();
  const inDivision = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, v: string) => (m.get(k) ?? m.set(k, new Set()).get(k)!).add(v);
  for (const [k, set] of input.teachesClass ?? []) for (const v of set) add(inClass, k, v);
  for (const [k, set] of input.teachesDivision ?? []) for (const v of set) add(inDivision, k, v);

  for (const task of input.tasks) {
    let chosen: PlanTeacher | undefined;
    const own = task.classId ? input.classTeacher.get(task.classId) : undefined;
    if (own && classTeacherTakes(task.grade, task.subjectId, own, input.isTalks)) chosen = own;
    if (!chosen) {
      const qualified = input.teachers.filter((t) => t.subjects.has(task.subjectId));
      const taken = task.divisionId ? inDivision.get(task.divisionId) : undefined;
      const free = taken ? qualified.filter((t) => !taken.has(t.id)) : qualified;
      const pool = free.length ? free : qualified;
      const under = pool.filter((t) => t.load + task.hours <= input.maxHours);
      const matching = task.gender ? under.filter((t) => t.gender === task.gender) : [];
      const fits = matching.length ? matching : under;
      const known = task.classId ? inClass.get(task.classId) : undefined;
      const least = (list: PlanTeacher[]) => list.reduce<PlanTeacher | undefined>((best, t) => (!best || t.load < best.load ? t : best), undefined);
      chosen = least(fits.filter((t) => known?.has(t.id))) ?? least(fits) ?? least(pool);
    }
    out.set(task.id, chosen?.id ?? null);
    if (!chosen) continue;
    chosen.load += task.hours;
    if (task.classId) add(inClass, task.classId, chosen.id);
    if (task.divisionId) add(inDivision, task.divisionId, chosen.id);
  }
  return out;
}
