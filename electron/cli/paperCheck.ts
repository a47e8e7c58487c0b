// `paper-copies check --period "2 четверть" [--class 7Б] [--json]` (issue 14 points 2 and 7; R21
// `001 §4.1`): day 1 of the holidays — what blocks a correct paper copy, per teacher (the core's
// `paper.check`; docs/paper-copies.md «The check»). Exit 0 whatever it finds: the findings are the answer.
import { ruFold } from '../api/text';
import { checkKinds } from '../api/paperBoard';
import { UsageError } from './errors';
import type { StatementsEnv } from './statements';

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export async function checkCopiesCommand(_sub: string | undefined, env: StatementsEnv): Promise<void> {
  const periodName = env.flag('--period');
  if (!periodName) throw new UsageError('paper-copies check: укажите период: --period "2 четверть"');
  const className = env.flag('--class');
  let classId: string | undefined;
  let grade: number | undefined;
  if (className !== undefined) {
    const classes = await env.call('classes.list');
    const c = classes.find((x) => ruFold(x.name) === ruFold(className.replace(/\s+/g, '')));
    if (!c) throw new UsageError(`--class: класса «${className}» нет${classes.length ? ` (есть: ${classes.map((x) => x.name).join(', ')})` : ''}`);
    classId = c.id;
    grade = c.grade;
  }
  const { periods } = await env.call('paper.boardPeriods');
  const named = periods.filter((p) => ruFold(p.name) === ruFold(periodName.trim()));
  const period = named.find((p) => grade === undefined || (grade >= p.gradeFrom && grade <= p.gradeTo));
  if (!period)
    throw new UsageError(
      named.length
        ? `--period: период «${periodName}» не относится к ${className} классу`
        : `--period: периода «${periodName}» нет${periods.length ? ` (есть: ${[...new Set(periods.map((p) => p.name))].join(', ')})` : ''}`,
    );
  const check = await env.call('paper.check', { periodId: period.id, classId: classId ?? null });
  const lines = [
    `Проверка перед печатью бумажных копий: ${period.name} (${ru(period.startDate)}–${ru(period.endDate)})${className ? `, ${className}` : ''}; классов: ${check.classes}`,
    `Срок исправления отметок за период: ${ru(check.editDeadline)}`,
  ];
  if (!check.total) lines.push('Замечаний нет: копии можно печатать.');
  else {
    lines.push(`Замечаний: ${check.total} (${Object.entries(checkKinds).filter(([k]) => check.byKind[k as keyof typeof checkKinds]).map(([k, label]) => `${label.toLowerCase()} — ${check.byKind[k as keyof typeof checkKinds]}`).join('; ')})`);
    for (const t of check.teachers) {
      lines.push('', `${t.teacher} — замечаний: ${t.findings.length}`);
      for (const f of t.findings) lines.push(`  ${f.className}, ${f.subject}: ${f.text}`);
    }
  }
  env.out(lines.join("\n"), { ...check, period: { ...check.period, startDate: period.startDate } });
}
