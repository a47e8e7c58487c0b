// `npm run cli -- sync --db FILE --server URL [--code CODE] [--name NAME]` (issue 10): registers
// this database with the central system when a code is given, then one round; prints what was
// pushed, refused (with the reasons) and pulled. Exit 1 when the central system does not answer or
// a change was refused, 2 on wrong usage.
import type { LocalClient } from '../core/dispatch';
import { AppError } from '../api/errors';
import { roundSummary, serverUrlProblem, type SyncRefusal, type SyncRoundResult } from '../api/sync';
import { ruDateTime } from './time';
import { UsageError } from './errors';

interface SyncEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
}

const OPS = { insert: 'добавление', update: 'изменение', delete: 'удаление' } as const;

/** A refusal in words: what was undone and why. */
export function refusalLines(r: SyncRefusal): string[] {
  const lines = [`  Изменение №${r.no} от ${ruDateTime(r.at)} (${r.actor}): ${r.reason}`];
  for (const c of r.changes) lines.push(`    отменено ${OPS[c.op]}: ${c.title} «${c.record}»${c.fields.length ? ` — ${c.fields.join(', ')}` : ''}`);
  return lines;
}

/** The same address, whatever the trailing slash or the case of the host. */
function sameServer(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname.replace(/\/+$/, '') === y.pathname.replace(/\/+$/, '');
  } catch {
    return a === b;
  }
}

export async function syncCommand(env: SyncEnv): Promise<number> {
  const { call, flag, out } = env;
  const server = flag('--server');
  if (!server) throw new UsageError('sync: укажите адрес центральной системы: --server АДРЕС');
  const problem = serverUrlProblem(server);
  if (problem) throw new UsageError(`sync: --server: ${problem}`);
  const code = flag('--code');
  const name = flag('--name');
  if (name !== undefined && code === undefined) throw new UsageError('sync: --name задаётся вместе с --code (при подключении)');
  const lines: string[] = [];
  let registered: string | null = null;
  let round: SyncRoundResult;
  try {
    if (code !== undefined) {
      const r = await call('sync.register', { serverUrl: server, code, name: name ?? null });
      registered = r.schoolName;
      lines.push(`Программа подключена к центральной системе: школа «${r.schoolName}».`);
      if (!r.round) throw new AppError('unavailable', r.roundError ?? 'Первая синхронизация не выполнена.');
      round = r.round;
    } else {
      const st = await call('sync.status');
      if (!st.registered) throw new AppError('validation', 'Программа не подключена к центральной системе: укажите код подключения (--code КОД).');
      if (!sameServer(st.serverUrl!, server))
        throw new AppError('validation', `Программа подключена к другой центральной системе (${st.serverUrl}): укажите её адрес в --server.`);
      round = await call('sync.now');
    }
  } catch (e) {
    // Offline: the changes stay here; say how many wait.
    if (lines.length) process.stderr.write(lines.join('\n') + '\n');
    const st = await call('sync.status').catch(() => null);
    if (st?.registered && e instanceof AppError && e.code === 'unavailable') process.stderr.write(`Ждут отправки: ${st.pending.toLocaleString('ru-RU')}\n`);
    throw e;
  }
  lines.push(roundSummary(round) + '.');
  if (round.forked) lines.push('Программа восстановлена из резервной копии: взято новое подключение к центральной системе.');
  if (round.refusals.length) {
    lines.push('Отклонено (изменения отменены на этом компьютере):');
    for (const r of round.refusals) lines.push(...refusalLines(r));
  }
  lines.push(`Ждут отправки: ${round.pending.toLocaleString('ru-RU')}`);
  out(lines.join('\n'), { registered, ...round });
  return round.refused > 0 ? 1 : 0;
}
