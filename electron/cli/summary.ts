// `reports summary --class 7Б [--year] [--out FILE.pdf|xlsx] [--json]` (issue 13 point 8; R16): a
// class's сводная ведомость (or the year's summary statement) as figures or saved by the core's own
// job; `reports marks-changes --from ДД.ММ.ГГГГ --to ДД.ММ.ГГГГ [--outside] [--out FILE.pdf|xlsx]
// [--json]` (R15): the mark changes of a span with whether each was within the grade-edit window (R5).
import type { LocalClient } from '../core/dispatch';
import type { ExportedFile, MarkChangeRow, SummaryStatement } from '../api/types';
import { markValues } from '../api/enums';
import { ruFold } from '../api/text';
import { UsageError, day } from './errors';

export interface SummaryCliEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
  io: { saveResult: (f: ExportedFile, dest: string) => void };
  /** --year (summary) and --outside (marks-changes): switches without a value. */
  year: boolean;
  outside: boolean;
}

function format(dest: string | undefined, what: string): 'pdf' | 'xlsx' | null {
  if (dest === undefined) return null;
  if (/\.pdf$/i.test(dest)) return 'pdf';
  if (/\.xlsx$/i.test(dest)) return 'xlsx';
  throw new UsageError(`${what}: файл --out должен оканчиваться на .pdf или .xlsx`);
}

const label = (v: string | undefined) => (v ? markValues.labels[v as keyof typeof markValues.labels] : '');
const ruDate = (iso: string | null) => (iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '');

/** The statement as text: a line a student, «Предмет: I II III IV год». */
export function statementText(st: SummaryStatement): string {
  const lines = [`${st.title}: ${st.className}, ${st.yearName}`];
  for (const s of st.students) {
    const marks = st.subjects.map((subj) => `${subj.name}: ${st.periods.map((p) => label(s.marks[subj.id]?.[p.key]) || '·').join(' ')}`);
    lines.push(`${s.no}. ${s.name}${s.note ? ` (${s.note})` : ''} — ${marks.join('; ')}`);
  }
  if (st.notAttested.length) lines.push(`Без аттестации: ${st.notAttested.join(', ')}`);
  return lines.join('\n');
}

export async function summaryCommand(env: SummaryCliEnv): Promise<void> {
  const className = env.flag('--class');
  if (!className) throw new UsageError('reports summary: укажите класс: --class 7Б');
  const dest = env.flag('--out');
  const fmt = format(dest, 'reports summary');
  const o = await env.call('term.options', {});
  const c = o.classes.find((x) => ruFold(x.name) === ruFold(className.replace(/\s+/g, '')));
  if (!c) throw new UsageError(`--class: класса «${className}» нет${o.classes.length ? ` (есть: ${o.classes.map((x) => x.name).join(', ')})` : ''}`);
  const input = { classId: c.id, year: env.year };
  if (fmt && dest) {
    const f = fmt === 'pdf' ? await env.call('summary.pdf', input) : await env.call('summary.xlsx', input);
    env.io.saveResult(f, dest);
    env.out(`Сводная ведомость ${c.name}: ${f.rows} учеников; сохранено в файле ${dest}`, { file: dest, rows: f.rows });
    return;
  }
  const st = await env.call('summary.get', input);
  env.out(statementText(st), st);
}

export async function marksChangesCommand(env: SummaryCliEnv): Promise<void> {
  const from = day(env.flag('--from'), '--from');
  const to = day(env.flag('--to'), '--to');
  if (!from || !to) throw new UsageError('reports marks-changes: укажите период: --from ДД.ММ.ГГГГ --to ДД.ММ.ГГГГ');
  const dest = env.flag('--out');
  const fmt = format(dest, 'reports marks-changes');
  const filter = { from, to, outsideOnly: env.outside, sort: 'changedAt' as const, desc: false };
  if (fmt && dest) {
    const f = fmt === 'pdf' ? await env.call('journal.changesPdf', filter) : await env.call('journal.changesXlsx', filter);
    env.io.saveResult(f, dest);
    env.out(`Изменений отметок: ${f.rows}; сохранено в файле ${dest}`, { file: dest, rows: f.rows });
    return;
  }
  const rows: MarkChangeRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await env.call('journal.changes', { ...filter, offset, limit: 1000 });
    rows.push(...page.rows);
    if (rows.length >= page.total || !page.rows.length) break;
  }
  const outside = rows.filter((r) => r.inWindow === false).length;
  const text = [
    `Изменения отметок с ${ruDate(from)} по ${ruDate(to)}: ${rows.length}, после срока исправления: ${outside}`,
    ...rows.map(
      (r) =>
        `${r.changedAt}\t${r.teacher ?? '—'}\t${r.student}\t${r.className ?? '—'}\t${r.subject}\t${ruDate(r.lessonDate) || '—'}\t${label(r.oldValue ?? undefined) || '—'} → ${label(r.newValue ?? undefined) || '—'}\t${r.inWindow === null ? '—' : r.inWindow ? 'в срок' : `после срока (до ${ruDate(r.deadline)})`}`,
    ),
  ];
  env.out(text.join('\n'), { total: rows.length, outside, rows });
}
