// `substitutions list --db … --date YYYY-MM-DD` (issue 11 point 6): the day's lessons that need
// cover (absent teacher, nothing done yet) and the changes recorded for it.
import type { LocalClient } from '../core/dispatch';
import type { DayLesson } from '../api/types';
import { absenceReasons, lessonChangeKinds } from '../api/enums';
import { ruDate } from '../core/format';
import { UsageError } from './errors';

export interface SubstitutionsEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
}

const place = (l: DayLesson) => `${l.lessonNo} урок ${l.startsAt}–${l.endsAt}  ${l.targetName}  ${l.subjectName}  ${l.teacherName}`;

function what(l: DayLesson): string {
  const c = l.change!;
  switch (c.kind) {
    case 'substitute':
      return `замена: ${c.substituteName}${c.sameSubject ? ' (по своему предмету)' : ''}`;
    case 'merge':
      return `объединение подгрупп: ${c.substituteName}`;
    case 'move':
      return l.date === c.date ? `перенос на ${ruDate(c.toDate)}, ${c.toLessonNo} урок` : `перенесён с ${ruDate(c.date)}`;
    case 'room':
      return `кабинет ${c.roomNumber}`;
    default:
      return lessonChangeKinds.text(c.kind);
  }
}

export async function substitutionsCommand(sub: string | undefined, env: SubstitutionsEnv): Promise<void> {
  if (sub !== 'list') throw new UsageError('substitutions: укажите list');
  const date = env.flag('--date');
  if (!date) throw new UsageError('substitutions list: укажите дату: --date ГГГГ-ММ-ДД');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date: дата указывается как ГГГГ-ММ-ДД, получено «${date.slice(0, 20)}»`);
  const day = await env.call('substitutions.day', { date });
  const need = day.lessons.filter((l) => l.needsCover);
  const changed = day.lessons.filter((l) => l.change);
  const lines = [`Замены на ${ruDate(date)}${day.timetable ? `, расписание «${day.timetable.name}»` : ', расписания на этот день нет'}`];
  if (day.absences.length)
    lines.push(`Отсутствуют: ${day.absences.map((a) => `${a.teacherName} (${absenceReasons.text(a.reason)}, ${ruDate(a.dateFrom)}–${ruDate(a.dateTo)})`).join('; ')}`);
  lines.push(`Нужна замена: ${need.length}`, ...need.map((l) => `  ${place(l)}`));
  lines.push(`Изменения: ${changed.length}`, ...changed.map((l) => `  ${place(l)} → ${what(l)}`));
  env.out(lines.join('\n'), { date, timetable: day.timetable, absences: day.absences, needCover: need, changes: changed });
}
