// The archive of paper copies (issue 14 point 5; docs/paper-copies.md «Архив») on a small school
// made by hand (7Б and 10А, three students each, a quarter/half of journal rows written straight
// into SQLite): the manifest lists every file with its digest; the plain `unzip` + `sha256sum -c`
// passes; one byte changed in one file → the verification names that file; a truncated file is
// refused; the archive is recorded once (a cancelled build records nothing); the storage dates and
// the reminder on fixed dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import ExcelJS from 'exceljs';
import { ADMIN, tempCore } from '../support/core';
import { resultBytes, upload } from '../support/files';
import { tempDir } from '../support/tmp';
import { seedJournal } from '../support/journal';
import { JobCancelled, type JobControl } from '../../electron/core/job';
import { buildArchive } from '../../electron/core/paper/archive/build';
import type { ExportedFile } from '../../electron/api/types';

let now = new Date('2027-01-20T09:00:00Z');
let t: Awaited<ReturnType<typeof tempCore>>;
const tmp = tempDir('school-office-archive-');
const id: Record<string, string> = {};
const one = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).get(...p) as R;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Manifest {
  kind: string;
  title: string;
  builtAt: string;
  files: { path: string; kind: string; size: number; sha256: string }[];
  storage: { kind: string; years: number; until: string; source: string }[];
}

let zip: Buffer;
let file: ExportedFile;

beforeAll(async () => {
  t = await tempCore(() => now);
  const { call } = t;
  await call('app.createSchool', { fullName: 'МБОУ «Средняя общеобразовательная школа № 5»', shortName: 'Школа № 5' });
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  await call('subjects.addStandard');
  await call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: ['Б'], shift: 1 });
  await call('classes.createMany', { gradeFrom: 10, gradeTo: 11, letters: ['А'], shift: 1 });
  for (const c of await call('classes.list')) id[c.name] = c.id;
  for (const s of await call('subjects.list')) id[s.name] = s.id;
  await call('curriculum.set', { cells: ['7Б', '10А'].flatMap((cls) => ['Русский язык', 'Алгебра'].map((s) => ({ classId: id[cls]!, subjectId: id[s]!, hours: 2 }))) });
  const teacher = await call('staff.save', {
    lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
    position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects: [], rateHours: 0,
  });
  for (const [cls, names] of [['7Б', ['Алексеев', 'Борисова', 'Васильев']], ['10А', ['Григорьев', 'Дмитриева', 'Егоров']]] as const)
    for (const name of names)
      await call('students.save', {
        lastName: name, firstName: name.endsWith('а') ? 'Анна' : 'Иван', middleName: null, birthDate: '2012-03-01', gender: name.endsWith('а') ? 'f' : 'm', snils: null,
        classId: id[cls], classFrom: '2026-09-01', address: null, personalFileNo: null, guardians: [],
      });
  const yearId = one<{ id: string }>(`SELECT id FROM academic_year`).id;
  const q2 = one<{ id: string; start_date: string; end_date: string }>(`SELECT id, start_date, end_date FROM study_period WHERE name = '2 четверть'`);
  const h1 = one<{ id: string; start_date: string; end_date: string }>(`SELECT id, start_date, end_date FROM study_period WHERE name = '1 полугодие'`);
  id.q2 = q2.id;
  id.h1 = h1.id;
  seedJournal(t.db, { classId: id['7Б']!, subjectId: id['Алгебра']!, teacherId: teacher.id, from: q2.start_date, to: q2.end_date, weekdays: [2, 4], periodId: q2.id, yearId });
  seedJournal(t.db, { classId: id['10А']!, subjectId: id['Алгебра']!, teacherId: teacher.id, from: h1.start_date, to: h1.end_date, weekdays: [1], periodId: h1.id, yearId, seed: 1 });
  file = await call('paper.archiveBuild', { kind: 'period', periodId: id.q2 });
  zip = resultBytes(t.ctx.session, file);
  mkdirSync(join(tmp.dir, 'in'), { recursive: true });
}, 240_000);
afterAll(() => {
  t?.cleanup();
  tmp.cleanup();
});

const manifestOf = (z: Uint8Array) => JSON.parse(new TextDecoder().decode(unzipSync(z)['manifest.json'])) as Manifest;

