// CLI commands of «Группы и нагрузка» (R3, R4): subgroups, workload, validation.
import type { LocalClient } from '../core/dispatch';
import type { ClassSubgroups, SchoolClass, Subject } from '../api/types';
import { AppError } from '../api/errors';
import { MAX, classLetterProblem, normalizeClassLetter, tooLongMessage } from '../api/limits';
import { UsageError } from './errors';
import { divisionMethods, splitMethods } from '../api/enums';
import { className, ruKey } from '../api/text';

export interface GroupsEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
}

const fold = ruKey;
const hours = (n: number) => String(n).replace('.', ',');

/** «5А», «5а», «5 А», «5-А», «10ИТ» → the class of the current year (the letter: one or two Cyrillic letters). */
export async function findClass(call: LocalClient, text: string): Promise<SchoolClass> {
  const shown = text.length > 20 ? `${text.slice(0, 20)}…` : text;
  const m = /^\s*(\d{1,2})\s*[-–]?\s*(\p{L}+)\s*$/u.exec(text.slice(0, 100));
  if (!m || text.length > 100) throw new UsageError(`--class: класс указывается как «5А», получено «${shown}»`);
  const grade = Number(m[1]);
  const letter = normalizeClassLetter(m[2]!);
  const problem = classLetterProblem(letter);
  if (problem) throw new UsageError(`--class: ${problem}`);
  const c = (await call('classes.list')).find((x) => x.grade === grade && x.letter === letter);
  if (!c) throw new AppError('not_found', `Класс ${className({ grade, letter })} не найден`);
  return c;
}

/** The subject whose name is `text` or starts with it, ignoring case and ё: «иностранный язык» finds «Иностранный язык (английский)». */
export async function findSubject(call: LocalClient, text: string, option = '--subject'): Promise<Subject> {
  const needle = fold(text);
  if (!needle) throw new UsageError(`${option}: укажите предмет`);
  if (needle.length > MAX.title) throw new UsageError(`${option}: ${tooLongMessage('Предмет', MAX.title)}`);
  const subjects = await call('subjects.list');
  const exact = subjects.filter((s) => fold(s.name) === needle);
  const found = exact.length ? exact : subjects.filter((s) => fold(s.name).startsWith(needle));
  if (found.length === 1) return found[0]!;
  if (!found.length) throw new AppError('not_found', `Предмет «${text}» не найден`);
  throw new AppError('validation', `Под «${text}» подходят несколько предметов: ${found.map((s) => `«${s.name}»`).join(', ')}. Уточните название.`);
}


function describeClass(c: ClassSubgroups): string {
  const lines = [`Класс ${c.className}, учеников: ${c.studentCount}`];
  const divided = c.subjects.filter((s) => s.division);
  if (!divided.length) lines.push('  Класс не разделён на подгруппы.');
  for (const s of divided) {
    const d = s.division!;
    lines.push(`  ${s.subjectName} (${hours(s.hoursPerWeek)} ч в неделю), деление: ${divisionMethods.text(d.method)}`);
    for (const g of d.subgroups) {
      const teacher = g.teachers.length ? g.teachers.map((t) => t.fullName).join(', ') : 'учитель не назначен';
      lines.push(`    ${g.name} (${g.members.length}): ${teacher}`);
      g.members.forEach((m, i) => lines.push(`      ${i + 1}. ${m.fullName}`));
    }
    if (d.unplaced.length) lines.push(`    Не распределены: ${d.unplaced.map((u) => u.fullName).join(', ')}`);
  }
  return lines.join('\n');
}

export async function subgroupsCommand(sub: string | undefined, env: GroupsEnv): Promise<void> {
  const { call, flag, out } = env;
  const classText = flag('--class');
  if (sub !== 'split' && sub !== 'show') throw new UsageError('subgroups: укажите split или show');
  if (!classText) throw new UsageError(`subgroups ${sub}: укажите класс: --class 5А`);
  if (sub === 'show') {
    const c = await findClass(call, classText);
    const r = await call('subgroups.forClass', { classId: c.id });
    out(describeClass(r), r);
    return;
  }
  const subjectText = flag('--subject');
  if (!subjectText) throw new UsageError('subgroups split: укажите предмет: --subject "Иностранный язык"');
  const by = flag('--by') ?? 'balanced';
  if (!splitMethods.has(by)) throw new UsageError(`--by: ${splitMethods.values.slice(0, -1).join(', ')} или ${splitMethods.values.at(-1)}`);
  const partsText = flag('--parts');
  const parts = partsText === undefined ? 2 : Number(partsText);
  if (!Number.isInteger(parts)) throw new UsageError(`--parts: нужно целое число, получено «${partsText}»`);
  const fromText = flag('--from');
  if (by === 'copy' && !fromText) throw new UsageError('subgroups split --by copy: укажите, с какого предмета копировать: --from "Информатика"');
  const c = await findClass(call, classText);
  const subject = await findSubject(call, subjectText);
  const from = fromText ? await findSubject(call, fromText, '--from') : undefined;
  const d = await call('subgroups.split', { classId: c.id, subjectId: subject.id, parts, by, copyFromSubjectId: from?.id });
  out(
    `${d.className}, «${d.subjectName}» разделён (${divisionMethods.text(d.method)}): ${d.subgroups.map((g) => `${g.name} — ${g.members.length}`).join(', ')}`,
    d,
  );
}

export async function workloadCommand(env: GroupsEnv): Promise<void> {
  const rows = await env.call('workload.byTeacher', {});
  const text = rows
    .map((t) => `${t.fullName}\t${t.position}\t${hours(t.totalHours)} ч\t${hours(t.rates)} ст.${t.overMax ? '\tбольше допустимого' : ''}`)
    .join('\n');
  env.out(text, rows);
}

/** Exit code 0 even when problems are found: the list is the answer; a refusal (1) is for errors of the call itself. */
export async function validateCommand(env: GroupsEnv): Promise<void> {
  const r = await env.call('setup.validate');
  const text = r.problems.length
    ? [...r.problems.map((p) => `${p.severity === 'error' ? 'Ошибка' : 'Внимание'}: ${p.message}`), `Ошибок: ${r.errors}, предупреждений: ${r.warnings}`].join('\n')
    : 'Проблем не найдено: подгруппы, учебные группы и нагрузка в порядке.';
  env.out(text, r);
}
