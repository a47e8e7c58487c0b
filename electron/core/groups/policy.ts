// The division rule (which subjects are divided, in which grades, from what class size) and the
// workload limits: their shape and the school's usual practice as the default. Pure, so the demo
// school follows the same rule.
import type { Method } from './split';
import { ruFold } from '../../api/text';

export interface RuleItem {
  subjectId: string;
  gradeFrom: number;
  gradeTo: number;
  minStudents: number;
  parts: number;
  by: Method;
}

export interface Rule {
  items: RuleItem[];
  maxTeacherHours: number;
  teachingNormHours: number;
}

/** Weekly teaching hours of one rate for teachers (приказ Минобрнауки России № 1601, прил. 1, п. 2.8.1). */
export const TEACHING_NORM_HOURS = 18;
/** No federal cap exists; one and a half rates and a bit is what schools usually allow. */
export const DEFAULT_MAX_TEACHER_HOURS = 30;
const DEFAULT_MIN_STUDENTS = 25;

const fold = (s: string) => ruFold(s).trim();

/**
 * The usual practice (R4, 000 §3): foreign languages (from grade 2) and informatics are divided
 * into two subgroups from 25 students, technology (труд) from grade 5 into boys and girls.
 */
export function defaultRuleItems(subjects: readonly { id: string; name: string }[]): RuleItem[] {
  const items: RuleItem[] = [];
  for (const s of subjects) {
    const n = fold(s.name);
    const item = (gradeFrom: number, gradeTo: number, by: Method) =>
      items.push({ subjectId: s.id, gradeFrom, gradeTo, minStudents: DEFAULT_MIN_STUDENTS, parts: 2, by });
    if (/^(второй )?иностранный язык/.test(n)) item(2, 11, 'balanced');
    else if (/^информатика/.test(n)) item(1, 11, 'balanced');
    else if (/^труд|технология/.test(n)) item(5, 11, 'gender');
  }
  return items;
}

/** Whether the rule divides `subjectId` in a class of `grade` with `size` students, and how. */
export function ruleFor(rule: Rule, subjectId: string, grade: number, size: number): RuleItem | null {
  return rule.items.find((i) => i.subjectId === subjectId && grade >= i.gradeFrom && grade <= i.gradeTo && size >= i.minStudents) ?? null;
}
