// STUB (issue 14 foundation): the copy engineer replaces it. A class's paper copy of the journal
// for a study period, rendered as one PDF (R21, issue 14 point 3) — without recording anything.
import type { Ctx } from '../../context';
import { PdfWriter } from '../../reports/pdf';

export interface RenderedCopy {
  classId: string;
  periodId: string;
  pdf: Uint8Array;
  sheets: number;
  /** The short identifier printed on every sheet. */
  code: string;
  /** SHA-256 (hex) of the canonical data the copy was made from. */
  digest: string;
  /** JSON: item key → short hash (paper_copy.fingerprint). */
  fingerprint: string;
}

export async function renderClassCopy(_ctx: Ctx, classId: string, periodId: string, now: Date): Promise<RenderedCopy> {
  const w = await PdfWriter.create({ school: 'Школа', title: 'Бумажная копия журнала', subtitle: [], running: '', now });
  return { classId, periodId, pdf: await w.finish(), sheets: 1, code: 'STUB', digest: '0'.repeat(64), fingerprint: '{}' };
}
