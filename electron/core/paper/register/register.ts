// The register of paper copies (issue 14 point 4; R21, `001 §4.5`): the list with search and
// filters, a new entry, a correction (a new entry naming the one it corrects — entries are never
// changed or removed by the program), and the check of the chain and of the scans. SQL: queries.ts;
// the chain: chain.ts; scans: scans.ts; the printed form: pdf.ts. docs/paper-copies.md «Реестр».
import type { Ctx } from '../../context';
import { todayOf } from '../../context';
import type { RegisterEntry, RegisterOptions, RegisterScan, RegisterVerification, RegisterView, registerSorts } from '../../../api/paperRegister';
import { invalid, notFound } from '../../../api/errors';
import { ruFold } from '../../../api/text';
import { ruDate } from '../../format';
import { act } from '../../tx';
import { uuidv7 } from '../../../../db/ids';
import { copyFreshness } from '../copy/freshness';
import { entryDigest, firstBreak, sha256 } from './chain';
import * as q from './queries';

/** The acting user's name («Принял» by default; who recorded). */
export const actingName = (ctx: Ctx): string => ctx.session.user?.displayName ?? ctx.actor;

function scanOut(s: q.ScanMeta): RegisterScan {
  return { id: s.id, fileName: s.file_name, mime: s.mime, size: s.size, digest: s.digest, addedAt: s.added_at, addedBy: s.added_by };
}

function shape(ctx: Ctx, rows: q.EntryRow[], scans: q.ScanMeta[]): RegisterEntry[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const correctedBy = new Map<string, number[]>();
  for (const r of rows) if (r.corrects_id) correctedBy.set(r.corrects_id, [...(correctedBy.get(r.corrects_id) ?? []), r.number]);
  const scansOf = new Map<string, RegisterScan[]>();
  for (const s of scans) scansOf.set(s.entry_id, [...(scansOf.get(s.entry_id) ?? []), scanOut(s)]);
  const fresh = new Map<string, { upToDate: boolean; changes: string[] }>();
  return rows.map((r) => {
    let f: { upToDate: boolean; changes: string[] } | undefined;
    if (r.copy_id) {
      f = fresh.get(r.copy_id);
      if (!f) fresh.set(r.copy_id, (f = copyFreshness(ctx, r.copy_id)));
    }
    return {
      id: r.id,
      number: r.number,
      receivedOn: r.received_on,
      classId: r.class_id,
      className: r.class_name,
      periodId: r.period_id,
      periodName: r.period_name,
      sheets: r.sheets,
      handedBy: r.handed_by,
      receivedBy: r.received_by,
      note: r.note,
      copyId: r.copy_id,
      copyCode: r.copy_code,
      copyUpToDate: f ? f.upToDate : null,
      copyChanges: f?.changes ?? [],
      correctsId: r.corrects_id,
      correctsNumber: r.corrects_id ? (byId.get(r.corrects_id)?.number ?? null) : null,
      correctedBy: correctedBy.get(r.id) ?? [],
      digest: r.digest,
      recordedAt: r.recorded_at,
      recordedBy: r.recorded_by,
      scans: scansOf.get(r.id) ?? [],
    };
  });
}

export interface RegisterQuery {
  search?: string;
  periodId?: string | null;
  classId?: string | null;
  sort?: (typeof registerSorts)[number];
  desc?: boolean;
}

export function registerView(ctx: Ctx, i: RegisterQuery): RegisterView {
  const rows = q.entries(ctx.db);
  const all = shape(ctx, rows, q.scansOf(ctx.db));
  const needle = ruFold((i.search ?? '').trim());
  const hit = (e: RegisterEntry) =>
    !needle ||
    [String(e.number), e.className, e.periodName, e.handedBy, e.receivedBy, e.note ?? '', e.copyCode ?? '', ruDate(e.receivedOn), ...e.scans.map((s) => s.fileName)].some((t) =>
      ruFold(t).includes(needle),
    );
  const list = all.filter((e) => (!i.periodId || e.periodId === i.periodId) && (!i.classId || e.classId === i.classId) && hit(e));
  const sort = i.sort ?? 'number';
  const cmp = (a: RegisterEntry, b: RegisterEntry): number => {
    if (sort === 'receivedOn' && a.receivedOn !== b.receivedOn) return a.receivedOn < b.receivedOn ? -1 : 1;
    if (sort === 'className') {
      const ga = rows.find((r) => r.id === a.id)!.grade;
      const gb = rows.find((r) => r.id === b.id)!.grade;
      if (ga !== gb) return ga - gb;
      if (a.className !== b.className) return a.className.localeCompare(b.className, 'ru');
    }
    return a.number - b.number;
  };
  list.sort((a, b) => (i.desc ? -cmp(a, b) : cmp(a, b)));
  return { entries: list, total: all.length, checksum: q.last(ctx.db)?.digest ?? '' };
}

