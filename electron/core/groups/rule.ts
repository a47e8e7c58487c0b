// The division rule (which subjects are divided, in which grades, from what class size) and the
// workload limits, kept in the local settings. The default is pure so the demo school uses it too.
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { DivisionRuleItem, GroupsRule } from '../../api/types';
import { invalid } from '../../api/errors';
import { readSetting, writeSetting } from '../auth/settings';
import type { Method } from './split';

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

const KEY = 'groups.rule';
/** Weekly teaching hours of one rate for teachers (приказ Минобрнауки России № 1601, прил. 1, п. 2.8.1). */
export const TEACHING_NORM_HOURS = 18;
/** No federal cap exists; one and a half rates and a bit is what schools usually allow. */
export const DEFAULT_MAX_TEACHER_HOURS = 30;
const DEFAULT_MIN_STUDENTS = 25;

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е').trim();

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

function liveSubjects(ctx: Ctx): { id: string; name: string }[] {
  const { db } = ctx;
  return db.all(db.q.selectFrom('subject').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('sort_order').orderBy('name'));
}

/** The saved rule, or the default for the school's subjects. Items of removed subjects are dropped. */
export function readRule(ctx: Ctx): Rule & { isDefault: boolean } {
  const saved = readSetting<Rule | null>(ctx.db, KEY, null);
  const subjects = liveSubjects(ctx);
  if (!saved) return { items: defaultRuleItems(subjects), maxTeacherHours: DEFAULT_MAX_TEACHER_HOURS, teachingNormHours: TEACHING_NORM_HOURS, isDefault: true };
  const alive = new Set(subjects.map((s) => s.id));
  return { ...saved, items: saved.items.filter((i) => alive.has(i.subjectId)), isDefault: false };
}

export function getRule(ctx: Ctx): GroupsRule {
  const r = readRule(ctx);
  const names = new Map(liveSubjects(ctx).map((s) => [s.id, s.name]));
  const items: DivisionRuleItem[] = r.items.map((i) => ({ ...i, subjectName: names.get(i.subjectId) ?? '' }));
  return { items, maxTeacherHours: r.maxTeacherHours, teachingNormHours: r.teachingNormHours, isDefault: r.isDefault };
}

export function saveRule(ctx: Ctx, i: OpParsed<'groups.rule.save'>): GroupsRule {
  const names = new Map(liveSubjects(ctx).map((s) => [s.id, s.name]));
  const problems = i.items.flatMap((item, idx) => {
    const out: { row: number; column: string; message: string }[] = [];
    if (!names.has(item.subjectId)) out.push({ row: idx + 1, column: 'Предмет', message: 'Предмет не найден. Возможно, он удалён.' });
    if (item.gradeFrom > item.gradeTo) out.push({ row: idx + 1, column: 'Параллели', message: `Параллель «с» (${item.gradeFrom}) больше параллели «по» (${item.gradeTo})` });
    if (item.by === 'gender' && item.parts !== 2)
      out.push({ row: idx + 1, column: 'Подгрупп', message: `«${names.get(item.subjectId) ?? ''}»: по полу класс делится только на две подгруппы (мальчики и девочки)` });
    return out;
  });
  const seen = new Set<string>();
  i.items.forEach((item, idx) => {
    for (let g = item.gradeFrom; g <= item.gradeTo; g++) {
      const key = `${item.subjectId}:${g}`;
      if (seen.has(key)) {
        problems.push({ row: idx + 1, column: 'Параллели', message: `Для «${names.get(item.subjectId) ?? ''}» в ${g} классах правило указано дважды` });
        break;
      }
      seen.add(key);
    }
  });
  if (problems.length) throw invalid(problems[0]!.message, problems);
  const before = readRule(ctx);
  const rule: Rule = { items: i.items, maxTeacherHours: i.maxTeacherHours, teachingNormHours: i.teachingNormHours };
  ctx.db.tx(() => {
    writeSetting(ctx.db, KEY, rule);
    // Local settings are not synced; the change is audited like the other settings.
    ctx.db
      .statement('INSERT INTO audit_log (at, actor, entity, entity_id, action, old_values, new_values) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(ctx.now().toISOString(), ctx.actor, 'setting', KEY, 'update', JSON.stringify(before), JSON.stringify(rule));
  });
  return getRule(ctx);
}
