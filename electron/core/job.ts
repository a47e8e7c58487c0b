// What a handler gets when its operation runs as a job (electron/api/ops.ts `job(…)`; the runner
// is electron/core/jobs/): progress, cancellation points, its input files and its result files.
// The services call the helpers below; outside a job (a service called directly) they do the same
// in this thread, and progress goes nowhere.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportedFile } from '../api/types';
import { plural, type NounForms } from '../api/plural';
import { AppError } from '../api/errors';
import type { Ctx } from './context';
import { filesDir, holdResult, inputFile, newFileId, releaseInput } from './files';

export interface JobControl {
  readonly id: string;
  /** Reports progress — `done` of `total`, and a Russian phrase — and is a cancellation point. */
  progress(done: number, total: number, phrase: string): void;
  /** A cancellation point: throws JobCancelled once the user cancelled the job. */
  check(): void;
  /** An input file of the job's session, by its id (files.ts). */
  input(id: string): { path: string; name: string };
  /** The input has served its purpose: when the job succeeds, an upload is deleted. */
  release(id: string): void;
  /** Writes a result file (a «.part» renamed at the end; none is left when cancelled) and returns its reference. */
  result(fileName: string, bytes: Uint8Array, rows: number): Promise<ExportedFile>;
}

/** The user cancelled the job: what it wrote is rolled back, what it made is removed. */
export class JobCancelled extends AppError {
  constructor() {
    super('cancelled', 'Отменено. Ничего не изменено.');
  }
}

/**
 * «12 из 40 классов», «1 из 21 класса»: after «из» the noun is in the genitive (singular after 1,
 * 21…, which for the program's nouns is the form for 2–4).
 */
export function outOf(done: number, total: number, forms: NounForms): string {
  const one = plural(total, forms[0], forms[1], forms[2]) === forms[0];
  return `${done.toLocaleString('ru-RU')} из ${total.toLocaleString('ru-RU')} ${one ? forms[1] : forms[2]}`;
}

/** Progress of the job the handler runs in (and a cancellation point); nothing outside a job. */
export function progress(ctx: Ctx, done: number, total: number, phrase: string): void {
  ctx.job?.progress(done, total, phrase);
}

/** A cancellation point: throws JobCancelled when the job was cancelled. */
export function checkpoint(ctx: Ctx): void {
  ctx.job?.check();
}

/** The input file named by an operation's input (an upload, a chosen file). */
export function inputFileOf(ctx: Ctx, id: string): { path: string; name: string } {
  return ctx.job ? ctx.job.input(id) : inputFile(ctx.session, id);
}

/** The input file has served its purpose (an import committed). */
export function releaseInputOf(ctx: Ctx, id: string): void {
  if (ctx.job) ctx.job.release(id);
  else releaseInput(ctx.session, id);
}

/**
 * Writes `bytes` into `dir` as `<prefix>-<id>.part`, calls `check` (a cancellation point: the part
 * is removed), then renames it to `<prefix>-<id>`. The caller holds the file.
 */
export function writeResultFile(dir: string, prefix: string, name: string, bytes: Uint8Array, check: () => void = () => undefined) {
  const id = newFileId();
  const path = join(dir, `${prefix}-${id}`);
  const part = `${path}.part`;
  try {
    writeFileSync(part, bytes, { mode: 0o600 });
    check();
    renameSync(part, path);
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
  return { id, path, name, size: bytes.byteLength };
}

/** A result file of the operation (an export, a PDF): written and held for the session, by reference. */
export async function resultFile(ctx: Ctx, fileName: string, bytes: Uint8Array, rows: number): Promise<ExportedFile> {
  // The last cancellation point: a cancel asked while the document was being finished still cancels.
  checkpoint(ctx);
  if (ctx.job) return ctx.job.result(fileName, bytes, rows);
  const f = writeResultFile(filesDir(), 'direct', fileName, bytes);
  holdResult(ctx.session, f);
  return { id: f.id, fileName, size: f.size, rows };
}
