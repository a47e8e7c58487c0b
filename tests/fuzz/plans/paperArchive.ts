import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { paperArchiveOps } from '../../../electron/api/paperArchive';
import { zipSync } from 'fflate';
import { grantInputFile } from '../../../electron/core/files';
import { none, type Fixture, type Plans } from '../plan';

/** A ZIP without a manifest: verified, its problems listed (a spoiled id is refused). */
function file(f: Fixture): string {
  const path = join(f.core.dir, 'архив.zip');
  writeFileSync(path, zipSync({ 'copies/7Б — 1 четверть.pdf': new TextEncoder().encode('%PDF-1.7') }, { os: 3 }));
  return grantInputFile(f.core.ctx.session, path).id;
}

/** The first period of the fixture's year, else an unknown id. */
const somePeriod = (f: Fixture) =>
  (f.core.db.raw.prepare(`SELECT id FROM study_period WHERE deleted_at IS NULL ORDER BY start_date LIMIT 1`).get() as { id: string } | undefined)?.id ?? 'no-period';

export const paperArchivePlans = {
  'paper.archives': { sample: none },
  'paper.archiveBuild': { sample: (f) => ({ kind: 'period', periodId: somePeriod(f) }), slow: true },
  'paper.archiveVerify': { sample: (f) => ({ file: file(f) }), slow: true },
} satisfies Plans<typeof paperArchiveOps>;
