// CLI commands of the timetable (issue 11): `timetable generate`.
import type { LocalClient } from '../core/dispatch';
import type { GenerateScope } from '../api/timetable';
import { AppError } from '../api/errors';
import { UUID_RE } from '../../db';
import { UsageError } from './errors';

export interface TimetableEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
}

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

/** The version by its id, or by its name among the current year's versions. */
async function findVersion(call: LocalClient, text: string): Promise<string> {
  if (UUID_RE.test(text)) return text;
  const versions = await call('timetable.versions', {});
  const found = versions.filter((v) => v.name.toLocaleLowerCase('ru') === text.toLocaleLowerCase('ru'));
  if (found.length === 1) return found[0]!.id;
  if (!found.length) throw new AppError('not_found', `Расписание «${text}» не найдено`);
  throw new AppError('validation', `Расписаний «${text}» несколько: укажите id одного из них (${found.map((v) => v.id).join(', ')})`);
}

export async function timetableCommand(sub: string | undefined, env: TimetableEnv): Promise<void> {
  const { call, flag, out } = env;
  if (sub !== 'generate') throw new UsageError('timetable: укажите generate');
  const which = flag('--timetable');
  if (!which) throw new UsageError('timetable generate: укажите расписание: --timetable ID или название');
  const scope = parseScope(flag('--scope'));
  const seedText = flag('--seed');
  const seed = seedText === undefined ? 1 : Number(seedText);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed: нужно целое число, получено «${seedText}»`);
  const timetableId = await findVersion(call, which);
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
