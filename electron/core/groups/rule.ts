// The division rule and the workload limits, kept in the local settings (the default: policy.ts).
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { DivisionRuleItem, GroupsRule } from '../../api/types';
import { invalid } from '../../api/errors';
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
