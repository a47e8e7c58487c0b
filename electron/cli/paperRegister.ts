// `register show [--period "2 четверть"] [--json]` and `register verify [--json]` (issue 14 point 7):
// the register of paper copies, and the check of its chain of entries and of the scans' digests —
// exit code 1 naming the first broken entry (or the changed scan).
import type { RegisterVerification } from '../api/paperRegister';
import { ruFold } from '../api/text';
import { UsageError } from './errors';
import type { StatementsEnv } from './statements';

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export function verificationText(v: RegisterVerification): string {
  if (v.ok) return `Реестр в порядке: записей ${v.entries}, сканов ${v.scans}; записи не изменялись и не удалялись.\nКонтрольная сумма реестра: ${v.checksum || '—'}`;
  return ['Реестр нарушен:', ...(v.problem ? [`  ${v.problem}`] : []), ...v.scanProblems.map((p) => `  ${p}`)].join('\n');
}

export async function registerCommand(sub: string | undefined, env: StatementsEnv): Promise<number | void> {
  if (sub === 'verify') {
    const v = await env.call('paper.registerVerify', {});
    env.out(verificationText(v), v);
    return v.ok ? 0 : 1;
  }
  if (sub !== 'show') throw new UsageError('register: укажите show или verify');
  const periodName = env.flag('--period');
  let periodIds: Set<string> | null = null;
  if (periodName !== undefined) {
    const { periods } = await env.call('paper.registerOptions', {});
    const want = ruFold(periodName.trim().replace(/\s+/g, ' '));
    const found = periods.filter((p) => ruFold(p.name) === want || ruFold(p.name).startsWith(`${want} `));
    if (!found.length)
      throw new UsageError(`--period: периода «${periodName}» нет${periods.length ? ` (есть: ${[...new Set(periods.map((p) => p.name))].join(', ')})` : ''}`);
    periodIds = new Set(found.map((p) => p.id));
  }
  const view = await env.call('paper.register', {});
  const entries = periodIds ? view.entries.filter((e) => periodIds.has(e.periodId)) : view.entries;
  const lines = entries.length
    ? entries.map((e) => {
        const notes = [
          e.correctsNumber ? `исправляет запись № ${e.correctsNumber}` : '',
          e.note ?? '',
          e.copyCode ? `копия ${e.copyCode}${e.copyUpToDate === false ? ` устарела: ${e.copyChanges.join('; ')}` : ''}` : '',
          e.correctedBy.length ? `исправлена записью № ${e.correctedBy.join(', ')}` : '',
          e.scans.length ? `сканов: ${e.scans.length}` : '',
        ].filter(Boolean);
        return `№ ${e.number}\t${ru(e.receivedOn)}\t${e.className}\t${e.periodName}\tлистов ${e.sheets}\tсдал ${e.handedBy}\tпринял ${e.receivedBy}${notes.length ? `\t${notes.join('; ')}` : ''}`;
      })
    : ['В реестре записей нет.'];
  lines.push(`Контрольная сумма реестра: ${view.checksum || '—'}`);
  env.out(lines.join('\n'), { entries, checksum: view.checksum });
}
