// CLI commands of the timetable (issue 11): `timetable check` prints the clashes and the warnings
// counted by kind of a version, found by id or by name; `timetable generate` places its cards.
import type { LocalClient } from '../core/dispatch';
import type { GenerateScope, TimetableVersion, WarningKind } from '../api/timetable';
import { AppError } from '../api/errors';
import { ruKey } from '../api/text';
import { ruDate } from '../core/format';
import { UUID_RE } from '../../db';
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

const SCOPE_USAGE = '--scope: unplaced, all, grade:N (параллель) или teacher:ID (учитель)';

export function parseScope(text: string | undefined): GenerateScope {
  if (text === undefined || text === 'unplaced') return { kind: 'unplaced' };
  if (text === 'all') return { kind: 'all' };
  const grade = /^grade:(\d{1,2})$/.exec(text);
  if (grade) {
    const n = Number(grade[1]);
    if (n < 1 || n > 11) throw new UsageError(`${SCOPE_USAGE}; параллель — от 1 до 11, получено ${n}`);
    return { kind: 'grade', grade: n };
  }
  const teacher = /^teacher:(.+)$/.exec(text);
  if (teacher && UUID_RE.test(teacher[1]!)) return { kind: 'teacher', teacherId: teacher[1]! };
  throw new UsageError(`${SCOPE_USAGE}; получено «${text.length > 60 ? `${text.slice(0, 60)}…` : text}»`);
}

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
  if (sub === 'generate') return generateCommand(env);
  const { call, flag, out } = env;
  if (sub !== 'check') throw new UsageError('timetable: укажите check, generate, export-fet или import-fet');
  const v = await findVersion(call, flag('--timetable'));
  const r = await call('timetable.check', { timetableId: v.id });
  const lines = [`Расписание «${v.name}» с ${ruDate(v.validFrom)}: уроков ${v.cards}, расставлено ${v.placed}`, `Конфликтов: ${r.clashes.length}`];
  for (const c of r.clashes) lines.push(`  ${c.message}`);
  const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
  lines.push(`Предупреждений: ${total}`);
  for (const [k, label] of Object.entries(WARNING_LABELS)) lines.push(`  ${label}: ${r.counts[k as WarningKind]}`);
  out(lines.join('\n'), { timetable: v, clashes: r.clashes, counts: r.counts, warnings: r.warnings.length });
}

async function generateCommand(env: TimetableEnv): Promise<void> {
  const { call, flag, out } = env;
  const which = flag('--timetable');
  if (!which) throw new UsageError('timetable generate: укажите расписание: --timetable ID или название');
  const scope = parseScope(flag('--scope'));
  const seedText = flag('--seed');
  const seed = seedText === undefined ? 1 : Number(seedText);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed: нужно целое число, получено «${seedText}»`);
  const timetableId = (await findVersion(call, which)).id;
  const r = await call('timetable.generate', { timetableId, scope, seed });
  const lines = [
    `Размещено уроков: ${r.placed.toLocaleString('ru-RU')} за ${(r.ms / 1000).toFixed(1).replace('.', ',')} с`,
    `Окон у учителей: ${r.teacherWindows}; предупреждений: ${r.warnings}`,
  ];
  if (r.unplaced.length) {
    lines.push(`Не размещено без накладок: ${r.unplaced.length}`);
    for (const u of r.unplaced) lines.push(`  ${u.name}`);
  }
  out(lines.join('\n'), r);
}
