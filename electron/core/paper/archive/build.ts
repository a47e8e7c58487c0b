// One archive file for a study period or the whole year (issue 14 point 5; R22 `002 §5.13`,
// `004 §2.1`; docs/paper-copies.md «Архив»):
//   copies/<класс> — <период>.pdf            every class the period applies to (the year: copies/<период>/…)
//   statements/<сводная ведомость>.pdf       per class (the year: also the year's summary statement and
//                                             the statements for the medal commission, PDF and XLSX)
//   data/<период>.xlsx                        the period's marks and period marks, per class and subject
//   manifest.json                             school, kind, period/year, built when/by, version, every
//                                             file with size and SHA-256, the storage periods
//   SHA256SUMS                                `sha256sum -c SHA256SUMS` checks every file, the manifest too
// Written entry by entry (zip.ts); the file's digest is recorded in paper_archive in one
// transaction at the end (a cancelled build records nothing and leaves no file).
import type { Ctx } from '../../context';
import { todayOf } from '../../context';
import type { ExportedFile } from '../../../api/types';
import type { JobControl } from '../../job';
import { checkpoint, progress, resultFile } from '../../job';
import { invalid, notFound } from '../../../api/errors';
import { markValues, workKinds, type MarkValue, type WorkKind } from '../../../api/enums';
import { gradeRanges } from '../../../api/grades';
import { act } from '../../tx';
import { ruDate } from '../../format';
import { currentYearOrNull } from '../../year';
import { medalStatementFiles } from '../medal/files';
import { schoolRow } from '../../setup/school';
import { renderClassCopy } from '../copy/render';
import { summaryStatement } from '../../summary/statement';
import { statementFileName, summaryPdfBytes } from '../../summary/pdf';
import { xlsxDocument, HEAD_ROW } from '../../reports/xlsxDocument';
import * as tq from '../../term/queries';
import type { TermPeriodRow } from '../../term/queries';
import * as q from './queries';
import { storageOf } from './storage';
import { ZipOut } from './zip';
import pkg from '../../../../package.json';

export const MANIFEST = 'manifest.json';
export const SUMS = 'SHA256SUMS';
export const MANIFEST_FORMAT = 'school-office-archive/1';
export const VERIFY_COMMAND = 'unzip -q ФАЙЛ.zip -d ПАПКА && cd ПАПКА && sha256sum -c SHA256SUMS';

export type ArchiveFileKind = 'copies' | 'statements' | 'data';

export interface ManifestFile {
  path: string;
  kind: ArchiveFileKind;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: string;
  school: { fullName: string; shortName: string };
  kind: 'period' | 'year';
  title: string;
  year: { name: string; startDate: string; endDate: string };
  period: { name: string; grades: string; startDate: string; endDate: string } | null;
  builtAt: string;
  builtBy: string;
  appVersion: string;
  files: ManifestFile[];
  storage: { kind: ArchiveFileKind; label: string; years: number; until: string; source: string }[];
  verify: string;
}

/** A name safe as a part of a path inside the archive (and on every file system). */
const safe = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]+/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * What the parts of the archive get as their ctx: reading every class (a deputy prints and sees every
 * class in this area, issue 14), and the job's cancellation without their own progress bars.
 */
function partCtx(ctx: Ctx): Ctx {
  let session = ctx.session;
  const user = session.user;
  if (user?.role === 'deputy') {
    session = Object.create(session) as typeof session;
    session.user = { ...user, role: 'director' };
  }
  const j = ctx.job;
  const job: JobControl | undefined = j && {
    id: j.id,
    check: () => j.check(),
    progress: () => j.check(),
    input: (id) => j.input(id),
    release: (id) => j.release(id),
    result: (n, b, r) => j.result(n, b, r),
  };
  return { ...ctx, session, job };
}

