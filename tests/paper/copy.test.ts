// A class's paper copy of the journal (issue 14 points 3 and 6; R21): the demo school (120 students)
// with journal rows of «2 четверть» written straight into SQLite (tests/support/journal.ts) for two
// subjects of a 7th class and one of another; the PDF checked with qpdf, pdffonts, pdftotext and
// pdfinfo and rendered with pdftoppm into tests/artifacts/paper/; the copy recorded with the board's
// step in one transaction; freshness naming a mark, a topic and a period mark changed after printing;
// a cancelled print recording nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { demoCore } from '../support/core';
import { resultBytes } from '../support/files';
import { seedJournal, type JournalSeed } from '../support/journal';
import { copyFreshness } from '../../electron/core/paper/copy/freshness';
import { unpackFingerprint } from '../../electron/core/paper/copy/fingerprint';
import { jobRunner, type JobEvent } from '../../electron/core/jobs/runner';
import { FONT_FILES, fontsDir } from '../../electron/core/reports/fonts';

const fontPath = (k: keyof typeof FONT_FILES) => join(fontsDir(), FONT_FILES[k]);

const ART = join(import.meta.dirname, '../artifacts/paper');
type Core = Awaited<ReturnType<typeof demoCore>>;
let t: Core;
const one = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).get(...p) as R;
const count = (sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).pluck().get(...p) as number;
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

let period = { id: '', year_id: '', start_date: '', end_date: '' };
let cls = { id: '', name: '' };
let other = { id: '', name: '' };
const subj: Record<string, string> = {};
let algebra: JournalSeed;
let names: string[] = [];

beforeAll(async () => {
  t = await demoCore(120, () => new Date('2027-01-12T09:00:00Z'));
  period = one(`SELECT id, year_id, start_date, end_date FROM study_period WHERE name = '2 четверть' AND grade_from <= 7 AND grade_to >= 7`);
  const classes = t.db.raw.prepare(`SELECT id, grade || letter AS name FROM school_class WHERE grade = 7 AND deleted_at IS NULL ORDER BY letter`).all() as { id: string; name: string }[];
  expect(classes.length).toBeGreaterThanOrEqual(2);
  [cls, other] = [classes[0]!, classes[1]!];
  for (const n of ['Алгебра', 'История', 'Русский язык']) subj[n] = one<{ id: string }>(`SELECT id FROM subject WHERE name = ?`, n).id;
  const teacher = one<{ id: string }>(`SELECT id FROM staff WHERE last_name <> '' ORDER BY last_name LIMIT 1`).id;
  const base = { teacherId: teacher, from: period.start_date, to: period.end_date, periodId: period.id, yearId: period.year_id };
  algebra = seedJournal(t.db, { ...base, classId: cls.id, subjectId: subj['Алгебра']!, seed: 1 });
  seedJournal(t.db, { ...base, classId: cls.id, subjectId: subj['История']!, weekdays: [2, 4], seed: 2 });
  seedJournal(t.db, { ...base, classId: other.id, subjectId: subj['Русский язык']!, seed: 3 });
  names = algebra.rosterOn(period.end_date).map((id) => one<{ n: string }>(`SELECT last_name || ' ' || first_name AS n FROM student WHERE id = ?`, id).n);
  mkdirSync(ART, { recursive: true });
}, 300_000);
afterAll(() => t?.cleanup());

