// `year rollover --to 2027/2028 [--tenth Б:Г,В:Д] [--dry-run]` (issue 15 points 4 and 7): the plan —
// what will be created, what will not, the problems — and, without --dry-run, the rollover itself
// (a backup, then one transaction). Exit 0 «Нечего делать» when it was done; exit 1 with the problems
// when it is refused.
import type { Env } from './commands';
import type { RolloverDone, RolloverPlan } from '../api/rollover';
import { UsageError } from './errors';

const day = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.');

function parseTenth(v: string | undefined): { from9: string; to10: string }[] | undefined {
  if (v === undefined) return undefined;
  return v.split(',').map((pair) => {
    const [from9, to10] = pair.split(':').map((x) => x.trim());
    if (!from9 || !to10) throw new UsageError(`--tenth: укажите пары литер «из 9:в 10», например Б:Г — получено «${pair}»`);
    return { from9, to10 };
  });
}

function countsText(c: RolloverDone['counts']): string[] {
  return [
    `  учебный год: ${c.years ? 'создаётся' : 'уже есть'}; периодов: ${c.periods}, каникул: ${c.holidays}, расписаний звонков: ${c.bellSchedules}`,
    `  классов: ${c.classes}; строк учебного плана: ${c.curriculumItems}`,
    `  деление на подгруппы: ${c.divisions} (подгрупп ${c.subgroups}, учеников в них ${c.subgroupMembers})`,
    `  учебных групп: ${c.studyGroups} (учеников в них ${c.studyGroupMembers}); тарификация: ${c.assignments}`,
    `  учеников переводится: ${c.moved}; выбывают выпускники: ${c.left}`,
  ];
}

export function planText(p: RolloverPlan): string {
  const lines: string[] = [];
  if (p.fromYear && p.toYear) lines.push(`Переход ${p.fromYear.name} → ${p.toYear.name} (с ${day(p.toYear.startDate)} по ${day(p.toYear.endDate)})`);
  if (p.toYear) {
    lines.push('', 'Будет создано:', ...countsText(p.counts));
    for (const c of p.classes) {
      const from = c.sources.map((s) => `${s.className} ${s.decision === 'repeat' ? 'повторно' : '→'} ${s.students}`).join(', ');
      lines.push(`  ${c.name}${c.existing ? ' (уже есть)' : ''}: ${c.students} уч. (${from || 'без учеников'}); кл. рук. ${c.classTeacher ?? '—'}; план из ${c.curriculum.fromClass}`);
    }
    for (const c of p.notCarried) lines.push(`  ${c.className} не переходит: ${c.reason}`);
  }
  lines.push('', 'Не делается:', ...p.notDone.map((x) => `  ${x}`));
  if (p.problems.length) lines.push('', 'Препятствия:', ...p.problems.map((x) => `  ${x.message}`));
  return lines.join('\n');
}

export async function yearRolloverCommand(env: Env & { dryRun: boolean }): Promise<void | number> {
  const to = env.flag('--to');
  if (!to) throw new UsageError('year rollover: укажите новый учебный год: --to 2027/2028');
  const input = { to, tenth: parseTenth(env.flag('--tenth')) };
  const plan = await env.call('rollover.plan', input);
  if (plan.done) {
    env.out(`Нечего делать: переход на ${plan.done.toYear} уже выполнен ${day(plan.done.doneAt)}`, { nothingToDo: true, done: plan.done });
    return;
  }
  if (plan.problems.length) {
    env.out(`Переход не выполнен.\n${planText(plan)}`, plan);
    return 1;
  }
  if (env.dryRun) {
    env.out(`Пробный прогон: ничего не изменено.\n${planText(plan)}`, plan);
    return;
  }
  const r = await env.call('rollover.run', input);
  const text = r.nothingToDo
    ? r.message
    : [`${r.message} Резервная копия перед переходом: ${r.done.backupFile ?? '—'}`, ...countsText(r.done.counts), `Сделайте ${r.done.toYear} текущим на странице «Учебный год», когда придёт время.`].join('\n');
  env.out(text, r);
}
