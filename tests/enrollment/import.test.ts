// Issue 12, acceptance 1: a realistic enrollment export of 120 applications (XLSX, the old .xls,
// CSV in Windows-1251) imports exactly its applications, the enrollable ones marked so; a file with
// bad rows imports nothing and names each row, column and reason; a later export with 10 more adds
// 10 and reports what changed, never touching an enrolled child.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { demoCore } from '../support/core';
import { upload } from '../support/files';
import { AppError } from '../../electron/api/errors';
import { readSpreadsheet } from '../../electron/import';
import { enrollmentHeaderScore } from '../../electron/import/enrollment';
import { applications, COL, csvBytes, sheetRows, xlsBytes, xlsxBytes, type Application } from './exportFile';

type Core = Awaited<ReturnType<typeof demoCore>>;
const NOW = new Date('2026-12-01T09:00:00Z');
const TODAY = '2026-12-01';
const now = () => NOW;

const first120 = applications({ count: 120, today: TODAY });
const enrollable120 = first120.filter((a) => a.enrollable).length;

function countApps(t: Core) {
  return t.db.raw.prepare('SELECT enrollable, count(*) AS n FROM enrollment_application WHERE deleted_at IS NULL GROUP BY enrollable ORDER BY enrollable').all() as { enrollable: number; n: number }[];
}

/** The refusal a call ends in. */
const refusal = (p: Promise<unknown>) => p.then(() => expect.unreachable('not refused'), (e: unknown) => (expect(e).toBeInstanceOf(AppError), e as AppError));

describe('the enrollment export in three formats', () => {
  let xlsx: Buffer;
  let xls: Buffer;
  let csv: Buffer;
  beforeAll(async () => {
    const rows = sheetRows(first120, TODAY);
    xlsx = await xlsxBytes(rows);
    xls = xlsBytes(xlsx);
    csv = csvBytes(rows);
  }, 240_000);

  it('reads to the same header and cells: merged group headers skipped, dates of any kind', async () => {
    const sheets = await Promise.all([readSpreadsheet(xlsx, 'a.xlsx', enrollmentHeaderScore), readSpreadsheet(xls, 'a.xls', enrollmentHeaderScore), readSpreadsheet(csv, 'a.csv', enrollmentHeaderScore)]);
    for (const s of sheets) {
      expect(s.headerRowNumber).toBe(4);
      expect(s.headers[COL['ФИО ребёнка']]).toBe('ФИО ребёнка');
      expect(s.rows).toHaveLength(120);
    }
    // The .xls and the CSV give what the XLSX gives, cell for cell.
    expect(sheets[1]!.rows).toEqual(sheets[0]!.rows);
    expect(sheets[2]!.rows).toEqual(sheets[0]!.rows);
    // A date cell, a bare serial number and ISO text are all there as written or shown.
    const birth = (n: number) => sheets[1]!.rows[n - 1]![COL['Дата  рождения']];
    expect(birth(2)).toMatch(/^\d\d\.\d\d\.20\d\d$/); // a date cell
    expect(birth(3)).toMatch(/^4\d{4}$/); // a serial number without a date format
    expect(birth(1)).toMatch(/^20\d\d-\d\d-\d\d$/);
  });

  for (const [name, bytes] of [
    ['заявления.xlsx', () => xlsx],
    ['заявления.xls', () => xls],
    ['заявления.csv', () => csv],
  ] as const) {
    it(`${name}: 120 applications, exactly the enrollable ones enrollable, every parent kept`, async () => {
      const t = await demoCore(100, now);
      try {
        const file = () => upload(t.ctx.session, name, bytes());
        const p = await t.call('enrollment.preview', { file: file() });
        expect(p.errors).toEqual([]);
        expect(p.counts).toMatchObject({ rows: 120, toImport: 120, enrollable: enrollable120, notEnrollable: 120 - enrollable120, errors: 0, inSchool: 0, changed: 0 });
        expect(p.mapping).toMatchObject({ regNumber: COL['Рег. номер заявления'], status: COL['Статус заявления'], fullName: COL['ФИО ребёнка'], birthDate: COL['Дата  рождения'], guardian1Name: COL['ФИО заявителя'], guardian2Name: COL['ФИО второго родителя'] });
        const r = await t.call('enrollment.commit', { file: file() });
        expect(r).toMatchObject({ imported: 120, enrollable: enrollable120, notEnrollable: 120 - enrollable120, updated: 0 });
        expect(countApps(t)).toEqual([
          { enrollable: 0, n: 120 - enrollable120 },
          { enrollable: 1, n: enrollable120 },
        ]);
        // Each application as the file gave it: its status word for word, the child, the dates.
        const rows = t.db.raw.prepare('SELECT * FROM enrollment_application').all() as Record<string, unknown>[];
        const byNumber = new Map(rows.map((r) => [r.reg_number, r]));
        for (const a of first120) {
          const got = byNumber.get(a.regNumber)!;
          expect(got, a.regNumber).toMatchObject({ status: a.status.replace(/\s+/g, ' '), enrollable: a.enrollable ? 1 : 0, last_name: a.lastName, first_name: a.firstName, middle_name: a.middleName, birth_date: a.birthDate, grade: 1, student_id: null });
        }
        expect(byNumber.get('2026/1-00001')).toMatchObject({ applied_at: '2026-04-02T10:07', gender: 'f', on_territory: 1, adapted_programme: 0, preference: 'none' });
        expect(byNumber.get('2026/1-00017')).toMatchObject({ preference: 'first_turn' });
        expect(byNumber.get('2026/1-00023')).toMatchObject({ preference: 'out_of_turn' });
        expect(byNumber.get('2026/1-00026')).toMatchObject({ preference: 'priority', sibling: 1 });
        expect(byNumber.get('2026/1-00019')).toMatchObject({ adapted_programme: 1 });
        const parents = t.db.raw.prepare('SELECT count(*) AS n FROM enrollment_parent').get() as { n: number };
        expect(parents.n).toBe(240);
        // Nothing became a student: enrollment is by order.
        expect((t.db.raw.prepare('SELECT count(*) AS n FROM student').get() as { n: number }).n).toBe(100);
        const list = await t.call('enrollment.list', { search: 'семён', sort: 'name' });
        expect(list.length).toBeGreaterThan(0);
        for (const row of list) expect(row.fullName.toLowerCase().replace(/ё/g, 'е')).toContain('семен');
      } finally {
        t.cleanup();
      }
    }, 180_000);
  }
});