describe('the paper copy of a class', () => {
  let path = '';
  let text = '';
  let sheets = 0;
  let code = '';

  it('prints one class as one PDF: embedded subset fonts, qpdf clean, «Лист N из M», names, marks, topics, the closing sheet', async () => {
    const f = await t.call('paper.printCopies', { periodId: period.id, classId: cls.id });
    expect(f.fileName).toBe(`${cls.name} — 2 четверть.pdf`);
    expect(f.copies).toHaveLength(1);
    ({ sheets, code } = f.copies[0]!);
    expect(code).toMatch(new RegExp(`^${cls.name}-2Ч-[0-9A-Z]{5}$`));
    path = join(ART, 'copy-7.pdf');
    writeFileSync(path, resultBytes(t.ctx.session, f));
    execFileSync('qpdf', ['--check', path]); // throws on damage
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    // Embedded and subset: the «ABCDEF+» tag, and pdffonts' «emb» and «sub» columns.
    for (const l of fonts) expect(l).toMatch(/^[A-Z]{6}\+PTSerif-\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\b/);
    expect(statSync(path).size).toBeLessThan(statSync(fontPath('regular')).size + statSync(fontPath('bold')).size);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
    expect(pages).toBe(sheets);
    text = pdfText(path);
    expect(text).toContain('Классный журнал (бумажная копия электронного журнала)');
    expect(text).toContain('Достоверность бумажной копии подтверждаю.');
    expect(text).toContain(`Лист 1 из ${sheets}`);
    expect(text).toContain(`Лист ${sheets} из ${sheets}`);
    expect(text).toContain('Прошито, пронумеровано и скреплено печатью ___ листов');
    expect(text).toContain('М. П.');
    expect(text).toMatch(/Проверено\. Учитель ____________ \/ [А-ЯЁ]\. [А-ЯЁ]\. [А-ЯЁ][а-яё]+/);
    for (const n of names) expect(text).toContain(n);
    for (const l of algebra.lessons.filter((x) => x.status === 'held').slice(0, 5)) {
      expect(text).toContain(l.topic);
      expect(text).toContain(l.homework);
    }
    expect(text).toContain('Алгебра: отметки и посещаемость');
    expect(text).toContain('История: проведённые уроки');
    expect(text).toContain('Сведения о пропущенных уроках');
    expect(text).toContain('Сводная ведомость учёта успеваемости');
    // Every sheet carries the copy's code and the digest's beginning.
    const digest = one<{ digest: string }>(`SELECT digest FROM paper_copy WHERE code = ?`, code).digest;
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const footnotes = text.split('\f').filter((p) => p.trim()).map((p) => p.includes(`Копия ${code} · сверено с ЭЖ: ${digest.slice(0, 12)}`));
    expect(footnotes).toHaveLength(sheets);
    expect(footnotes.every(Boolean)).toBe(true);
    // The first student's marks of the first held lesson with a mark are on the marks sheet.
    const m = algebra.marks.find((x) => /^[2-5]$/.test(x.value))!;
    expect(text).toMatch(new RegExp(`${names[0]!.split(' ')[0]}[^\\n]*\\b[2-5]\\b`));
    expect(m).toBeTruthy();
    // The pages looked at: the title sheet, a marks sheet, the closing sheet.
    const marksPage = text.split('\f').findIndex((p) => p.includes('Алгебра: отметки и посещаемость')) + 1;
    for (const [name, page] of [['title', 1], ['marks', marksPage], ['closing', sheets]] as const)
      execFileSync('pdftoppm', ['-r', '60', '-png', '-f', String(page), '-l', String(page), '-singlefile', path, join(ART, `copy-${name}`)]);
  }, 300_000);

  it('records the copy and the board step «printed» (once per class and period), by the acting user', async () => {
    const row = one<{ class_id: string; sheets: number; printed_by: string; fingerprint: string }>(`SELECT * FROM paper_copy WHERE code = ?`, code);
    const me = t.ctx.session.user!.displayName;
    expect(row).toMatchObject({ class_id: cls.id, sheets, printed_by: me });
    expect(Object.keys(unpackFingerprint(row.fingerprint)).some((k) => k.startsWith('m:'))).toBe(true);
    expect(count(`SELECT count(*) FROM paper_step WHERE class_id = ? AND period_id = ? AND step = 'printed' AND done_by = ?`, cls.id, period.id, me)).toBe(1);
    // A reprint: a second copy, still one step.
    await t.call('paper.printCopies', { periodId: period.id, classId: cls.id });
    expect(count(`SELECT count(*) FROM paper_copy WHERE class_id = ?`, cls.id)).toBe(2);
    expect(count(`SELECT count(*) FROM paper_step WHERE class_id = ? AND step = 'printed'`, cls.id)).toBe(1);
    const list = await t.call('paper.copies', { periodId: period.id });
    expect(list.map((c) => [c.className, c.latest, c.upToDate])).toEqual([
      [cls.name, true, true],
      [cls.name, false, true],
    ]);
  }, 300_000);

  it('names what changed in the journal since printing, on the board and in the register too', async () => {
    const copyId = one<{ id: string }>(`SELECT id FROM paper_copy WHERE code = ?`, code).id;
    expect(copyFreshness(t.ctx, copyId)).toEqual({ upToDate: true, changes: [] });
    const [m1, m2] = algebra.marks.filter((x) => /^[2-5]$/.test(x.value));
    t.db.raw.prepare(`UPDATE mark SET value = CASE value WHEN '5' THEN '4' ELSE '5' END WHERE id IN (?, ?)`).run(m1!.id, m2!.id);
    const held = algebra.lessons.filter((l) => l.status === 'held');
    t.db.raw.prepare(`UPDATE lesson SET topic = 'Другая тема' WHERE id = ?`).run(held[3]!.id);
    const pm = algebra.periodMarks.find((p) => p.periodId === period.id)!;
    t.db.raw.prepare(`UPDATE period_mark SET value = CASE value WHEN '5' THEN '4' ELSE '5' END WHERE student_id = ? AND subject_id = ? AND period_id = ?`).run(pm.studentId, subj['Алгебра'], period.id);
    const at = '2027-01-11T10:00:00.000Z';
    t.db.raw
      .prepare(`INSERT INTO mark (id, created_at, updated_at, student_id, lesson_id, date, subject_id, value, work_kind, weight, entered_at) VALUES ('added-1', ?, ?, ?, ?, ?, ?, '5', 'answer', 1, ?)`)
      .run(at, at, pm.studentId, held[4]!.id, held[4]!.date, subj['Алгебра'], at);
    const f = copyFreshness(t.ctx, copyId);
    expect(f.upToDate).toBe(false);
    expect(f.changes).toEqual(['2 отметки изменены (Алгебра)', '1 отметка добавлена (Алгебра)', 'итоговая отметка изменена: 1 (Алгебра)', 'тема урока изменена: 1 (Алгебра)']);
    // The board and the register show the copy as out of date, naming the same changes.
    const board = await t.call('paper.board', { periodId: period.id });
    expect(board.classes.find((c) => c.classId === cls.id)!.copy).toMatchObject({ upToDate: false, changes: f.changes });
    await t.call('paper.registerAdd', { receivedOn: '2027-01-12', copyId, handedBy: 'Иванова И. И.' });
    const reg = await t.call('paper.register', {});
    expect(reg.entries.find((e) => e.copyId === copyId)).toMatchObject({ copyUpToDate: false, copyChanges: f.changes });
    // A mark removed (tombstoned by sync) is named with its subject too.
    t.db.raw.prepare(`UPDATE mark SET deleted_at = ? WHERE id = 'added-1'`).run(at);
    expect(copyFreshness(t.ctx, copyId).changes).toContain('2 отметки изменены (Алгебра)');
    expect(copyFreshness(t.ctx, copyId).changes).not.toContain('1 отметка добавлена (Алгебра)');
    const list = await t.call('paper.copies', { periodId: period.id });
    expect(list[0]).toMatchObject({ upToDate: false });
    expect(list[0]!.changes[0]).toBe('2 отметки изменены (Алгебра)');
  }, 300_000);
});