export function registerOptions(ctx: Ctx): RegisterOptions {
  const entries = q.entries(ctx.db);
  const recorded = new Map<string, number[]>();
  for (const e of entries) if (e.copy_id) recorded.set(e.copy_id, [...(recorded.get(e.copy_id) ?? []), e.number]);
  return {
    classes: q.classes(ctx.db).map((c) => ({ id: c.id, name: c.name, grade: c.grade })),
    periods: q.periods(ctx.db).map((p) => ({ id: p.id, name: p.name, gradeFrom: p.grade_from, gradeTo: p.grade_to })),
    copies: q.copies(ctx.db).map((k) => ({
      id: k.id,
      code: k.code,
      classId: k.class_id,
      className: k.class_name,
      periodId: k.period_id,
      periodName: k.period_name,
      sheets: k.sheets,
      printedAt: k.printed_at,
      recordedIn: recorded.get(k.id) ?? [],
    })),
    receivedBy: actingName(ctx),
    today: todayOf(ctx),
  };
}

export interface EntryInput {
  receivedOn: string;
  classId?: string | null;
  periodId?: string | null;
  copyId?: string | null;
  sheets?: number | null;
  handedBy: string;
  receivedBy: string | null;
  note: string | null;
}

/** The entry's values checked (the refusals name their field); the copy fills in what is not given. Inside the transaction. */
function resolve(ctx: Ctx, i: EntryInput) {
  const today = todayOf(ctx);
  if (i.receivedOn > today)
    throw invalid(`Дата приёма ${ruDate(i.receivedOn)} ещё не наступила.`, [{ column: 'receivedOn', message: `Дата ${ruDate(i.receivedOn)} ещё не наступила` }]);
  let copy: q.CopyRow | undefined;
  if (i.copyId) {
    copy = q.copyRow(ctx.db, i.copyId);
    if (!copy) throw invalid('Напечатанная копия не найдена: возможно, её уже удалили.', [{ column: 'copyId', message: 'Копия не найдена' }]);
    if (i.classId && i.classId !== copy.class_id)
      throw invalid(`Копия ${copy.code} — другого класса (${copy.class_name}).`, [{ column: 'classId', message: `Копия ${copy.code} — класса ${copy.class_name}` }]);
    if (i.periodId && i.periodId !== copy.period_id)
      throw invalid(`Копия ${copy.code} — за другой период (${copy.period_name}).`, [{ column: 'periodId', message: `Копия ${copy.code} — за ${copy.period_name}` }]);
  }
  const classId = i.classId ?? copy?.class_id;
  const periodId = i.periodId ?? copy?.period_id;
  const sheets = i.sheets ?? copy?.sheets;
  const missing = [
    !classId ? { column: 'classId', message: 'Выберите класс' } : null,
    !periodId ? { column: 'periodId', message: 'Выберите учебный период' } : null,
    !sheets ? { column: 'sheets', message: 'Укажите число листов' } : null,
  ].filter((p): p is { column: string; message: string } => !!p);
  if (missing.length) throw invalid(`Не заполнено: ${missing.map((p) => p.message.replace(/^(Выберите|Укажите) /, '')).join(', ')}.`, missing);
  const cls = q.classRow(ctx.db, classId!);
  if (!cls) throw invalid('Класс не найден: возможно, его уже удалили.', [{ column: 'classId', message: 'Класс не найден' }]);
  const period = q.periodRow(ctx.db, periodId!);
  if (!period) throw invalid('Учебный период не найден: возможно, его уже удалили.', [{ column: 'periodId', message: 'Период не найден' }]);
  if (period.year_id !== cls.year_id)
    throw invalid(`Период «${period.name}» — другого учебного года, чем класс ${cls.name}.`, [{ column: 'periodId', message: 'Период другого учебного года' }]);
  if (cls.grade < period.grade_from || cls.grade > period.grade_to)
    throw invalid(`Период «${period.name}» — для ${period.grade_from}–${period.grade_to} классов, а класс ${cls.name} — ${cls.grade}-й.`, [
      { column: 'periodId', message: `Период не для ${cls.grade}-х классов` },
    ]);
  if (i.receivedOn < period.start_date)
    throw invalid(`Дата приёма ${ruDate(i.receivedOn)} раньше начала периода «${period.name}» (${ruDate(period.start_date)}).`, [
      { column: 'receivedOn', message: `Раньше начала периода (${ruDate(period.start_date)})` },
    ]);
  return { classId: cls.id, periodId: period.id, copyId: copy?.id ?? null, sheets: sheets!, receivedBy: i.receivedBy ?? actingName(ctx) };
}