describe('the archive of a period', () => {
  it('holds the copy of every class of the period, the statements, the data, and a manifest with every digest', () => {
    expect(file.fileName).toBe('Архив журналов 2026-2027 — 2 четверть.zip');
    const entries = unzipSync(zip);
    const m = manifestOf(zip);
    expect(m.kind).toBe('period');
    expect(m.title).toBe('Архив журналов: 2 четверть, 2026/2027 учебный год');
    // 10А studies by half-years: the «2 четверть» archive holds 7Б only.
    expect(m.files.map((f) => f.path).sort()).toEqual(['copies/7Б — 2 четверть.pdf', 'data/2 четверть.xlsx', 'statements/Сводная ведомость 7Б 2026-2027.pdf']);
    expect(Object.keys(entries).sort()).toEqual([...m.files.map((f) => f.path), 'SHA256SUMS', 'manifest.json'].sort());
    for (const f of m.files) {
      expect(f.sha256).toBe(sha(entries[f.path]!));
      expect(f.size).toBe(entries[f.path]!.byteLength);
    }
    expect(m.storage.map((s) => [s.kind, s.years, s.until])).toEqual([
      ['copies', 5, '2032-12-31'],
      ['statements', 25, '2052-12-31'],
      ['data', 5, '2032-12-31'],
    ]);
    expect(m.storage[0]!.source).toContain('№ 236');
    // The archive's own digest is recorded, once.
    const rows = t.db.raw.prepare(`SELECT kind, period_id, file_name, size, digest FROM paper_archive`).all();
    expect(rows).toEqual([{ kind: 'period', period_id: id.q2, file_name: file.fileName, size: zip.length, digest: sha(zip) }]);
  });

  it('carries the period’s marks and period marks in its data file', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(unzipSync(zip)['data/2 четверть.xlsx']!) as unknown as ArrayBuffer);
    const marks = wb.getWorksheet('Отметки')!;
    // 7Б's marks of the quarter (10А studies by half-years: not in this period).
    const n = one<{ n: number }>(`SELECT count(*) AS n FROM mark m JOIN student s ON s.id = m.student_id WHERE s.class_id = ?`, id['7Б']).n;
    const rows: string[][] = [];
    marks.eachRow((r, k) => k > 5 && rows.push((r.values as unknown[]).slice(1).map(String)));
    expect(rows.length).toBe(n);
    expect(rows[0]!.slice(0, 2)).toEqual(['7Б', 'Алгебра']);
    const pm = wb.getWorksheet('Отметки за период')!;
    expect(pm.rowCount - 3).toBe(one<{ n: number }>(`SELECT count(DISTINCT student_id) AS n FROM period_mark WHERE period_id = ?`, id.q2).n);
  });

  it('passes the plain `unzip` and `sha256sum -c SHA256SUMS`', () => {
    const path = join(tmp.dir, 'a.zip');
    writeFileSync(path, zip);
    const dir = join(tmp.dir, 'unpacked');
    execFileSync('unzip', ['-q', path, '-d', dir]);
    const r = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('copies/7Б — 2 четверть.pdf: OK');
    expect(r.stdout).toContain('manifest.json: OK');
  });

  it('is verified whole, and known as the one the program built', async () => {
    const r = await t.call('paper.archiveVerify', { file: upload(t.ctx.session, file.fileName, zip) });
    expect(r).toMatchObject({ ok: true, files: 3, problems: [], recorded: { fileName: file.fileName } });
  });

  it('one byte changed in one file: the verification names that file', async () => {
    const entries = unzipSync(zip);
    const pdf = entries['copies/7Б — 2 четверть.pdf']!;
    pdf[Math.floor(pdf.length / 2)]! ^= 0x01;
    const bad = zipSync(entries as Zippable, { os: 3 });
    const r = await t.call('paper.archiveVerify', { file: upload(t.ctx.session, 'изменённый.zip', Buffer.from(bad)) });
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.text)).toContain('copies/7Б — 2 четверть.pdf: содержимое изменено');
    expect(r.problems.filter((p) => p.file !== null).map((p) => p.file)).toEqual(['copies/7Б — 2 четверть.pdf']);
    // …and the plain command says the same.
    const path = join(tmp.dir, 'bad.zip');
    writeFileSync(path, bad);
    const dir = join(tmp.dir, 'bad');
    execFileSync('unzip', ['-q', path, '-d', dir]);
    const s = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    expect(s.status).toBe(1);
    expect(s.stdout).toContain('copies/7Б — 2 четверть.pdf: FAILED');
  });

  it('a file missing, one added and a manifest rewritten are named', async () => {
    const entries = unzipSync(zip);
    delete entries['data/2 четверть.xlsx'];
    entries['copies/лишний.pdf'] = new Uint8Array([1, 2, 3]);
    const m = manifestOf(zip);
    m.title = 'Другой архив';
    entries['manifest.json'] = new TextEncoder().encode(JSON.stringify(m));
    const r = await t.call('paper.archiveVerify', { file: upload(t.ctx.session, 'x.zip', Buffer.from(zipSync(entries as Zippable))) });
    expect(r.problems.map((p) => p.text).sort()).toEqual(
      [
        'copies/лишний.pdf: лишний файл',
        'data/2 четверть.xlsx: файл отсутствует',
        'manifest.json: содержимое изменено',
        `Файл архива отличается от собранного программой (${file.fileName}): его контрольная сумма не совпадает с записанной при сборке.`,
      ].sort(),
    );
    const broken = unzipSync(zip);
    broken['manifest.json'] = new TextEncoder().encode('{ не json');
    const r2 = await t.call('paper.archiveVerify', { file: upload(t.ctx.session, 'y.zip', Buffer.from(zipSync(broken as Zippable))) });
    expect(r2.problems.map((p) => p.text)).toContain('manifest.json: manifest повреждён');
  });

  it('a truncated file is refused with a Russian message', async () => {
    await expect(t.call('paper.archiveVerify', { file: upload(t.ctx.session, 'обрезанный.zip', zip.subarray(0, Math.floor(zip.length / 2))) })).rejects.toThrow(
      /Файл «обрезанный\.zip» не удалось прочитать как архив ZIP/,
    );
  });

  it('a period not over yet is refused, naming its last day', async () => {
    const q3 = one<{ id: string }>(`SELECT id FROM study_period WHERE name = '3 четверть'`).id;
    await expect(t.call('paper.archiveBuild', { kind: 'period', periodId: q3 })).rejects.toThrow(/3 четверть ещё не закончилась: последний день — /);
  });

  it('a build cancelled at its last cancellation point, inside its one transaction, records nothing', async () => {
    const before = one<{ n: number }>(`SELECT count(*) AS n FROM paper_archive`).n;
    // The job's control as the runner gives it: cancelled at the second check after the last step
    // (the first: after the ZIP is written; the second: inside the transaction, after the insert).
    let after = -1;
    const check = () => {
      if (after >= 0 && ++after === 2) throw new JobCancelled();
    };
    const job: JobControl = {
      id: 'test',
      check,
      progress: (_d, _t, phrase) => {
        check();
        if (phrase === 'Архив: запись файла') after = 0;
      },
      input: () => ({ path: '', name: '' }),
      release: () => undefined,
      result: async (fileName, bytes, rows) => ({ id: 'x', fileName, size: bytes.byteLength, rows }),
    };
    await expect(buildArchive({ ...t.ctx, actor: 'admin', job }, { kind: 'period', periodId: id.q2 })).rejects.toThrow(/Отменено/);
    expect(after).toBe(2);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM paper_archive`).n).toBe(before);
  });
});

describe('storage periods and the reminder', () => {
  /** Years later: the session locked itself meanwhile. */
  const at = async (iso: string) => {
    now = new Date(iso);
    await t.call('auth.unlock', { password: ADMIN.password }).catch(() => undefined);
  };
  it('shows «хранить до» per kind, and reminds within 90 days and after expiry', async () => {
    await at('2027-02-01T09:00:00Z');
    let v = await t.call('paper.archives');
    expect(v.archives[0]!.storage.map((s) => [s.kind, s.until, s.state])).toEqual([
      ['copies', '2032-12-31', 'ok'],
      ['statements', '2052-12-31', 'ok'],
      ['data', '2032-12-31', 'ok'],
    ]);
    expect(v.reminders).toEqual([]);
    await at('2032-10-15T09:00:00Z');
    v = await t.call('paper.archives');
    expect(v.reminders.map((r) => [r.label, r.until, r.expired])).toEqual([
      ['Классные журналы — бумажные копии электронного журнала', '2032-12-31', false],
      ['Данные электронного журнала — XLSX', '2032-12-31', false],
    ]);
    expect(v.reminders[0]!.text).toBe(`Классные журналы — бумажные копии электронного журнала, архив «${file.fileName}»: срок хранения истекает 31.12.2032`);
    await at('2033-01-01T09:00:00Z');
    v = await t.call('paper.archives');
    expect(v.reminders[0]!.text).toBe(
      `Классные журналы — бумажные копии электронного журнала, архив «${file.fileName}»: срок хранения истёк 31.12.2032 — можно составить акт о выделении к уничтожению`,
    );
    expect(v.archives[0]!.storage.map((s) => s.state)).toEqual(['expired', 'ok', 'expired']);
  });
});

describe('the archive of the year', () => {
  it('holds every period’s copies in a folder per period, both kinds of statement, the medal commission’s and each period’s data', async () => {
    now = new Date('2027-06-10T09:00:00Z');
    await t.call('auth.unlock', { password: ADMIN.password }).catch(() => undefined);
    const f = await t.call('paper.archiveBuild', { kind: 'year' });
    expect(f.fileName).toBe('Архив журналов 2026-2027 — год.zip');
    const z = resultBytes(t.ctx.session, f);
    const m = manifestOf(z);
    expect(m.kind).toBe('year');
    const paths = m.files.map((x) => x.path);
    for (const p of [
      'copies/1 четверть/7Б — 1 четверть.pdf',
      'copies/4 четверть/7Б — 4 четверть.pdf',
      'copies/1 полугодие/10А — 1 полугодие.pdf',
      'copies/2 полугодие/10А — 2 полугодие.pdf',
      'statements/Сводная ведомость 7Б 2026-2027.pdf',
      'statements/Сводная ведомость за год 10А 2026-2027.pdf',
      'data/2 четверть.xlsx',
      'data/2 полугодие.xlsx',
      'statements/Ведомость для медальной комиссии 2026-2027.pdf',
      'statements/Ведомость для медальной комиссии 2026-2027.xlsx',
    ])
      expect(paths).toContain(p);
    expect(paths.filter((p) => p.startsWith('copies/1 четверть/'))).toEqual(['copies/1 четверть/7Б — 1 четверть.pdf']);
    const r = await t.call('paper.archiveVerify', { file: upload(t.ctx.session, f.fileName, z) });
    expect(r).toMatchObject({ ok: true, files: m.files.length });
  });
});
