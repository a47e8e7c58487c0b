// `archive build --period "2 четверть" | --year --out FILE.zip` and `archive verify FILE` (issue 14
// point 7): the archive of the paper copies and the journal data built by the core's own job, and
// an archive file checked — exit 1 naming each damaged file, exit 0 «Архив цел: N файлов».
import { resolve } from 'node:path';
import type { Env } from './commands';
import { ruFold } from '../api/text';
import { plural } from '../api/plural';
import { UsageError } from './errors';

const files = (n: number) => `${n.toLocaleString('ru-RU')} ${plural(n, 'файл', 'файла', 'файлов')}`;

export async function archiveCommand(sub: string | undefined, env: Env & { year: boolean }, file: string | undefined): Promise<void | number> {
  if (sub === 'build') {
    const dest = env.flag('--out');
    if (!dest) throw new UsageError('archive build: укажите файл: --out ФАЙЛ.zip');
    if (!/\.zip$/i.test(dest)) throw new UsageError('archive build: файл --out должен оканчиваться на .zip');
    const periodName = env.flag('--period');
    if ((periodName === undefined) === !env.year) throw new UsageError('archive build: укажите --period "2 четверть" или --year');
    let periodId: string | null = null;
    if (periodName !== undefined) {
      const view = await env.call('paper.archives');
      const found = view.periods.filter((p) => ruFold(p.name) === ruFold(periodName.trim()));
      if (!found.length) throw new UsageError(`--period: периода «${periodName}» нет${view.periods.length ? ` (есть: ${[...new Set(view.periods.map((p) => p.name))].join(', ')})` : ''}`);
      periodId = found[0]!.id;
    }
    const f = await env.call('paper.archiveBuild', { kind: env.year ? 'year' : 'period', periodId });
    env.io.saveResult(f, resolve(dest));
    env.out(`Архив собран: ${files(f.rows)} и манифест; сохранено в файле ${dest}`, { file: dest, fileName: f.fileName, files: f.rows, size: f.size });
    return;
  }
  if (sub === 'verify') {
    if (!file) throw new UsageError('archive verify: укажите файл архива');
    const input = env.io.inputFile(file);
    const r = await env.call('paper.archiveVerify', { file: input.id });
    if (r.ok) {
      const rec = r.recorded ? `\nСобран программой ${r.recorded.builtAt.slice(0, 10).split('-').reverse().join('.')}, ${r.recorded.builtBy}.` : '';
      env.out(`Архив цел: ${files(r.files)}${rec}`, r);
      return;
    }
    env.out([`Архив повреждён: ${file}`, ...r.problems.map((p) => `  ${p.text}`)].join('\n'), r);
    return 1;
  }
  throw new UsageError('archive: укажите build или verify');
}
