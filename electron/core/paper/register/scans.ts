// Scans of the signed paper copy attached to a register entry (issue 14 point 4): a PDF, JPEG or
// PNG file of at most 20 МБ, recognised by its first bytes (not by its name), stored in the local
// table paper_scan as a BLOB with its SHA-256 (a file of megabytes never travels through sync). The
// file comes in as every upload does (electron/core/files.ts): the host holds it, the operation
// names it by its id, and it is released once stored.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Ctx } from '../../context';
import type { ExportedFile } from '../../../api/types';
import type { RegisterScan } from '../../../api/paperRegister';
import { SCAN_MAX_BYTES } from '../../../api/paperRegister';
import { MAX } from '../../../api/limits';
import { invalid, notFound } from '../../../api/errors';
import { uuidv7 } from '../../../../db/ids';
import { act } from '../../tx';
import { inputFileOf, releaseInputOf, resultFile } from '../../job';
import { sha256 } from './chain';
import { actingName } from './register';
import * as q from './queries';

/** What a file is by its first bytes: a PDF, a JPEG or a PNG; else null. */
export function sniff(head: Uint8Array): { mime: string; kind: string } | null {
  const b = Buffer.from(head);
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return { mime: 'application/pdf', kind: 'PDF' };
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: 'image/jpeg', kind: 'JPEG' };
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { mime: 'image/png', kind: 'PNG' };
  return null;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 });

export function attachScan(ctx: Ctx, i: { entryId: string; file: string }): RegisterScan {
  const file = inputFileOf(ctx, i.file);
  const name = basename(file.name).slice(0, MAX.fileName) || 'скан';
  const size = statSync(file.path).size;
  if (size === 0) throw invalid(`Файл «${name}» пустой.`, [{ column: 'file', message: 'Файл пустой' }]);
  if (size > SCAN_MAX_BYTES)
    throw invalid(`Файл «${name}» — ${mb(size)} МБ, а скан может быть не больше 20 МБ.`, [{ column: 'file', message: `Больше 20 МБ (${mb(size)} МБ)` }]);
  const head = Buffer.alloc(8);
  const fd = openSync(file.path, 'r');
  try {
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  const type = sniff(head);
  if (!type) throw invalid(`Файл «${name}» — не PDF, не JPEG и не PNG: приложите скан в одном из этих форматов.`, [{ column: 'file', message: 'Нужен файл PDF, JPEG или PNG' }]);
  const content = readFileSync(file.path);
  const digest = sha256(content);
  const scan = act(ctx, (w) => {
    const entry = q.entry(ctx.db, i.entryId);
    if (!entry) throw invalid('Запись реестра не найдена.', [{ column: 'entryId', message: 'Запись не найдена' }]);
    if (q.scanByDigest(ctx.db, entry.id, digest)) throw invalid(`Этот файл уже приложен к записи № ${entry.number}.`, [{ column: 'file', message: 'Этот скан уже приложен' }]);
    const row = { id: uuidv7(), entry_id: entry.id, file_name: name, mime: type.mime, size: content.byteLength, digest, added_at: ctx.now().toISOString(), added_by: actingName(ctx) };
    q.insertScan(ctx.db, { ...row, content });
    w.local('paper_scan', row.id, 'insert', null, { entry_id: row.entry_id, file_name: row.file_name, size: row.size, digest: row.digest, added_at: row.added_at, added_by: row.added_by });
    return row;
  });
  releaseInputOf(ctx, i.file);
  return { id: scan.id, fileName: scan.file_name, mime: scan.mime, size: scan.size, digest: scan.digest, addedAt: scan.added_at, addedBy: scan.added_by };
}

/** The scan as a file to save or open. */
export async function scanFile(ctx: Ctx, id: string): Promise<ExportedFile> {
  const s = q.scanWithContent(ctx.db, id);
  if (!s) throw notFound('Скан');
  return resultFile(ctx, s.file_name, s.content, 1);
}
