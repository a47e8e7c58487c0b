// `year check [--class 5А] [--year 2026/2027] [--json]` (issue 15 point 7; R24): the year-end check
// (the core's `year.check`; docs/year-end.md «Итоги года»): one line per class, and with --class the
// lists. Exit 0 whatever it finds: the findings are the answer.
import type { YearCheck, YearCheckClass, YearCheckTotals } from '../api/yearCheck';
import { ruFold } from '../api/text';
import type { Env } from './commands';
import { UsageError } from './errors';

const line = (name: string, t: YearCheckTotals) =>
  `${name.padEnd(6)} учеников ${t.students}; нет отметок ${t.missing}; задолженностей ${t.debts}${t.unrecorded ? ` (не оформлено ${t.unrecorded})` : ''}; одна «3» ${t.oneThree}; одна «4» ${t.oneFour}; отличников ${t.excellent}${t.medal ? `; претендентов на медаль ${t.medal}` : ''}`;

function details(c: YearCheckClass): string[] {
  const out: string[] = [];
  const section = (title: string, rows: string[]) => {
    out.push('', `${title}: ${rows.length ? rows.length : 'нет'}`);
    for (const r of rows) out.push(`  ${r}`);
  };
  section('Нет отметок', c.missing.map((m) => `${m.student} — ${m.subject}: ${m.whichText}`));
  section(
    'Задолженности',
    c.debts.map((d) => `${d.student} — ${d.subject}${d.mark ? ` («${d.mark}»)` : ''}: ${d.reasonText}; ${d.recorded ? d.statusText : 'не оформлена'}`),
  );
  section('С одной «3»', c.oneThree.map((x) => `${x.student} — ${x.subject}`));
  section('С одной «4»', c.oneFour.map((x) => `${x.student} — ${x.subject}`));
  section('Отличники', c.excellent.map((x) => x.student));
  if (c.medal) section('Медаль', c.medal.map((m) => `${m.student}: ${m.text}`));
  if (c.certificate) {
    const cert = c.certificate;
    out.push('', `${cert.title}: ${cert.subjects.map((s) => s.name).join('; ')}${cert.examColumn ? `; ${cert.examColumn} — вручную` : ''}`);
    for (const r of cert.rows) out.push(`  ${r.student}: ${cert.subjects.map((s) => r.marks[s.id] ?? '—').join(' ')}`);
  }
  return out;
}

export async function yearCheckCommand(env: Env): Promise<void | number> {
  const yearName = env.flag('--year');
  const className = env.flag('--class');
  let yearId: string | undefined;
  const first: YearCheck = await env.call('year.check', {});
  if (yearName !== undefined) {
    const y = first.years.find((x) => x.name === yearName.trim().replace('-', '/'));
    if (!y) throw new UsageError(`--year: учебного года «${yearName}» нет (есть: ${first.years.map((x) => x.name).join(', ')})`);
    yearId = y.id;
  }
  const all = yearId && yearId !== first.yearId ? await env.call('year.check', { yearId }) : first;
  let check = all;
  if (className !== undefined) {
    const c = all.classes.find((x) => ruFold(x.className) === ruFold(className.replace(/\s+/g, '')));
    if (!c) throw new UsageError(`--class: класса «${className}» в ${all.yearName} нет${all.classes.length ? ` (есть: ${all.classes.map((x) => x.className).join(', ')})` : ''}`);
    check = await env.call('year.check', { yearId: all.yearId, classId: c.classId });
  }
  const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
  const lines = [`Итоги учебного года ${check.yearName} (списки классов на ${ru(check.day)})`];
  if (check.detail) {
    const d = check.detail;
    lines.push(line(d.className, d.totals));
    lines.push(...details(d));
  } else {
    for (const c of check.classes) lines.push(line(c.className, c.totals));
    lines.push(line('Всего', check.total));
  }
  env.out(lines.join('\n'), check);
}
