import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { paperRegisterOps } from '../../../electron/api/paperRegister';
import { grantInputFile } from '../../../electron/core/files';
import { none, type Fixture, type Plans } from '../plan';

const today = (f: Fixture) => f.core.ctx.now().toISOString().slice(0, 10);

/** The fixture class's study period that has begun (the register needs one covering the class's grade). */
function period(f: Fixture): string {
  const r = f.core.db.raw
    .prepare(
      `SELECT p.id FROM study_period p JOIN school_class c ON c.id = ? WHERE p.year_id = c.year_id AND c.grade BETWEEN p.grade_from AND p.grade_to
       AND p.deleted_at IS NULL AND p.start_date <= ? ORDER BY p.start_date LIMIT 1`,
    )
    .get(f.classId, today(f)) as { id: string } | undefined;
  return r?.id ?? 'no-period';
}

/** An entry of the register (paper.registerAdd runs before, in the order of the contract), else an unknown id. */
const someEntry = (f: Fixture) =>
  (f.core.db.raw.prepare(`SELECT id FROM paper_register_entry WHERE deleted_at IS NULL ORDER BY number DESC LIMIT 1`).get() as { id: string } | undefined)?.id ?? 'no-entry-yet';
const someScan = (f: Fixture) => (f.core.db.raw.prepare(`SELECT id FROM paper_scan ORDER BY id LIMIT 1`).get() as { id: string } | undefined)?.id ?? 'no-scan-yet';

let n = 0;
/** A small PDF given to the core (a fresh content each time: a scan is unique per entry and digest). */
function pdf(f: Fixture): string {
  n++;
  const path = join(f.core.dir, `скан-${n}.pdf`);
  writeFileSync(path, `%PDF-1.4\n% скан ${n}\n%%EOF\n`, 'utf8');
  return grantInputFile(f.core.ctx.session, path).id;
}

const entry = (f: Fixture) => ({ receivedOn: today(f), classId: f.classId, periodId: period(f), sheets: 12, handedBy: 'Фаззерова А. И.', receivedBy: null, note: null });

export const paperRegisterPlans = {
  'paper.register': { sample: () => ({ search: '', sort: 'number' }) },
  'paper.registerOptions': { sample: none },
  'paper.registerAdd': { sample: (f) => entry(f) },
  'paper.registerCorrect': { sample: (f) => ({ ...entry(f), sheets: 13, correctsId: someEntry(f), note: 'Ошибка в числе листов' }) },
  'paper.registerVerify': { sample: none },
  'paper.attachScan': { sample: (f) => ({ entryId: someEntry(f), file: pdf(f) }) },
  'paper.scanFile': { sample: (f) => ({ id: someScan(f) }) },
  'paper.registerPdf': { sample: () => ({}), slow: true },
} satisfies Plans<typeof paperRegisterOps>;
