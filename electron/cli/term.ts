// `reports term --period "2 четверть" [--parallel 7] [--class 7Б] [--out FILE.xlsx|FILE.pdf] --json`
// (issue 13 point 8): the term report's figures (docs/indicators.md «The term report») for the school,
// a parallel or a class; the period and the class by name; --out saves the report as the office's
// document by the core's own job (the extension decides the format), --json still gives the figures.
import type { LocalClient } from '../core/dispatch';
import type { ExportedFile, TermFigures, TermReport } from '../api/types';
import { ruFold } from '../api/text';
import { UsageError } from './errors';

export interface TermEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
  io: { saveResult: (f: ExportedFile, dest: string) => void };
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`);
const num = (v: number | null) => (v === null ? '—' : v.toLocaleString('ru-RU', { maximumFractionDigits: 2 }));

/** One line of figures, as the report's table reads. */
export function figuresLine(f: TermFigures): string {
  return (
    `учеников ${f.counted.count}, N ${f.n.count}; отличники ${f.excellent.count}, хорошисты ${f.good.count} (с одной «4» — ${f.oneFour.count}), ` +
    `на «3» ${f.satisfactory.count} (с одной «3» — ${f.oneThree.count}), неуспевающие ${f.failing.count}, н/а ${f.notAttested.count}, осв. ${f.exempt.count}; ` +
    `успеваемость ${pct(f.progress)}, качество ${pct(f.quality)}, СОУ ${pct(f.sou)}, средний балл ${num(f.average)}`
  );
}

export async function reportsCommand(sub: string | undefined, env: TermEnv): Promise<void> {
  if (sub !== 'term') throw new UsageError('reports: укажите term');
  const dest = env.flag('--out');
  const format = dest === undefined ? null : /\.xlsx$/i.test(dest) ? 'xlsx' : /\.pdf$/i.test(dest) ? 'pdf' : undefined;
  if (format === undefined) throw new UsageError('reports term: файл --out должен оканчиваться на .xlsx или .pdf');
  const periodName = env.flag('--period');
  if (!periodName) throw new UsageError('reports term: укажите период: --period "2 четверть" (или "Год")');
  const parallel = env.flag('--parallel');
  const className = env.flag('--class');
  if (parallel !== undefined && className !== undefined) throw new UsageError('reports term: укажите либо --parallel, либо --class');
  const grade = parallel === undefined ? undefined : Number(parallel);
  if (grade !== undefined && !(Number.isInteger(grade) && grade >= 1 && grade <= 11)) throw new UsageError(`--parallel: нужен номер параллели от 1 до 11, получено «${parallel}»`);

  const o = await env.call('term.options', {});
  let classId: string | undefined;
  let forGrade = grade;
  if (className !== undefined) {
    const c = o.classes.find((x) => ruFold(x.name) === ruFold(className.replace(/\s+/g, '')));
    if (!c) throw new UsageError(`--class: класса «${className}» нет${o.classes.length ? ` (есть: ${o.classes.map((x) => x.name).join(', ')})` : ''}`);
    classId = c.id;
    forGrade = c.grade;
  }
  const named = o.periods.filter((p) => ruFold(p.name) === ruFold(periodName.trim()));
  if (!named.length) throw new UsageError(`--period: периода «${periodName}» нет (есть: ${[...new Set(o.periods.map((p) => p.name))].join(', ')})`);
  const period = forGrade === undefined ? named.find((p) => p.grades.length) ?? named[0]! : named.find((p) => p.grades.includes(forGrade!)) ?? named[0]!;

  const input = { ...(period.id ? { periodId: period.id } : { year: true }), ...(classId ? { scope: 'class' as const, classId } : grade !== undefined ? { scope: 'parallel' as const, grade } : { scope: 'school' as const }) };
  const r: TermReport = await env.call('term.report', input);
  const lines = [`Отчёт за период «${r.period.name}», ${r.scope.name}: ${figuresLine(r.figures)}`];
  if (r.classes.length > 1) for (const c of r.classes) lines.push(`  ${c.className}: ${figuresLine(c.figures)}`);
  if (r.figures.failing.count) lines.push(`Неуспевающие: ${r.figures.failing.students.map((s) => `${s.name} (${s.className}: ${s.subjects?.join(', ')})`).join('; ')}`);
  if (r.previous) lines.push(`Предыдущий период «${r.previous.period.name}»: ${figuresLine(r.previous.figures)}`);
  if (r.yearAgo) lines.push(`Год назад («${r.yearAgo.period.name}», ${r.yearAgo.scopeName}): ${figuresLine(r.yearAgo.figures)}`);
  if (format && dest) {
    const f = format === 'pdf' ? await env.call('term.pdf', input) : await env.call('term.xlsx', input);
    env.io.saveResult(f, dest);
    lines.push(`Сохранено в файле ${dest}`);
    env.out(lines.join('\n'), { ...r, file: dest });
  } else env.out(lines.join('\n'), r);
}
