// The division rule and the workload limits, kept in the local settings (the default: policy.ts).
import { Writer } from '../../../db';
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { DivisionRuleItem, GroupsRule } from '../../api/types';
import { AppError, invalid } from '../../api/errors';
import { ownParallels, requireGrades } from '../auth/parallels';
import { readSetting, writeSetting } from '../auth/settings';
import { DEFAULT_MAX_TEACHER_HOURS, TEACHING_NORM_HOURS, defaultRuleItems, type Rule } from './policy';

export { ruleFor, type Rule, type RuleItem } from './policy';

const KEY = 'groups.rule';

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
  const rule: Rule = { items: i.items, maxTeacherHours: i.maxTeacherHours, teachingNormHours: i.teachingNormHours };
  ctx.db.tx(() => {
    const before = readRule(ctx);
    requireRuleParallels(ctx, before, rule);
    writeSetting(ctx.db, KEY, rule);
    // Local settings are not synced; the change is audited like the other settings.
    new Writer(ctx.db, ctx.actor, ctx.now).local('setting', KEY, 'update', { ...before }, { ...rule });
  });
  return getRule(ctx);
}

/**
 * R8: the rule is set per range of parallels, so a deputy director changes it for their parallels
 * only: every parallel where some subject's division changes must be theirs. The workload limits
 * are the whole school's: the administrator's.
 */
function requireRuleParallels(ctx: Ctx, before: Rule, after: Rule): void {
  if (!ownParallels(ctx)) return;
  if (before.maxTeacherHours !== after.maxTeacherHours || before.teachingNormHours !== after.teachingNormHours)
    throw new AppError('forbidden', 'Максимальную нагрузку учителя и норму часов на ставку меняет администратор системы: они общие для всей школы.');
  const at = (r: Rule, subjectId: string, grade: number) => {
    const it = r.items.find((x) => x.subjectId === subjectId && grade >= x.gradeFrom && grade <= x.gradeTo);
    return it ? `${it.minStudents}:${it.parts}:${it.by}` : '';
  };
  const changed = new Set<number>();
  for (const subjectId of new Set([...before.items, ...after.items].map((x) => x.subjectId)))
    for (let g = 1; g <= 11; g++) if (at(before, subjectId, g) !== at(after, subjectId, g)) changed.add(g);
  requireGrades(ctx, [...changed].sort((a, b) => a - b), 'изменение правила деления');
}