/** The period's journal data as a workbook: the marks (sheet 1) and the period marks (sheet 2). */
async function periodData(ctx: Ctx, school: string, yearName: string, p: TermPeriodRow): Promise<Uint8Array> {
  const marks = q.periodMarks(ctx.db, p);
  const { wb, ws, last } = xlsxDocument(ctx, {
    sheet: 'Отметки',
    personal: true,
    widths: [8, 26, 36, 12, 9, 22, 7],
    titles: [
      { text: school, font: { size: 11 } },
      { text: `Отметки электронного журнала: ${p.name}, ${yearName} учебный год`, font: { bold: true, size: 14 } },
      { text: `Параллели ${gradeRanges(range(p.grade_from, p.grade_to))}; ${ruDate(p.start_date)} — ${ruDate(p.end_date)}`, font: { size: 11 } },
    ],
    headers: ['Класс', 'Предмет', 'Обучающийся', 'Дата', 'Отметка', 'Вид работы', 'Вес'],
    headerHeight: 30,
  });
  let r = HEAD_ROW + 1;
  for (const m of marks) {
    const row = ws.getRow(r++);
    row.values = [m.class_name, m.subject, m.student, ruDate(m.date), mark(m.value), workKinds.labels[m.work_kind as WorkKind] ?? m.work_kind, m.weight];
    if (r % 2000 === 0) checkpoint(ctx);
  }
  if (!marks.length) ws.getCell(r, 1).value = 'Отметок за период нет.';
  ws.autoFilter = { from: { row: HEAD_ROW, column: 1 }, to: { row: HEAD_ROW, column: last } };

  const pms = q.periodPeriodMarks(ctx.db, p);
  const ws2 = wb.addWorksheet('Отметки за период', { pageSetup: { ...ws.pageSetup }, headerFooter: { ...ws.headerFooter } });
  ws2.columns = [8, 26, 36, 14].map((width) => ({ width }));
  ws2.getRow(1).values = [`Отметки за период: ${p.name}, ${yearName} учебный год`];
  ws2.getRow(1).font = { bold: true, size: 12 };
  const head = ws2.getRow(3);
  head.values = ['Класс', 'Предмет', 'Обучающийся', 'Отметка'];
  head.font = { bold: true };
  let r2 = 4;
  for (const m of pms) ws2.getRow(r2++).values = [m.class_name, m.subject, m.student, mark(m.value)];
  if (!pms.length) ws2.getCell(r2, 1).value = 'Отметок за период нет.';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const mark = (v: string) => (/^[1-5]$/.test(v) ? Number(v) : (markValues.labels[v as MarkValue] ?? v));
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

interface Plan {
  kind: 'period' | 'year';
  year: q.YearRow;
  periods: TermPeriodRow[];
  classes: tq.TermClassRow[];
  title: string;
  fileName: string;
}

function planOf(ctx: Ctx, i: { kind: 'period' | 'year'; periodId?: string | null }): Plan {
  const today = todayOf(ctx);
  let yearId: string | null;
  let periodId: string | null = null;
  if (i.kind === 'period') {
    if (!i.periodId) throw invalid('Выберите учебный период.', [{ column: 'periodId', message: 'Выберите учебный период' }]);
    const p = q.periodById(ctx.db, i.periodId);
    if (!p) throw notFound('Учебный период');
    yearId = p.year_id;
    periodId = p.id;
  } else yearId = currentYearOrNull(ctx);
  if (!yearId) throw invalid('Сначала создайте учебный год (Настройка → Учебный год).');
  const year = q.yearById(ctx.db, yearId);
  if (!year) throw notFound('Учебный год');
  const all = tq.studyPeriods(ctx.db, year.id);
  const periods = periodId ? all.filter((p) => p.id === periodId) : all;
  if (!periods.length) throw invalid(`В учебном году ${year.name} нет учебных периодов: архив собирать не из чего.`);
  const classes = tq.classesOfYear(ctx.db, year.id);
  const yearName = safe(year.name.replace(/\//g, '-'));
  if (i.kind === 'period') {
    const p = periods[0]!;
    if (today < p.end_date)
      throw invalid(`${p.name} ещё не закончилась: последний день — ${ruDate(p.end_date)}. Архив собирают после окончания периода.`, [
        { column: 'periodId', message: `Период заканчивается ${ruDate(p.end_date)}` },
      ]);
    const own = classes.filter((c) => c.grade >= p.grade_from && c.grade <= p.grade_to);
    if (!own.length) throw invalid(`К периоду «${p.name}» не относится ни один класс: архив собирать не из чего.`, [{ column: 'periodId', message: 'Нет классов этого периода' }]);
    return { kind: 'period', year, periods, classes: own, title: `Архив журналов: ${p.name}, ${year.name} учебный год`, fileName: `Архив журналов ${yearName} — ${safe(p.name)}.zip` };
  }
  const lastDay = periods.reduce((d, p) => (p.end_date > d ? p.end_date : d), '');
  if (today < lastDay)
    throw invalid(`Учебный год ${year.name} ещё не закончился: последний учебный день — ${ruDate(lastDay)}. Архив за год собирают после его окончания.`, [
      { column: 'kind', message: `Год заканчивается ${ruDate(lastDay)}` },
    ]);
  return { kind: 'year', year, periods, classes, title: `Архив журналов за ${year.name} учебный год`, fileName: `Архив журналов ${yearName} — год.zip` };
}

export async function buildArchive(ctx: Ctx, i: { kind: 'period' | 'year'; periodId?: string | null }): Promise<ExportedFile> {
  const plan = planOf(ctx, i);
  const now = ctx.now();
  const part = partCtx(ctx);
  const school = schoolRow(ctx);
  const schoolName = school?.full_name ?? '';
  const builtBy = ctx.session.user?.displayName ?? ctx.actor;

  // What goes in: each period's copies, the statements, each period's data.
  const copies = plan.periods.flatMap((p) =>
    plan.classes.filter((c) => c.grade >= p.grade_from && c.grade <= p.grade_to).map((c) => ({ p, c })),
  );
  const statementClasses = plan.classes.filter((c) => plan.periods.some((p) => c.grade >= p.grade_from && c.grade <= p.grade_to));
  const statements = [...statementClasses.map((c) => ({ c, year: false })), ...(plan.kind === 'year' ? statementClasses.map((c) => ({ c, year: true })) : [])];
  const total = copies.length + statements.length + plan.periods.length + 1;
  let done = 0;
  const step = (phrase: string) => progress(ctx, done++, total, phrase);

  const zip = new ZipOut(now);
  const files: ManifestFile[] = [];
  const add = (path: string, kind: ArchiveFileKind, bytes: Uint8Array) => files.push({ path, kind, ...zip.add(path, bytes) });

  for (const { p, c } of copies) {
    step(`Копия журнала ${c.name} — ${p.name}`);
    const copy = await renderClassCopy(part, c.id, p.id, now);
    const dir = plan.kind === 'year' ? `copies/${safe(p.name)}/` : 'copies/';
    add(`${dir}${safe(c.name)} — ${safe(p.name)}.pdf`, 'copies', copy.pdf);
  }
  for (const s of statements) {
    step(`${s.year ? 'Сводная ведомость за год' : 'Сводная ведомость'} ${s.c.name}`);
    const st = summaryStatement(part, { classId: s.c.id, year: s.year });
    add(`statements/${safe(statementFileName(st))}.pdf`, 'statements', await summaryPdfBytes(part, st));
  }
  if (plan.kind === 'year' && plan.classes.some((c) => c.grade === 11)) {
    // The statements for the medal commission (R22 `004 §2.1`): kept with the summary statements.
    for (const f of await medalStatementFiles(part, plan.year.id, now)) add(`statements/${safe(f.name)}`, 'statements', f.bytes);
  }
  for (const p of plan.periods) {
    step(`Данные журнала: ${p.name}`);
    add(`data/${safe(p.name)}.xlsx`, 'data', await periodData(part, schoolName, plan.year.name, p));
  }
  step('Архив: запись файла');

  const single = plan.kind === 'period' ? plan.periods[0]! : null;
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    school: { fullName: schoolName, shortName: school?.short_name ?? '' },
    kind: plan.kind,
    title: plan.title,
    year: { name: plan.year.name, startDate: plan.year.start_date, endDate: plan.year.end_date },
    period: single ? { name: single.name, grades: gradeRanges(range(single.grade_from, single.grade_to)), startDate: single.start_date, endDate: single.end_date } : null,
    builtAt: now.toISOString(),
    builtBy,
    appVersion: pkg.version,
    files,
    storage: storageOf(plan.year.end_date, todayOf(ctx)).map((s) => ({ kind: s.kind, label: s.label, years: s.years, until: s.until, source: s.source })),
    verify: VERIFY_COMMAND,
  };
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const m = zip.add(MANIFEST, manifestBytes);
  const sums = [...files.map((f) => `${f.sha256}  ${f.path}`), `${m.sha256}  ${MANIFEST}`].join('\n') + '\n';
  zip.add(SUMS, new TextEncoder().encode(sums));
  const out = zip.end();
  checkpoint(ctx);

  const file = await resultFile(ctx, plan.fileName, out.bytes, files.length);
  act(ctx, (w) => {
    w.insert('paper_archive', {
      kind: plan.kind,
      year_id: plan.year.id,
      period_id: single?.id ?? null,
      file_name: plan.fileName,
      size: out.bytes.byteLength,
      digest: out.sha256,
      built_at: manifest.builtAt,
      built_by: builtBy,
    });
    // A cancellation now rolls the record back with its transaction (and the runner removes the file).
    checkpoint(ctx);
  });
  return file;
}
