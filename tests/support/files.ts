// Files travel by reference (electron/core/files.ts): the tests give the core a file as the hosts
// do (an upload held for the session) and read a result the core made, as the hosts hand it out.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ExportedFile } from '../../electron/api/types';
import type { Session } from '../../electron/core/auth/session';
import { filesDir, holdUpload, takeResult } from '../../electron/core/files';

/** Gives `bytes` to the session as the browser host's upload does; returns the file's id for the import operations. */
export function upload(session: Session, fileName: string, bytes: Buffer | string): string {
  const path = join(filesDir(), `upload-${randomBytes(9).toString('base64url')}`);
  writeFileSync(path, bytes, { mode: 0o600 });
  return holdUpload(session, path, fileName).id;
}

/** The bytes of a result file of the session (taken, as a host hands it out once: then deleted). */
export function resultBytes(session: Session, file: ExportedFile): Buffer {
  const f = takeResult(session, file.id);
  if (!f) throw new Error(`no result file ${file.id} (${file.fileName}) for this session`);
  try {
    return readFileSync(f.path);
  } finally {
    rmSync(f.path, { force: true });
  }
}
