// Sync with the central system (issue 10; docs/sync.md): the status the header and the
// «Синхронизация» page show, registering this installation with an enrollment code, a round now,
// the refused changes and the sync log. Handlers: electron/core/sync/ops.ts.
//
// Who may do what: every role sees the status, the refusals and the log (`view('sync')`);
// registering this installation (its identity, R23) is the administrator's (`change('sync')`).
// «Синхронизировать сейчас» needs only `view('sync')`: a round decides nothing new — it sends the
// changes users already made and brings the central data, as the background sync does after each
// change anyway — so whoever waits for their change to reach the central journal may press it.
import { z } from 'zod';
import { MAX, tooLongMessage } from './limits';
import { change, job, none, read, view, write } from './ops';
import * as s from './schemas';
import { countWith, WORDS } from './plural';

/** The running round (a background one or someone's «Синхронизировать сейчас»), as the page shows it. */
export interface SyncProgress {
  jobId: string;
  /** «Получено 15 000 записей». */
  phrase: string;
  done: number;
  /** 0 while not known. */
  total: number;
  /** The round is this session's own job: it may cancel it (jobs.cancel). */
  mine: boolean;
}

export interface SyncStatus {
  registered: boolean;
  schoolName: string | null;
  serverUrl: string | null;
  /** As the last round found it: null before any round. */
  online: boolean | null;
  lastSyncAt: string | null;
  /** Why the last round failed (a Russian message), or null. */
  lastError: string | null;
  /** Changes made here not yet confirmed by the central system. */
  pending: number;
  /** Changes the central system (or this program) refused: shown with their reasons. */
  refused: number;
  /** The next fork (after a restore from a backup) is due. */
  needsFork: boolean;
  running: SyncProgress | null;
}

/** One refused change: what was undone and why. */
export interface SyncRefusal {
  no: number;
  /** When the change was made here, and by whom (login). */
  at: string;
  actor: string;
  reason: string;
  refusedAt: string;
  changes: { entity: string; title: string; record: string; op: 'insert' | 'update' | 'delete'; fields: string[] }[];
}

/** A line of the sync log (counts and versions only: nothing personal). */
export interface SyncLogLine {
  seq: number;
  at: string;
  kind: string;
  /** The line in Russian: «Получено 5 000 записей (версии до 1 234)». */
  text: string;
}

/** What one round did. */
export interface SyncRoundResult {
  /** Mutations sent (each one user action) and how many the central system accepted. */
  pushed: number;
  accepted: number;
  /** Refused in this round (by the central system, or undone here because a pulled row took their place). */
  refused: number;
  refusals: SyncRefusal[];
  /** Rows received. */
  pulled: number;
  pages: number;
  /** A new client identity was taken (after a restore from a backup). */
  forked: boolean;
  pending: number;
}

export interface SyncRegisterResult {
  schoolName: string;
  /** The first round after registering; null with `roundError` when it failed (it is tried again later). */
  round: SyncRoundResult | null;
  roundError: string | null;
}

/** The central system's address: http(s)://host[:port][/path], nothing else. */
export const serverUrl = z
  .string({ error: 'Поле «Адрес центральной системы»: нужен текст' })
  .trim()
  .min(1, 'Укажите адрес центральной системы')
  .max(MAX.serverUrl, tooLongMessage('Адрес центральной системы', MAX.serverUrl))
  .refine((v) => serverUrlProblem(v) === null, { error: (iss) => serverUrlProblem(String(iss.input ?? '')) ?? 'Неверный адрес' });

/** Why a typed address is not one of the central system, or null (shared with the form). */
export function serverUrlProblem(raw: string): string | null {
  const v = raw.trim();
  if (!v) return 'Укажите адрес центральной системы';
  if (v.length > MAX.serverUrl) return tooLongMessage('Адрес центральной системы', MAX.serverUrl);
  if (!/^https?:\/\//i.test(v)) return 'Адрес должен начинаться с http:// или https://, например https://journal.region.ru';
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return 'Это не адрес сайта: проверьте, что он набран без пробелов и лишних знаков';
  }
  if (!u.hostname) return 'В адресе нет имени сервера';
  if (u.username || u.password) return 'Адрес не должен содержать имя пользователя или пароль';
  if (u.search || u.hash) return 'Адрес не должен содержать «?» или «#»: укажите только адрес сервера';
  return null;
}

/** Why a typed enrollment code cannot be one, or null (shared with the form). */
export function enrollmentCodeProblem(raw: string): string | null {
  const v = raw.trim();
  if (!v) return 'Введите код подключения';
  if (v.length < 6) return 'Код подключения — не менее 6 символов: проверьте, что он введён полностью';
  if (v.length > MAX.enrollmentCode) return tooLongMessage('Код подключения', MAX.enrollmentCode);
  return null;
}

const enrollmentCode = z
  .string({ error: 'Поле «Код подключения»: нужен текст' })
  .trim()
  .max(MAX.enrollmentCode, tooLongMessage('Код подключения', MAX.enrollmentCode))
  .refine((v) => enrollmentCodeProblem(v) === null, { error: (iss) => enrollmentCodeProblem(String(iss.input ?? '')) ?? 'Неверный код' });

export const syncOps = {
  'sync.status': read(view('sync'), none).returns<SyncStatus>(),
  /** Registers this installation with a one-time code, then runs the first round (its progress in the jobs panel). */
  'sync.register': job(
    'Подключение к центральной системе',
    write(
      change('sync'),
      z.object({
        serverUrl,
        code: enrollmentCode,
        name: s.optionalText('Название рабочего места', 'installationName'),
      }),
    ).returns<SyncRegisterResult>(),
  ),
  'sync.now': job('Синхронизация', write(view('sync'), none).returns<SyncRoundResult>()),
  'sync.refusals': read(view('sync'), z.object({ limit: s.int('Количество', 1, 1000).optional() })).returns<SyncRefusal[]>(),
  'sync.log': read(view('sync'), z.object({ limit: s.int('Количество', 1, 1000).optional() })).returns<SyncLogLine[]>(),
};

/** «Отправлено 3 изменения, принято 2, отклонено 1; получено 1 500 записей»: a round in one line (the CLI, the page). */
export function roundSummary(r: { pushed: number; accepted: number; refused: number; pulled: number }): string {
  return `Отправлено ${countWith(r.pushed, WORDS.change)}, принято ${r.accepted.toLocaleString('ru-RU')}, отклонено ${r.refused.toLocaleString('ru-RU')}; получено ${countWith(r.pulled, WORDS.record)}`;
}
