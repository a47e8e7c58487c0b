// LibreOffice Calc reading our XLSX files (issue 13 acceptance: «LibreOffice opens the exported XLSX
// files and reads the same figures»): `soffice --headless --convert-to csv`, installed from the
// system's packages when the machine has none, and the CSV it writes parsed back into rows of cells.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** LibreOffice Calc, installed from the system's packages when the machine has none (as .ci/run does). */
export function ensureSoffice() {
  if (spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0) return;
  execFileSync('apt-get', ['update'], { stdio: 'ignore', timeout: 600_000 });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'libreoffice-calc-nogui'], { stdio: 'ignore', timeout: 1_200_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/**
 * The workbooks as LibreOffice reads them: each one's first sheet as rows of cells (UTF-8), in the
 * order of `paths`. One soffice start converts them all (it is slow to start); its profile and the
 * CSV files go to `dir` (a test's own temporary folder, so parallel test files do not share a profile).
 */
export function calcSheets(dir: string, ...paths: string[]): string[][][] {
  const names = paths.map((p) => basename(p).replace(/\.xlsx$/, '.csv'));
  if (new Set(names).size !== names.length) throw new Error(`calcSheets: two files of one name in ${paths.join(', ')}`);
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, ...paths], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  return names.map((n) => parseCsv(readFileSync(join(dir, n), 'utf8')));
}

/** CSV rows (RFC 4180: quoted cells may hold commas, quotes doubled and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cur), (cur = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cur), rows.push(row), (row = []), (cur = '');
    } else cur += c;
  }
  if (cur !== '' || row.length) row.push(cur), rows.push(row);
  return rows;
}

/** A cell as a number (LibreOffice writes «75.0» or «75,0»; a percentage «75,5 %»), «—» as null, an empty cell as undefined. */
export const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : s === '—' ? null : Number(s.replace(/\s*%$/, '').replace(',', '.')));
