// CLI: FET export and import of the timetable (issue 11 point 6): `timetable export-fet` and
// `timetable import-fet` (electron/core/timetable/fetData.ts does the work; docs/timetable.md «FET»).
import type { LocalClient } from '../core/dispatch';
import type { ExportedFile, InputFile } from '../api/types';
import { AppError } from '../api/errors';
import { ruKey } from '../api/text';
import { ruDate } from '../core/format';
import { UsageError } from './errors';

export interface TimetableFetEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
  io: { inputFile: (p: string) => InputFile; saveResult: (f: ExportedFile, dest: string) => void };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `--timetable`: a version's id, or its name (the one version of that name). */
async function findVersion(call: LocalClient, text: string): Promise<string> {
  if (UUID.test(text.trim())) return text.trim();
  const found = (await call('timetable.versions', {})).filter((v) => ruKey(v.name) === ruKey(text));
  if (found.length === 1) return found[0]!.id;
  if (!found.length) throw new AppError('not_found', `Расписание «${text.slice(0, 100)}» не найдено`);
  throw new AppError('validation', `Расписаний с названием «${text.slice(0, 100)}» несколько: укажите идентификатор (${found.map((v) => `${v.id} — с ${ruDate(v.validFrom)}`).join(', ')})`);
}

/** `--from`: ДД.ММ.ГГГГ or ГГГГ-ММ-ДД → ГГГГ-ММ-ДД (the core checks the date). */
function isoFrom(text: string): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : text.trim();
}

export async function timetableFetCommand(sub: string | undefined, env: TimetableFetEnv): Promise<void> {
  const { call, flag, out } = env;
  if (sub === 'export-fet') {
    const which = flag('--timetable');
    if (!which) throw new UsageError('timetable export-fet: укажите расписание: --timetable НАЗВАНИЕ|ИДЕНТИФИКАТОР');
    const dest = flag('--out');
    if (!dest) throw new UsageError('timetable export-fet: укажите --out ФАЙЛ.fet');
    const r = await call('timetable.exportFet', { timetableId: await findVersion(call, which) });
    env.io.saveResult(r, dest);
    out(`Сохранено для FET: занятий ${r.rows.toLocaleString('ru-RU')}, файл ${dest}`, { file: dest, activities: r.rows });
    return;
  }
  if (sub === 'import-fet') {
    const file = flag('--file');
    if (!file) throw new UsageError('timetable import-fet: укажите --file ФАЙЛ.fet');
    const name = flag('--name');
    if (!name) throw new UsageError('timetable import-fet: укажите название нового расписания: --name НАЗВАНИЕ');
    const fromText = flag('--from');
    if (!fromText) throw new UsageError('timetable import-fet: укажите дату начала действия: --from ДД.ММ.ГГГГ');
    const validFrom = isoFrom(fromText);
    const year = (await call('years.list')).find((y) => y.startDate <= validFrom && validFrom <= y.endDate);
    if (!year) throw new AppError('validation', `Дата ${fromText.slice(0, 20)} не попадает ни в один учебный год`);
    const f = env.io.inputFile(file);
    const r = await call('timetable.importFet', { yearId: year.id, file: f.id, name, validFrom });
    const lines = [`Загружено расписание «${name}» (с ${ruDate(validFrom)}): занятий ${r.cards.toLocaleString('ru-RU')}, расставлено ${r.placed.toLocaleString('ru-RU')}`];
    if (r.unmatched.length) lines.push(`Не найдены в школе (их занятия не загружены):`, ...r.unmatched.map((u) => `  ${u}`));
    if (r.ignored.length) lines.push(`Не учтено из файла:`, ...r.ignored.map((u) => `  ${u}`));
    out(lines.join('\n'), r);
    return;
  }
  throw new UsageError('timetable: укажите export-fet или import-fet');
}
