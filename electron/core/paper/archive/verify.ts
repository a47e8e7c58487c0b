// The archive's verification (issue 14 point 5; docs/paper-copies.md «Архив»): every file the
// manifest lists is there with its size and SHA-256, nothing else is, SHA256SUMS agrees with the
// files (the manifest's own digest is in it), and — when the file is one this program built (its
// digest recorded in paper_archive) — that it is. Each problem names its file. A file that is not a
// readable ZIP is refused. Memory: the ZIP's bytes and one entry unpacked at a time.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Ctx } from '../../context';
import type { ArchiveProblem, ArchiveVerifyResult } from '../../../api/paperArchive';
import { AppError } from '../../../api/errors';
import { paperArchiveKinds } from '../../../api/enums';
import { inputFileOf, progress } from '../../job';
import { MANIFEST, MANIFEST_FORMAT, SUMS, type Manifest } from './build';
import { sha256 } from './zip';
import * as q from './queries';

const HEX = /^[0-9a-f]{64}$/;

/** The manifest, when it is one of ours and whole; else null. */
function parseManifest(bytes: Uint8Array): Manifest | null {
  let m: unknown;
  try {
    m = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  const x = m as Partial<Manifest> | null;
  if (!x || typeof x !== 'object' || x.format !== MANIFEST_FORMAT || !Array.isArray(x.files)) return null;
  if (!paperArchiveKinds.has(x.kind as string) || typeof x.builtAt !== 'string' || typeof x.title !== 'string') return null;
  for (const f of x.files as unknown[]) {
    const g = f as Partial<Manifest['files'][number]> | null;
    if (!g || typeof g.path !== 'string' || typeof g.size !== 'number' || typeof g.sha256 !== 'string' || !HEX.test(g.sha256)) return null;
  }
  return x as Manifest;
}

/** SHA256SUMS as `sha256sum` writes it: «<hex>  <path>» (or « *<path>»). */
function parseSums(text: string): Map<string, string> | null {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) return null;
    out.set(m[2]!, m[1]!);
  }
  return out;
}

export function verifyArchiveBytes(ctx: Ctx, fileName: string, data: Uint8Array): ArchiveVerifyResult {
  const unreadable = () =>
    new AppError('validation', `Файл «${fileName}» не удалось прочитать как архив ZIP: он повреждён (например, обрезан при копировании) или это не архив журналов.`);
  const names: string[] = [];
  try {
    unzipSync(data, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    throw unreadable();
  }
  const entries = names.filter((n) => !n.endsWith('/'));
  if (!entries.length) throw unreadable();

  // Each entry unpacked alone: its size and digest, or why it cannot be.
  const actual = new Map<string, { size: number; sha256: string } | 'broken'>();
  const read = (name: string): Uint8Array | null => {
    try {
      return unzipSync(data, { filter: (f) => f.name === name })[name] ?? null;
    } catch {
      return null;
    }
  };
  entries.forEach((name, k) => {
    progress(ctx, k, entries.length + 1, `Проверка архива: ${k + 1} из ${entries.length}`);
    const bytes = read(name);
    actual.set(name, bytes ? { size: bytes.byteLength, sha256: sha256(bytes) } : 'broken');
  });

  const problems: ArchiveProblem[] = [];
  const seen = new Set<string>();
  const problem = (file: string | null, text: string) => {
    const key = `${file ?? ''}\u0000${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ file, problem: text, text: file ? `${file}: ${text}` : text });
  };
  const changed = new Set<string>();
  const mark = (file: string) => {
    if (changed.has(file)) return;
    changed.add(file);
    const a = actual.get(file);
    problem(file, a === 'broken' ? 'файл повреждён: не распаковывается' : 'содержимое изменено');
  };

  const mBytes = actual.has(MANIFEST) ? read(MANIFEST) : null;
  const manifest = mBytes ? parseManifest(mBytes) : null;
  if (!actual.has(MANIFEST)) problem(MANIFEST, 'файл отсутствует');
  else if (!manifest) problem(MANIFEST, 'manifest повреждён');

  const sumsBytes = actual.has(SUMS) ? read(SUMS) : null;
  const sums = sumsBytes ? parseSums(new TextDecoder().decode(sumsBytes)) : null;
  if (!actual.has(SUMS)) problem(SUMS, 'файл отсутствует');
  else if (!sums) problem(SUMS, 'файл повреждён');

  // The manifest's list against the files.
  const listed = new Set<string>();
  if (manifest) {
    for (const f of manifest.files) {
      listed.add(f.path);
      const a = actual.get(f.path);
      if (!a) problem(f.path, 'файл отсутствует');
      else if (a === 'broken' || a.sha256 !== f.sha256 || a.size !== f.size) mark(f.path);
    }
  }
  // SHA256SUMS against the files (it holds the manifest's digest too).
  if (sums) {
    for (const [path, digest] of sums) {
      const a = actual.get(path);
      if (!a) {
        if (!listed.has(path)) problem(path, 'файл отсутствует');
      } else if (a === 'broken' || a.sha256 !== digest) mark(path);
      else if (path !== MANIFEST && manifest && !listed.has(path)) problem(path, 'нет в manifest.json');
    }
    if (actual.has(MANIFEST) && !sums.has(MANIFEST)) problem(SUMS, 'нет строки manifest.json');
    for (const f of manifest?.files ?? []) if (!sums.has(f.path)) problem(SUMS, `нет строки ${f.path}`);
  }
  // What neither lists.
  for (const name of entries) if (name !== MANIFEST && name !== SUMS && !listed.has(name) && !sums?.has(name)) problem(name, 'лишний файл');

  // The program's record of the archives it built.
  const digest = sha256(data);
  const rec = q.archiveByDigest(ctx.db, digest);
  if (!rec && manifest) {
    const same = q.archiveBuiltAt(ctx.db, manifest.builtAt);
    if (same)
      problem(null, `Файл архива отличается от собранного программой (${same.file_name}): его контрольная сумма не совпадает с записанной при сборке.`);
  }
  progress(ctx, entries.length + 1, entries.length + 1, 'Проверка архива: готово');
  return {
    ok: problems.length === 0,
    fileName,
    files: manifest?.files.length ?? entries.length,
    problems,
    manifest: manifest
      ? { school: manifest.school?.fullName ?? '', kind: manifest.kind, title: manifest.title, builtAt: manifest.builtAt, builtBy: manifest.builtBy ?? '', appVersion: manifest.appVersion ?? '' }
      : null,
    recorded: rec ? { builtAt: rec.built_at, builtBy: rec.built_by, fileName: rec.file_name } : null,
    digest,
  };
}

export function verifyArchive(ctx: Ctx, i: { file: string }): ArchiveVerifyResult {
  const f = inputFileOf(ctx, i.file);
  let data: Uint8Array;
  try {
    data = readFileSync(f.path);
  } catch {
    throw new AppError('not_found', `Файл «${f.name}» не найден: выберите его снова.`);
  }
  return verifyArchiveBytes(ctx, f.name, data);
}