describe('checks against the school, all or nothing, re-import', () => {
  let t: Core;
  beforeAll(async () => {
    t = await demoCore(100, now);
  }, 120_000);
  afterAll(() => t.cleanup());

  const file = async (apps: Application[], name = 'заявления.xlsx') => upload(t.ctx.session, name, await xlsxBytes(sheetRows(apps, TODAY)));
  /** The «перед импортом» backups in the data folder's backup folder, as the student import leaves them. */
  const importBackups = () => {
    const dir = join(t.dir, 'Резервные копии');
    return existsSync(dir) ? readdirSync(dir).filter((n) => n.includes('(перед импортом)')).sort() : [];
  };

  it('a file with bad rows imports nothing; each row, column and reason named', async () => {
    const apps = applications({ count: 120, today: TODAY });
    const bad = (n: number, col: keyof typeof COL, v: string | null) => (apps[n - 1]!.cells[COL[col]] = v);
    bad(5, 'Дата  рождения', '31.02.2020');
    bad(9, 'СНИЛС ребёнка', '112-233-445 00');
    bad(14, 'Статус заявления', null);
    bad(20, 'Рег. номер заявления', apps[20]!.regNumber);
    bad(33, 'Телефон заявителя', '12-34');
    bad(40, 'Льгота', 'многодетная семья');
    const p = await t.call('enrollment.preview', { file: await file(apps) });
    // The sheet's row = the application's number + 4 (the title, the date, the group and the real header rows).
    expect(p.errors).toEqual(
      expect.arrayContaining([
        { row: 9, column: 'Дата рождения', message: 'Неверная дата «31.02.2020»: такой даты нет в календаре' },
        { row: 13, column: 'СНИЛС', message: 'Неверная контрольная сумма СНИЛС «112-233-445 00»' },
        { row: 18, column: 'Статус заявления', message: 'Не заполнено обязательное поле «Статус заявления»' },
        { row: 24, column: 'Номер заявления', message: 'Номер заявления «2026/1-00021» повторяется ниже в файле' },
        { row: 25, column: 'Номер заявления', message: 'Заявление № «2026/1-00021» уже есть в строке 24' },
        expect.objectContaining({ row: 37, column: 'Представитель 1 — телефон', message: expect.stringContaining('Неверный номер телефона «12-34»') }),
        expect.objectContaining({ row: 44, column: 'Право на приём (льгота)', message: expect.stringContaining('Неизвестное право на приём «многодетная семья»') }),
      ]),
    );
    expect(p.counts.errors).toBe(7);
    expect(p.rows.filter((r) => r.verdict === 'error').map((r) => r.row)).toEqual([9, 13, 18, 24, 25, 37, 44]);
    const e = await refusal(t.call('enrollment.commit', { file: await file(apps) }));
    expect(e.message).toContain('Файл не загружен: 7 строк с ошибками');
    expect(e.problems).toHaveLength(7);
    expect(countApps(t)).toEqual([]);
    // A refused file keeps no backup.
    expect(importBackups()).toEqual([]);
  });

  it('a later export with 10 more adds 10, applies the changes of those not enrolled, reports those of an enrolled child', async () => {
    const r1 = await t.call('enrollment.commit', { file: await file(first120) });
    expect(r1.imported).toBe(120);
    // A commit that changes many rows made a backup before it, as the student import does: the state before the file.
    expect(importBackups()).toHaveLength(1);
    const copy = new Database(join(t.dir, 'Резервные копии', importBackups()[0]!), { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) AS n FROM enrollment_application').get()).toEqual({ n: 0 });
      expect(copy.prepare('SELECT count(*) AS n FROM student').get()).toEqual({ n: 100 });
    } finally {
      copy.close();
    }
    // The first application's child was enrolled meanwhile (by an order: here, directly).
    const student = t.db.raw.prepare('SELECT id FROM student LIMIT 1').get() as { id: string };
    t.db.raw.prepare("UPDATE enrollment_application SET student_id = ? WHERE reg_number = '2026/1-00001'").run(student.id);
    const later = applications({ count: 130, today: TODAY });
    later[0]!.cells[COL['Статус заявления']] = 'Отозвано заявителем'; // enrolled: reported, not applied
    later[3]!.cells[COL['Статус заявления']] = 'Принято к рассмотрению'; // was «Зачислен»: now enrollable
    later[7]!.cells[COL['Адрес проживания']] = 'г. Вологда, ул. Новая, д. 1';
    const p = await t.call('enrollment.preview', { file: await file(later) });
    expect(p.counts).toMatchObject({ toImport: 10, changed: 3, unchanged: 117, errors: 0 });
    const changed = p.rows.filter((r) => r.verdict === 'changed');
    expect(changed.map((r) => [r.regNumber, r.enrolled, r.changes])).toEqual([
      [
        '2026/1-00001',
        true,
        [
          { field: 'Статус', old: 'принято к рассмотрению', new: 'Отозвано заявителем' },
          { field: 'Можно зачислить', old: 'да', new: 'нет' },
        ],
      ],
      [
        '2026/1-00004',
        false,
        [
          { field: 'Статус', old: 'Зачислен', new: 'Принято к рассмотрению' },
          { field: 'Можно зачислить', old: 'нет', new: 'да' },
        ],
      ],
      ['2026/1-00008', false, [{ field: 'Адрес', old: 'г. Вологда, ул. Садовая, д. 9, кв. 8', new: 'г. Вологда, ул. Новая, д. 1' }]],
    ]);
    const r2 = await t.call('enrollment.commit', { file: await file(later) });
    expect(r2).toMatchObject({ imported: 10, updated: 2, notApplied: 1, unchanged: 117 });
    const get = (n: string) => t.db.raw.prepare('SELECT status, enrollable, address, student_id FROM enrollment_application WHERE reg_number = ?').get(n) as Record<string, unknown>;
    expect(get('2026/1-00001')).toMatchObject({ status: 'принято к рассмотрению', student_id: student.id });
    expect(get('2026/1-00004')).toMatchObject({ status: 'Принято к рассмотрению', enrollable: 1 });
    expect(get('2026/1-00008')).toMatchObject({ address: 'г. Вологда, ул. Новая, д. 1' });
    expect((t.db.raw.prepare('SELECT count(*) AS n FROM enrollment_application').get() as { n: number }).n).toBe(130);
    // The same file again changes nothing.
    expect(importBackups()).toHaveLength(2);
    const r3 = await t.call('enrollment.commit', { file: await file(later) });
    expect(r3).toMatchObject({ imported: 0, updated: 0, notApplied: 1, unchanged: 129 });
    expect(importBackups()).toHaveLength(2); // nothing changed: no backup kept
  });

  it('a child already in the school is refused with the student named; a known parent is linked; a sibling is found', async () => {
    const s = t.db.raw
      .prepare(
        `SELECT s.id, s.last_name, s.first_name, s.middle_name, s.birth_date, s.address, c.grade || c.letter AS class,
                g.id AS gid, g.last_name AS g_last, g.first_name AS g_first, g.middle_name AS g_middle, g.phone
           FROM student s JOIN school_class c ON c.id = s.class_id
           JOIN student_guardian sg ON sg.student_id = s.id JOIN guardian g ON g.id = sg.guardian_id
          WHERE g.phone IS NOT NULL AND s.deleted_at IS NULL LIMIT 1`,
      )
      .get() as Record<string, string>;
    const apps = applications({ from: 500, count: 3, today: TODAY });
    // 500: the student themself (by name and birth date).
    apps[0]!.cells[COL['ФИО ребёнка']] = `${s.last_name} ${s.first_name} ${s.middle_name ?? ''}`.trim();
    apps[0]!.cells[COL['Дата  рождения']] = s.birth_date!.split('-').reverse().join('.');
    // 501: the student's parent applies for a younger child.
    apps[1]!.cells[COL['ФИО заявителя']] = `${s.g_last} ${s.g_first} ${s.g_middle ?? ''}`.trim();
    apps[1]!.cells[COL['Телефон заявителя']] = s.phone!;
    // 502: the same surname at the same address.
    if (s.address) {
      apps[2]!.cells[COL['ФИО ребёнка']] = `${s.last_name} Ёлкин Иванович`.replace('Ёлкин', 'Фёдор');
      apps[2]!.cells[COL['Адрес проживания']] = s.address;
    }
    const p = await t.call('enrollment.preview', { file: await file(apps) });
    expect(p.errors).toEqual([]);
    const [a, b, c] = p.rows;
    expect(a).toMatchObject({ verdict: 'in_school', inSchool: `${s.last_name} ${s.first_name}${s.middle_name ? ` ${s.middle_name}` : ''}, ${s.class}, ${s.birth_date!.split('-').reverse().join('.')}` });
    expect(b).toMatchObject({ verdict: 'new', knownParents: [`${s.g_last} ${s.g_first}${s.g_middle ? ` ${s.g_middle}` : ''}`], siblings: expect.arrayContaining([`${s.last_name} ${s.first_name}, ${s.class}`]) });
    if (s.address) expect(c!.siblings).toContain(`${s.last_name} ${s.first_name}, ${s.class}`);
    expect(p.counts).toMatchObject({ toImport: 2, inSchool: 1, knownParents: 1 });
    const r = await t.call('enrollment.commit', { file: await file(apps) });
    expect(r).toMatchObject({ imported: 2, inSchool: 1, parentsLinked: 1 });
    const linked = t.db.raw.prepare("SELECT p.guardian_id, a.sibling FROM enrollment_parent p JOIN enrollment_application a ON a.id = p.application_id WHERE a.reg_number = '2026/1-00501' AND p.position = 1").get() as { guardian_id: string; sibling: number };
    expect(linked).toEqual({ guardian_id: s.gid, sibling: 1 });
    expect(t.db.raw.prepare("SELECT count(*) AS n FROM enrollment_application WHERE reg_number = '2026/1-00500'").get()).toEqual({ n: 0 });
    // No guardian was added: the known one is linked.
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM guardian WHERE last_name = ? AND first_name = ?').get(s.g_last, s.g_first)).toEqual({ n: 1 });
  });
});
