// CLI commands of the timetable (issue 11): `timetable check` prints the clashes and the warnings
// counted by kind of a version, found by id or by name.
import type { LocalClient } from '../core/dispatch';
import type { TimetableVersion, WarningKind } from '../api/timetable';
import { AppError } from '../api/errors';
import { ruKey } from '../api/text';
import { ruDate } from '../core/format';
import { UsageError } from './errors';

export interface TimetableEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
}

export const WARNING_LABELS: Record<WarningKind, string> = {
  week_load: 'недельная нагрузка выше нормы СанПиН',
  day_load: 'уроков в день больше нормы',
  difficulty_peak: 'пик трудности не во вторник или среду',
  hard_in_row: 'трудные уроки подряд',
  teacher_window: 'окна у учителей',
  first_grade: 'ступенчатый режим 1 класса',
  subject_twice: 'предмет дважды в день',
};

/** The version named by --timetable: its id, or its name (case and ё ignored) in the current year. */
export async function findVersion(call: LocalClient, text: string | undefined): Promise<TimetableVersion> {
  if (!text) throw new UsageError('укажите расписание: --timetable ИД или название');
  if (text.length > 200) throw new UsageError('--timetable: слишком длинное значение');
  const all = await call('timetable.versions', {});
  const found = all.filter((v) => v.id === text || ruKey(v.name) === ruKey(text));
  if (found.length === 1) return found[0]!;
  if (!found.length) throw new AppError('not_found', `Расписание «${text}» не найдено${all.length ? `; есть: ${all.map((v) => `«${v.name}»`).join(', ')}` : ''}`);
  throw new AppError('validation', `Под «${text}» подходят несколько расписаний: укажите ИД (${found.map((v) => v.id).join(', ')})`);
}

export async function timetableCommand(sub: string | undefined, env: TimetableEnv): Promise<void> {
  const { call, flag, out } = env;
  if (sub !== 'check') throw new UsageError('timetable: укажите check');
  const v = await findVersion(call, flag('--timetable'));
  const r = await call('timetable.check', { timetableId: v.id });
  const lines = [`Расписание «${v.name}» с ${ruDate(v.validFrom)}: уроков ${v.cards}, расставлено ${v.placed}`, `Конфликтов: ${r.clashes.length}`];
  for (const c of r.clashes) lines.push(`  ${c.message}`);
  const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
  lines.push(`Предупреждений: ${total}`);
  for (const [k, label] of Object.entries(WARNING_LABELS)) lines.push(`  ${label}: ${r.counts[k as WarningKind]}`);
  out(lines.join('\n'), { timetable: v, clashes: r.clashes, counts: r.counts, warnings: r.warnings.length });
}
