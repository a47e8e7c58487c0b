// `paper-copies print --period "2 четверть" [--class 7Б] --out DIR` (issue 14 point 7; R21): the
// paper copies of the journal printed by the core's own job (and recorded with the board's step),
// one PDF per class written into DIR («7Б — 2 четверть.pdf»). Without --class: every class the
// period applies to (a period name shared by several parallels' periods: each of them).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { ruFold } from '../api/text';
import { UsageError } from './errors';
import type { StatementsEnv } from './statements';

export async function printCopiesCommand(_sub: string | undefined, env: StatementsEnv): Promise<void> {
  const dir = env.flag('--out');
  if (!dir) throw new UsageError('paper-copies print: укажите папку: --out ПАПКА');
  const periodName = env.flag('--period');
  if (!periodName) throw new UsageError('paper-copies print: укажите период: --period "2 четверть"');
  const className = env.flag('--class');
  const periods = (await env.call('paper.copyPeriods')).filter((p) => ruFold(p.name) === ruFold(periodName.trim()));
  if (!periods.length) {
    const names = [...new Set((await env.call('paper.copyPeriods')).map((p) => p.name))];
    throw new UsageError(`--period: периода «${periodName}» в учебном году нет${names.length ? ` (есть: ${names.join(', ')})` : ''}`);
  }
  const jobs: { periodId: string; classId?: string }[] = [];
  if (className !== undefined) {
    const want = ruFold(className.replace(/\s+/g, ''));
    const hit = periods.flatMap((p) => p.classes.filter((c) => ruFold(c.name) === want).map((c) => ({ periodId: p.id, classId: c.id })));
    if (!hit.length) {
      const all = periods.flatMap((p) => p.classes.map((c) => c.name));
      throw new UsageError(`--class: класса «${className}» нет среди классов периода «${periodName}»${all.length ? ` (есть: ${all.join(', ')})` : ''}`);
    }
    jobs.push(hit[0]!);
  } else for (const p of periods) if (p.classes.length) jobs.push({ periodId: p.id });
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const written: { file: string; className: string; code: string; sheets: number }[] = [];
  for (const input of jobs) {
    const f = await env.call('paper.printCopies', input);
    if (f.copies.length === 1) {
      const dest = join(out, f.fileName);
      env.io.saveResult(f, dest);
      written.push({ file: dest, ...f.copies[0]! });
      continue;
    }
    // Several classes come as one ZIP: its PDFs go into the folder, the ZIP does not stay.
    const tmp = join(out, `.paper-copies-${process.pid}-${Date.now()}.zip`);
    env.io.saveResult(f, tmp);
    try {
      const files = unzipSync(new Uint8Array(readFileSync(tmp)));
      for (const c of f.copies) {
        const name = Object.keys(files).find((n) => n.startsWith(`${c.className} — `))!;
        const dest = join(out, name);
        writeFileSync(dest, files[name]!);
        written.push({ file: dest, ...c });
      }
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  const sheets = written.reduce((n, w) => n + w.sheets, 0);
  const lines = [`Бумажные копии журнала за «${periodName}»: ${written.length} (листов: ${sheets}); сохранены в папке ${out}`];
  for (const w of written) lines.push(`  ${w.className}: копия ${w.code}, листов ${w.sheets} — ${w.file}`);
  env.out(lines.join('\n'), { dir: out, copies: written, sheets });
}
