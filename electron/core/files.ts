// Large files travel as temporary files, not through the API as base64 (issue 9, point 6). The
// host process keeps, per session:
//  - results: a file a job made (an export, a PDF), written into the private folder below and
//    handed out once — the browser host serves it to the session that made it (then deletes it),
//    the Electron shell copies it to the path chosen in the save dialog, the CLI to its --out;
//  - inputs: a file given to the core — an upload of the browser host (a private temp file, deleted
//    when it expires or is used up), or a file the user chose in the desktop app's dialog or named
//    on the command line (their own file, only granted: never deleted).
// An operation names a file by its id; another session's id is unknown to it. The folder is
// private (0700, files 0600), per process, removed when the process ends; folders of processes
// that died are removed by the next one.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { InputFile } from '../api/types';
import { AppError } from '../api/errors';
import type { Session } from './auth/session';

const PREFIX = 'school-office-files-';
/** A result not fetched within this time is deleted. */
export const RESULT_TTL_MS = 30 * 60_000;
/** An input (an upload, a chosen file) is held this long. */
export const INPUT_TTL_MS = 60 * 60_000;
/** Per session: at most this many results and inputs; the oldest makes room. */
const MAX_RESULTS = 20;
const MAX_INPUTS = 5;

interface Held {
  id: string;
  path: string;
  name: string;
  size: number;
  session: Session;
  kind: 'result' | 'upload' | 'granted';
  until: number;
}

const held = new Map<string, Held>();
let folder: string | null = null;

export const newFileId = (): string => randomBytes(18).toString('base64url');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** The folders of processes that died: personal data must not stay in the temp folder. */
function sweepDead(): void {
  let names: string[] = [];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/**
 * This process's private folder of temporary files (made on first use, 0700; removed at exit).
 * Jobs in worker threads get its path from the host.
 */
export function filesDir(): string {
  if (folder) return folder;
  sweepDead();
  folder = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`)); // mkdtemp makes it 0700
  const made = folder;
  process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  return folder;
}

/** Drops what expired, and the oldest of a session's kind over its cap. */
function sweep(now = Date.now()): void {
  for (const f of [...held.values()]) if (f.until <= now) forget(f);
}

function forget(f: Held): void {
  held.delete(f.id);
  if (f.kind !== 'granted') rmSync(f.path, { force: true });
}

function cap(session: Session, kinds: Held['kind'][], max: number): void {
  const mine = [...held.values()].filter((f) => f.session === session && kinds.includes(f.kind));
  for (const f of mine.slice(0, Math.max(0, mine.length - max))) forget(f);
}

/** A result a job wrote (at `path`, inside filesDir): held for `session` until fetched or expired. */
export function holdResult(session: Session, file: { id: string; path: string; name: string; size: number }, now = Date.now()): void {
  sweep(now);
  held.set(file.id, { ...file, session, kind: 'result', until: now + RESULT_TTL_MS });
  cap(session, ['result'], MAX_RESULTS);
}

/**
 * An upload (a temp file inside filesDir, which is now the registry's): held for `session` as an
 * input until used up or expired.
 */
export function holdUpload(session: Session, path: string, name: string, now = Date.now()): InputFile {
  sweep(now);
  const id = newFileId();
  const size = statSync(path).size;
  held.set(id, { id, path, name, size, session, kind: 'upload', until: now + INPUT_TTL_MS });
  cap(session, ['upload', 'granted'], MAX_INPUTS);
  return { id, fileName: name, size };
}

/**
 * The user's own file (chosen in the desktop app's open dialog, named on the command line): the
 * session's operations may read it by its id. It is not copied and never deleted.
 */
export function grantInputFile(session: Session, path: string, now = Date.now()): InputFile {
  sweep(now);
  const id = newFileId();
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    throw new AppError('not_found', `Файл «${basename(path)}» не найден.`);
  }
  held.set(id, { id, path, name: basename(path), size, session, kind: 'granted', until: now + INPUT_TTL_MS });
  cap(session, ['upload', 'granted'], MAX_INPUTS);
  return { id, fileName: basename(path), size };
}

const gone = () => new AppError('not_found', 'Файл не найден: возможно, он устарел. Выберите файл снова.');

/** The inputs a session holds now (a job in a worker thread gets them with its start). */
export function inputsOf(session: Session, now = Date.now()): { id: string; path: string; name: string }[] {
  sweep(now);
  return [...held.values()].filter((f) => f.session === session && f.kind !== 'result').map((f) => ({ id: f.id, path: f.path, name: f.name }));
}

/** An input of the session by its id, or a refusal (another session's id is as unknown as a wrong one). */
export function inputFile(session: Session, id: string, now = Date.now()): { path: string; name: string } {
  sweep(now);
  const f = held.get(id);
  if (!f || f.session !== session || f.kind === 'result') throw gone();
  return { path: f.path, name: f.name };
}

/** An input that has served its purpose (a committed import): an upload is deleted now. */
export function releaseInput(session: Session, id: string): void {
  const f = held.get(id);
  if (f && f.session === session && f.kind !== 'result') forget(f);
}

/**
 * A result of the session, taken out of the registry: the caller sends or copies it and then
 * deletes it (`path`). Undefined for an unknown, expired or another session's id.
 */
export function takeResult(session: Session, id: string, now = Date.now()): { path: string; name: string; size: number } | undefined {
  sweep(now);
  const f = held.get(id);
  if (!f || f.session !== session || f.kind !== 'result') return undefined;
  held.delete(id);
  return { path: f.path, name: f.name, size: f.size };
}

/** Looks at a result without taking it (tests, the CLI). */
export function resultPath(session: Session, id: string): string | undefined {
  const f = held.get(id);
  return f && f.session === session && f.kind === 'result' ? f.path : undefined;
}

/** Everything a session holds is dropped (its browser's session ended). */
export function dropSessionFiles(session: Session): void {
  for (const f of [...held.values()]) if (f.session === session) forget(f);
}

