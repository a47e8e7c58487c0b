// `statements print --from ДД.ММ.ГГГГ --to ДД.ММ.ГГГГ [--class 7Б] --out FILE.pdf [--json]` (issue 13
// point 8; R12): the batch of statements for parents without e-access printed by the core's own job
// (and recorded in the register); --json gives the figures of every child as well.
import type { LocalClient } from '../core/dispatch';
import type { ExportedFile } from '../api/types';
import { ruFold } from '../api/text';
import { countWith, WORDS } from '../api/plural';
import { UsageError, day } from './errors';

export interface StatementsEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
  io: { saveResult: (f: ExportedFile, dest: string) => void };
}

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const avg = (v: number | null) => (v === null ? '—' : v.toFixed(2).replace('.', ','));

export async function statementsCommand(sub: string | undefined, env: StatementsEnv): Promise<void> {
  if (sub !== 'print') throw new UsageError('statements: укажите print');
  const dest = env.flag('--out');
  if (!dest) throw new UsageError('statements print: укажите файл: --out ФАЙЛ.pdf');
  if (!/\.pdf$/i.test(dest)) throw new UsageError('statements print: файл --out должен оканчиваться на .pdf');
  const from = day(env.flag('--from'), '--from');
  const to = day(env.flag('--to'), '--to');
  const className = env.flag('--class');
  let classId: string | undefined;
  if (className !== undefined) {
    const classes = await env.call('classes.list');
    const c = classes.find((x) => ruFold(x.name) === ruFold(className.replace(/\s+/g, '')));
    if (!c) throw new UsageError(`--class: класса «${className}» нет${classes.length ? ` (есть: ${classes.map((x) => x.name).join(', ')})` : ''}`);
    classId = c.id;
  }
  const input = { from, to, classId };
  const preview = await env.call('statements.preview', input);
  const f = await env.call('statements.print', input);
  env.io.saveResult(f, dest);
  const lines = [
    `Выписки для родителей за ${ru(preview.from)}–${ru(preview.to)}${preview.className ? `, ${preview.className}` : ''}: ${countWith(f.rows, WORDS.student)}; сохранено в файле ${dest}`,
  ];
  for (const c of preview.children) {
    lines.push(`  ${c.className} ${c.studentName} — ${c.addressees.map((a) => a.name).join(', ')}: уроков ${c.totals.lessonsHeld}, отметок ${c.totals.marks}, пропущено ${c.totals.missed}, опозданий ${c.totals.late}`);
    for (const s of c.subjects)
      lines.push(`    ${s.subject}: уроков ${s.lessonsHeld}; отметки ${s.marks.map((m) => m.value).join(' ') || '—'}; средний ${avg(s.average)}, средневзвешенный ${avg(s.weightedAverage)}`);
  }
  env.out(lines.join('\n'), { file: dest, rows: f.rows, ...preview });
}