function addEntry(ctx: Ctx, i: EntryInput, correctsId: string | null): RegisterEntry {
  const id = act(ctx, (w) => {
    const v = resolve(ctx, i);
    if (correctsId) {
      const target = q.entry(ctx.db, correctsId);
      if (!target) throw invalid('Исправляемая запись не найдена.', [{ column: 'correctsId', message: 'Запись не найдена' }]);
      const already = q.correctionOf(ctx.db, correctsId);
      if (already)
        throw invalid(`Запись № ${target.number} уже исправлена записью № ${already.number}: исправьте запись № ${already.number}.`, [
          { column: 'correctsId', message: `Уже исправлена записью № ${already.number}` },
        ]);
    }
    const head = q.last(ctx.db);
    const now = ctx.now().toISOString();
    const fields = {
      id: uuidv7(),
      number: (head?.number ?? 0) + 1,
      received_on: i.receivedOn,
      class_id: v.classId,
      period_id: v.periodId,
      copy_id: v.copyId,
      sheets: v.sheets,
      handed_by: i.handedBy,
      received_by: v.receivedBy,
      corrects_id: correctsId,
      note: i.note,
      recorded_at: now,
      recorded_by: actingName(ctx),
      prev_digest: head?.digest ?? '',
    };
    w.insert('paper_register_entry', { ...fields, digest: entryDigest(fields) });
    // The board (point 1): the copy was handed to the secretary — unless that step is already there.
    if (!q.liveStep(ctx.db, v.classId, v.periodId, 'handed'))
      w.insert('paper_step', {
        class_id: v.classId,
        period_id: v.periodId,
        step: 'handed',
        done_at: i.receivedOn === todayOf(ctx) ? now : `${i.receivedOn}T12:00:00.000Z`,
        done_by: actingName(ctx),
        note: `Реестр бумажных копий, запись № ${fields.number}`,
      });
    return fields.id;
  });
  return registerView(ctx, {}).entries.find((e) => e.id === id)!;
}

export const addRegisterEntry = (ctx: Ctx, i: EntryInput): RegisterEntry => addEntry(ctx, i, null);
export const correctRegisterEntry = (ctx: Ctx, i: EntryInput & { correctsId: string }): RegisterEntry => addEntry(ctx, i, i.correctsId);

/** The chain recomputed from the first entry, and every scan's bytes against its digest. */
export function verifyRegister(ctx: Ctx): RegisterVerification {
  const rows = q.allRows(ctx.db);
  const broken = firstBreak(rows);
  const numbers = new Map(rows.map((r) => [r.id, r.number]));
  const scanProblems: string[] = [];
  let scans = 0;
  for (const s of q.scanContents(ctx.db)) {
    scans++;
    const n = numbers.get(s.entry_id);
    const where = n ? ` (запись № ${n})` : ' (запись реестра не найдена)';
    const bytes = s.content ?? Buffer.alloc(0);
    if (sha256(bytes) !== s.digest || bytes.byteLength !== s.size) scanProblems.push(`скан «${s.file_name}»${where} изменён после приложения`);
    else if (!n) scanProblems.push(`скан «${s.file_name}»${where}`);
  }
  const live = rows.filter((r) => !r.deleted_at);
  return {
    ok: !broken && !scanProblems.length,
    entries: live.length,
    scans,
    brokenNumber: broken?.number ?? null,
    problem: broken?.problem ?? null,
    scanProblems,
    checksum: live.at(-1)?.digest ?? '',
  };
}

export function entryOrFail(ctx: Ctx, id: string): q.EntryRow {
  const e = q.entry(ctx.db, id);
  if (!e) throw notFound('Запись реестра');
  return e;
}
