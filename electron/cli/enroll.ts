// `enroll import FILE` (issue 12): the enrollment module's export loaded as in «Приём в 1 класс»:
// columns recognized by their headers, all or nothing; what was added and what changed printed.
import type { EnrollmentImportResult } from '../api/types';
import type { Env } from './commands';
import { UsageError } from './errors';

export async function enrollCommand(sub: string | undefined, file: string | undefined, env: Env): Promise<void> {
  if (sub !== 'import') throw new UsageError('enroll: укажите import ФАЙЛ');
  if (!file) throw new UsageError('enroll import: укажите файл выгрузки (XLSX, XLS или CSV)');
  const f = env.io.inputFile(file);
  const r = await env.call('enrollment.commit', { file: f.id });
  env.out(enrollReport(r), r);
}

export function enrollReport(r: EnrollmentImportResult): string {
  const lines = [
    `Новых заявлений: ${r.imported} (можно зачислить: ${r.enrollable}, не по статусу: ${r.notEnrollable})`,
    `Изменено: ${r.updated}; не изменено, ребёнок уже зачислен: ${r.notApplied}; без изменений: ${r.unchanged}`,
    `Уже учатся в школе (не загружены): ${r.inSchool}; родителей, уже известных школе: ${r.parentsLinked}; с братом или сестрой в школе: ${r.siblings}`,
  ];
  for (const u of r.changes) {
    lines.push(`  строка ${u.row}: заявление № ${u.regNumber}, ${u.name}${u.applied ? '' : ' (ребёнок зачислен — не изменено)'}`);
    for (const c of u.changes) lines.push(`    ${c.field}: ${c.old ?? ''} → ${c.new ?? ''}`);
  }
  return lines.join('\n');
}
