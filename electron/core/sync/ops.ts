import type { Handlers } from '../context';
import type { Ctx } from '../context';
import type { syncOps, SyncLogLine, SyncRegisterResult, SyncStatus } from '../../api/sync';
import * as store from '../../../db/sync';
import { AppError } from '../../api/errors';
import { countWith, WORDS } from '../../api/plural';
import { CentralClient, shownAddress } from './http';
import { syncRound, toApiRefusal } from './round';
import { followRounds, runningRound } from './running';
import { JobCancelled } from '../job';

// The host's thread follows the rounds of its jobs from the start (the status shows their progress).
followRounds();

/** How this installation calls itself to the central system when the administrator gives no name. */
const DEFAULT_NAME = 'Школьный офис';

function status(ctx: Ctx): SyncStatus {
  const st = store.syncState(ctx.db);
  const r = runningRound();
  return {
    registered: st.identity !== null,
    schoolName: st.identity?.schoolName ?? null,
    serverUrl: st.identity?.serverUrl ?? null,
    online: st.lastError !== null ? false : st.lastSyncAt !== null ? true : null,
    lastSyncAt: st.lastSyncAt,
    lastError: st.lastError,
    pending: st.pending,
    refused: st.refused,
    needsFork: st.needsFork,
    running: r
      ? { jobId: r.info.id, phrase: r.info.phrase || (r.info.state === 'queued' ? 'Ожидает очереди' : 'Синхронизация'), done: r.info.done, total: r.info.total, mine: r.session === ctx.session }
      : null,
  };
}

async function register(ctx: Ctx, i: { serverUrl: string; code: string; name: string | null }): Promise<SyncRegisterResult> {
  const already = store.syncState(ctx.db).identity;
  if (already) throw alreadyRegistered(already);
  const client = new CentralClient(i.serverUrl, null);
  let reg;
  try {
    reg = await client.register(i.code, i.name ?? DEFAULT_NAME);
  } catch (e) {
    // «Не отвечает» belongs next to the address; a wrong code comes with its field already.
    if (e instanceof AppError && e.code === 'unavailable') throw new AppError(e.code, e.message, [{ column: 'serverUrl', message: e.message }]);
    throw e;
  }
  // The deciding read again right before (the store's setIdentity is its own transaction).
  const now = store.syncState(ctx.db).identity;
  if (now) throw alreadyRegistered(now);
  store.setIdentity(ctx.db, { serverUrl: i.serverUrl, schoolId: reg.schoolId, schoolName: reg.schoolName, clientId: reg.clientId, secret: reg.secret });
  // The first round: its failure (or a cancel) does not undo the registration, which is done.
  try {
    return { schoolName: reg.schoolName, round: await syncRound(ctx), roundError: null };
  } catch (e) {
    const message = e instanceof JobCancelled ? 'Первая синхронизация отменена: она будет выполнена позже.' : e instanceof AppError ? e.message : 'Внутренняя ошибка синхронизации.';
    return { schoolName: reg.schoolName, round: null, roundError: message };
  }
}

const alreadyRegistered = (id: store.SyncIdentity) =>
  new AppError('conflict', `Программа уже подключена к центральной системе: школа «${id.schoolName}», адрес ${shownAddress(id.serverUrl)}.`);

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const num = (v: unknown) => n(v).toLocaleString('ru-RU');

/** A sync_log line in words: its kind and its counts (the store writes nothing personal there). */
export function logText(kind: string, detail: unknown): string {
  const d = (detail && typeof detail === 'object' ? detail : {}) as Record<string, unknown>;
  switch (kind) {
    case 'pull': {
      const extra = [n(d.refused) ? `отменено здесь: ${num(d.refused)}` : null, d.more ? 'продолжение — следующей страницей' : null].filter(Boolean);
      return `Получено ${countWith(n(d.rows), WORDS.record)} (версии ${num(d.from)} → ${num(d.cursor)})${extra.length ? `; ${extra.join('; ')}` : ''}`;
    }
    case 'push':
      return `Отправлены изменения: принято ${num(d.accepted)}, отклонено ${num(d.refused)}${n(d.dependent) ? `, отменено зависевших от них ${num(d.dependent)}` : ''}`;
    case 'refusal': {
      const nos = Array.isArray(d.mutations) ? d.mutations.filter((x): x is number => typeof x === 'number') : [];
      const which = nos.length ? ` № ${nos.slice(0, 20).join(', ')}${nos.length > 20 ? '…' : ''}` : '';
      return d.dependent ? `Отменены изменения, зависевшие от отклонённого:${which}` : `Отклонено изменение${which}`;
    }
    case 'gap':
      return `Центральная система уже обработала изменения по № ${num(d.serverLast)}: отправка продолжится со следующего`;
    case 'register':
      return `Программа подключена к центральной системе; ждут отправки: ${num(d.pending)}`;
    case 'merge':
      return d.entity === 'staff'
        ? `Карточка сотрудника, созданная здесь, совпала с карточкой из центральной системы: учётная запись связана с ней, вторая карточка не отправлена; ждут отправки: ${num(d.pending)}`
        : `Запись, созданная здесь, совпала с записью из центральной системы и не отправлена; ждут отправки: ${num(d.pending)}`;
    case 'fork':
      return `Новое подключение после восстановления из резервной копии: обработанные центральной системой изменения (по № ${num(d.serverLast)}) сняты, ждут отправки: ${num(d.pending)}`;
    default: {
      const parts = Object.entries(d)
        .filter(([, v]) => typeof v === 'number' || typeof v === 'boolean')
        .map(([k, v]) => `${k}: ${typeof v === 'boolean' ? (v ? 'да' : 'нет') : num(v)}`);
      return parts.length ? `${kind} (${parts.join(', ')})` : kind;
    }
  }
}

function syncLog(ctx: Ctx, limit: number): SyncLogLine[] {
  const exists = ctx.db.raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_log'").get();
  if (!exists) return [];
  const rows = ctx.db.raw.prepare('SELECT seq, at, kind, detail FROM sync_log ORDER BY seq DESC LIMIT ?').all(limit) as { seq: number; at: string; kind: string; detail: string | null }[];
  return rows.map((r) => {
    let detail: unknown = null;
    try {
      detail = r.detail ? JSON.parse(r.detail) : null;
    } catch {
      detail = null;
    }
    return { seq: r.seq, at: r.at, kind: r.kind, text: logText(r.kind, detail) };
  });
}

export const syncHandlers = {
  'sync.status': (_, ctx) => status(ctx),
  'sync.register': (i, ctx) => register(ctx, i),
  'sync.now': (_, ctx) => syncRound(ctx),
  'sync.refusals': (i, ctx) => store.refusals(ctx.db, i.limit ?? 200).map(toApiRefusal),
  'sync.log': (i, ctx) => syncLog(ctx, i.limit ?? 100),
} satisfies Handlers<typeof syncOps>;

