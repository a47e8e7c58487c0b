// The statements for the medal commission as files for the year's archive (issue 14 point 5): the
// PDF and the XLSX of the year's 11th grades (the archive wires them in).
import type { Ctx } from '../../context';
import { medalStatement } from './statement';
import { medalFileName, medalPdfBytes } from './pdf';
import { medalXlsxBytes } from './xlsx';

export async function medalStatementFiles(ctx: Ctx, yearId: string, now: Date): Promise<{ name: string; bytes: Uint8Array }[]> {
  const st = medalStatement(ctx, { yearId, onlyEleventh: true });
  const base = medalFileName(st).replace(/[\\/:*?"<>|«»]+/g, ' ');
  return [
    { name: `${base}.pdf`, bytes: await medalPdfBytes(ctx, st, now) },
    { name: `${base}.xlsx`, bytes: await medalXlsxBytes(ctx, st, now) },
  ];
}