describe('the print job', () => {
  it('prints a parallel as a ZIP of one PDF per class; only the classes the period applies to', async () => {
    const f = await t.call('paper.printCopies', { periodId: period.id, grade: 7 });
    const classes = t.db.raw.prepare(`SELECT grade || letter AS name FROM school_class WHERE grade = 7 AND deleted_at IS NULL ORDER BY letter`).pluck().all() as string[];
    expect(f.fileName).toBe('Бумажные копии — 2 четверть 7 параллель.zip');
    const files = unzipSync(new Uint8Array(resultBytes(t.ctx.session, f)));
    expect(Object.keys(files).sort()).toEqual(classes.map((c) => `${c} — 2 четверть.pdf`).sort());
    const p = join(ART, 'copy-other.pdf');
    writeFileSync(p, files[`${other.name} — 2 четверть.pdf`]!);
    expect(pdfText(p)).toContain('Русский язык: отметки и посещаемость');
    const q2for10 = one<{ id: string } | undefined>(`SELECT id FROM study_period WHERE name = '2 полугодие' OR (grade_from >= 10 AND name LIKE '%полугодие') LIMIT 1`);
    if (q2for10) await expect(t.call('paper.printCopies', { periodId: q2for10.id, classId: cls.id })).rejects.toMatchObject({ code: 'validation' });
  }, 300_000);

  it('records every class and step in one transaction: a failure at the last insert leaves nothing', async () => {
    const before = count(`SELECT count(*) FROM paper_copy`);
    const steps = count(`SELECT count(*) FROM paper_step`);
    t.db.raw.exec(`CREATE TRIGGER fail_step BEFORE INSERT ON paper_step BEGIN SELECT RAISE(ABORT, 'test: step refused'); END`);
    try {
      // A parallel where some class has no step yet (5th grade): copies are inserted before the steps.
      await expect(t.call('paper.printCopies', { periodId: one<{ id: string }>(`SELECT id FROM study_period WHERE name = '2 четверть' AND grade_from <= 5 AND grade_to >= 5`).id, grade: 5 })).rejects.toBeTruthy();
    } finally {
      t.db.raw.exec(`DROP TRIGGER fail_step`);
    }
    expect(count(`SELECT count(*) FROM paper_copy`)).toBe(before);
    expect(count(`SELECT count(*) FROM paper_step`)).toBe(steps);
  }, 300_000);

  it('a cancelled print records nothing', async () => {
    const before = count(`SELECT count(*) FROM paper_copy`);
    const midway = new Promise<JobEvent>((resolve) => {
      const off = jobRunner().onEvent((e) => {
        if (e.session === t.ctx.session && e.kind === 'progress' && e.job.op === 'paper.printCopies' && e.job.done > 0) {
          off();
          resolve(e);
        }
      });
    });
    const job = t.call('paper.printCopies', { periodId: period.id }).then(
      () => null,
      (e: { code: string }) => e,
    );
    const e = await Promise.race([midway, job.then((r) => Promise.reject(new Error(`ended before midway: ${JSON.stringify(r)}`)))]);
    await t.call('jobs.cancel', { id: e.job.id });
    expect(await job).toMatchObject({ code: 'cancelled' });
    expect(count(`SELECT count(*) FROM paper_copy`)).toBe(before);
  }, 300_000);
});
