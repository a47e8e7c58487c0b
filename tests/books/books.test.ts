// The secretary's books (issue 12 point 4) on the demo school, with a transfer out of 7Б on
// 10.11.2026, an arrival by transfer into 8А on 20.11.2026 and a move 8Б → 8А on 16.11.2026, each
// written as signing leaves it (tests/books/signing.ts): the alphabetical book, the movement book,
// «Сведения о прибывших и выбывших» for November, the summary and the class lists agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { demoCore } from '../support/core';
import { resultBytes } from '../support/files';
import { newcomer, signOrderAsSigningWould } from './signing';
import type { ExportedFile } from '../../electron/api/types';
import type { SummaryRow } from '../../electron/api/books';

const NOW = () => new Date('2026-12-01T09:00:00Z');
const NOV = { from: '2026-11-01', to: '2026-11-30' };
const ART = join(import.meta.dirname, '../artifacts/books');
const adds = (r: SummaryRow) => expect(r.end, r.label).toBe(r.start + r.arrived - r.left + r.movedIn - r.movedOut);

describe('books: alphabetical, movement, arrivals and departures, summary (issue 12)', () => {
  let t: Awaited<ReturnType<typeof demoCore>>;
  const cls = async (name: string) => (await t.call('classes.list')).find((c) => c.name === name)!;
  let leaver: { id: string; fullName: string; fileNo: string };
  let mover: { id: string; fullName: string };
  let arrivalId: string;
  let outOrder: string;
  const members = (classId: string, day: string) =>
    t.db.all(
      t.db.q
        .selectFrom('class_membership')
        .select('student_id')
        .where('class_id', '=', classId)
        .where('deleted_at', 'is', null)
        .where('date_from', '<=', day)
        .where((eb) => eb.or([eb('date_to', 'is', null), eb('date_to', '>', day)])),
    ).map((r) => r.student_id);

  beforeAll(async () => {
    t = await demoCore(400, NOW);
    mkdirSync(ART, { recursive: true });
    const c7b = await cls('7Б');
    const c8a = await cls('8А');
    const c8b = await cls('8Б');
    expect(c7b && c8a && c8b, 'the demo school has 7Б, 8А and 8Б').toBeTruthy();
    const in7b = (await t.call('students.list', { classId: c7b.id, sort: 'name', limit: 100 })).rows;
    const in8b = (await t.call('students.list', { classId: c8b.id, sort: 'name', limit: 100 })).rows;
    const l = in7b[0]!;
    leaver = { id: l.id, fullName: l.fullName, fileNo: t.db.first(t.db.q.selectFrom('student').select('personal_file_no').where('id', '=', l.id))!.personal_file_no! };
    mover = { id: in8b[0]!.id, fullName: in8b[0]!.fullName };
    outOrder = signOrderAsSigningWould(t.ctx, {
      kind: 'transfer_out',
      number: 3,
      date: '2026-11-09',
      items: [{ studentId: leaver.id, classFromId: c7b.id, effectiveDate: '2026-11-10', schoolTo: 'МБОУ «СОШ № 12», г. Тверь', reason: 'перевод в другую образовательную организацию' }],
    });
    signOrderAsSigningWould(t.ctx, { kind: 'class_transfer', number: 1, date: '2026-11-16', items: [{ studentId: mover.id, classFromId: c8b.id, classToId: c8a.id, effectiveDate: '2026-11-16' }] });
    arrivalId = newcomer(t.ctx, { last: 'Иванов', first: 'Пётр', middle: 'Сергеевич', birth: '2012-05-14', address: 'г. Тверь, ул. Советская, д. 5, кв. 12' });
    signOrderAsSigningWould(t.ctx, {
      kind: 'transfer_in',
      number: 4,
      date: '2026-11-19',
      items: [{ studentId: arrivalId, classToId: c8a.id, effectiveDate: '2026-11-20', schoolFrom: 'МБОУ «Гимназия № 2», г. Курск' }],
    });
  }, 240_000);
  afterAll(() => t?.cleanup());

  it('the alphabetical book: everyone, those who left too, per letter with its own numbering', async () => {
    const book = await t.call('books.alphabet');
    const all = book.letters.flatMap((l) => l.entries);
    expect(book.total).toBe(401);
    expect(all).toHaveLength(401);
    expect(book.left).toBe(1);
    // Letters in alphabetical order; within a letter the entry numbers ascend, all of that letter, none repeated.
    const letters = book.letters.map((l) => l.letter);
    expect(letters).toEqual([...letters].sort(new Intl.Collator('ru').compare));
    for (const l of book.letters) {
      const numbers = l.entries.map((e) => e.number);
      expect(numbers).toEqual([...numbers].sort((a, b) => a! - b!));
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const e of l.entries) expect(e.fileNo).toBe(`${l.letter}-${e.number}`);
    }
    const gone = all.find((e) => e.studentId === leaver.id)!;
    expect(gone).toMatchObject({
      fileNo: leaver.fileNo,
      entryClass: '7Б',
      entryDate: '2026-09-01',
      entryOrder: null,
      leftDate: '2026-11-10',
      leftReason: 'перевод в другую образовательную организацию',
      wentTo: 'МБОУ «СОШ № 12», г. Тверь',
      currentClass: null,
    });
    expect(gone.leftOrder).toMatchObject({ kind: 'transfer_out', text: 'от 09.11.2026 № 3-оп' });
    expect(gone.parents).not.toBe('');
    const came = all.find((e) => e.studentId === arrivalId)!;
    const iLetter = book.letters.find((l) => l.letter === 'И')!;
    expect(iLetter.entries.at(-1)!.studentId).toBe(arrivalId); // the newest entry of «И»
    expect(came).toMatchObject({ fullName: 'Иванов Пётр Сергеевич', entryClass: '8А', entryDate: '2026-11-20', cameFrom: 'МБОУ «Гимназия № 2», г. Курск', leftDate: null, currentClass: '8А' });
    expect(came.entryOrder?.text).toBe('от 19.11.2026 № 4-зп');
    // The mover's entry is the class they came into first; they never left.
    expect(all.find((e) => e.studentId === mover.id)).toMatchObject({ entryClass: '8Б', leftDate: null, currentClass: '8А' });
  });

  it('the old membership is closed by the order, not erased', () => {
    const rows = t.db.all(t.db.q.selectFrom('class_membership').selectAll().where('student_id', '=', leaver.id).where('deleted_at', 'is', null));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ date_from: '2026-09-01', date_to: '2026-11-10', closed_order_id: outOrder });
  });

  it('the movement book, the arrivals and departures of November, the summary and the class lists of 12.11.2026 agree', async () => {
    const book = await t.call('books.movement', NOV);
    const rep = await t.call('books.arrivals', NOV);
    const sum = await t.call('books.summary', NOV);
    const c7b = book.classes.find((c) => c.className === '7Б')!;
    expect(c7b.rows).toHaveLength(1);
    expect(c7b.rows[0]).toMatchObject({ studentId: leaver.id, kind: 'left', date: '2026-11-10', place: 'МБОУ «СОШ № 12», г. Тверь', reason: 'перевод в другую образовательную организацию' });
    expect(c7b.rows[0]!.order?.text).toBe('от 09.11.2026 № 3-оп');
    expect(c7b.end).toBe(c7b.start - 1);
    const c8a = book.classes.find((c) => c.className === '8А')!;
    expect(c8a.rows.map((r) => [r.kind, r.date, r.otherClass])).toEqual([
      ['moved_in', '2026-11-16', '8Б'],
      ['arrived', '2026-11-20', null],
    ]);
    expect(c8a.end).toBe(c8a.start + 2);
    expect(book.classes.find((c) => c.className === '8Б')!.rows.map((r) => [r.kind, r.otherClass])).toEqual([['moved_out', '8А']]);
    // Other classes: no movement.
    expect(book.classes.filter((c) => c.rows.length).map((c) => c.className).sort()).toEqual(['7Б', '8А', '8Б']);

    // Arrivals and departures: the move between classes is not counted.
    expect(rep.rows.map((r) => [r.fullName, r.kind, r.className, r.date, r.order?.text, r.place])).toEqual([
      [leaver.fullName, 'left', '7Б', '2026-11-10', 'от 09.11.2026 № 3-оп', 'МБОУ «СОШ № 12», г. Тверь'],
      ['Иванов Пётр Сергеевич', 'arrived', '8А', '2026-11-20', 'от 19.11.2026 № 4-зп', 'МБОУ «Гимназия № 2», г. Курск'],
    ]);
    expect(rep.rows[1]!.address).toBe('г. Тверь, ул. Советская, д. 5, кв. 12');
    expect([rep.arrived, rep.left]).toEqual([1, 1]);

    // The summary: each row adds up, the school's moves inside cancel out, its totals match the report.
    for (const r of [...sum.classes, ...sum.parallels, sum.total]) adds(r);
    const row = (n: string) => sum.classes.find((c) => c.label === n)!;
    expect(row('7Б')).toMatchObject({ start: c7b.start, arrived: 0, left: 1, movedIn: 0, movedOut: 0, end: c7b.start - 1 });
    expect(row('8А')).toMatchObject({ arrived: 1, left: 0, movedIn: 1, movedOut: 0 });
    expect(row('8Б')).toMatchObject({ movedOut: 1, movedIn: 0 });
    expect(sum.parallels.find((p) => p.grade === 8)).toMatchObject({ arrived: 1, movedIn: 1, movedOut: 1 });
    expect(sum.total).toMatchObject({ start: 400, arrived: 1, left: 1, movedIn: 1, movedOut: 1, end: 400 });

    // The class lists of 12.11.2026: 7Б without the leaver (the summary up to that day says as many), 8А before the moves.
    const dec = await t.call('books.summary', { from: '2026-11-01', to: '2026-11-12' });
    for (const name of ['7Б', '8А', '8Б']) {
      const id = (await cls(name)).id;
      expect(dec.classes.find((c) => c.label === name)!.end, name).toBe(members(id, '2026-11-12').length);
    }
    expect(members((await cls('7Б')).id, '2026-11-12')).not.toContain(leaver.id);
    expect(members((await cls('7Б')).id, '2026-11-09')).toContain(leaver.id);
    // The class list as the program shows it today: the leaver is in no class.
    const list7b = (await t.call('students.list', { classId: (await cls('7Б')).id, sort: 'name', limit: 100 })).rows;
    expect(list7b.map((s) => s.id)).not.toContain(leaver.id);
    expect(list7b).toHaveLength(c7b.end);
  });

  it('an earlier period sees none of it; September starts with the whole school (students from before the program)', async () => {
    const oct = await t.call('books.summary', { from: '2026-10-01', to: '2026-10-31' });
    expect(oct.total).toMatchObject({ start: 400, arrived: 0, left: 0, movedIn: 0, movedOut: 0, end: 400 });
    expect((await t.call('books.arrivals', { from: '2026-09-01', to: '2026-10-31' })).rows).toEqual([]);
    const autumn = await t.call('books.summary', { from: '2026-09-01', to: '2026-12-01' });
    expect(autumn.total).toMatchObject({ start: 400, arrived: 1, left: 1, end: 400 });
    for (const r of [...autumn.classes, ...autumn.parallels, autumn.total]) adds(r);
  });

  it('a period that ends before it begins is refused with a message next to its end', async () => {
    await expect(t.call('books.summary', { from: '2026-11-30', to: '2026-11-01' })).rejects.toMatchObject({
      message: 'Конец периода 01.11.2026 раньше его начала 30.11.2026',
      problems: [{ column: 'to' }],
    });
    await expect(t.call('books.pdf', { book: 'movement' })).rejects.toMatchObject({ message: 'Укажите период: начало и конец' });
  });

  describe('printed and exported', () => {
    const save = (file: ExportedFile, name: string) => {
      const path = join(ART, name);
      writeFileSync(path, resultBytes(t.ctx.session, file));
      return path;
    };
    const text = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    const render = (path: string) => execFileSync('pdftoppm', ['-r', '60', '-png', '-l', '4', path, path.replace(/\.pdf$/, '')]);

    it('the alphabetical book as PDF: A4 landscape, a title page, a letter per sheet, numbered sheets', async () => {
      const file = await t.call('books.pdf', { book: 'alphabet' });
      expect(file.fileName).toMatch(/^Алфавитная книга записи обучающихся \d\d\.\d\d\.\d{4}\.pdf$/);
      expect(file.rows).toBe(401);
      const path = save(file, 'alphabet.pdf');
      render(path);
      const doc = await PDFDocument.load(readFileSync(path));
      const MM = 72 / 25.4;
      expect(doc.getPage(0).getWidth()).toBeCloseTo(297 * MM, 0);
      const pages = doc.getPageCount();
      const book = await t.call('books.alphabet');
      expect(pages).toBeGreaterThan(book.letters.length); // the title page, then at least a sheet per letter
      const tx = text(path);
      expect(tx).toContain('Алфавитная книга записи обучающихся');
      expect(tx).toContain('Записей: 401, из них выбыли: 1');
      expect(tx).toContain('Буква «И»');
      expect(tx).toContain(`Лист ${pages} из ${pages}`);
      expect(tx).toMatch(/Иванов Пётр\s/);
      expect(tx).toContain('«Гимназия');
      expect(tx).toContain('10.11.2026;'); // the day of leaving, then the order
      expect(tx).toContain('Директор ____________');
    }, 120_000);

    it('the movement book, the arrivals and departures and the summary as PDF', async () => {
      const mv = text(save(await t.call('books.pdf', { book: 'movement', ...NOV }), 'movement.pdf'));
      expect(mv).toContain('Книга движения учащихся');
      expect(mv).toContain('за период с 01.11.2026 по 30.11.2026');
      expect(mv).toMatch(/Класс 7Б/);
      expect(mv).toMatch(/Выбыл\s+10\.11\.2026\s+МБОУ «СОШ № 12»/);
      render(join(ART, 'movement.pdf'));
      const ar = text(save(await t.call('books.pdf', { book: 'arrivals', ...NOV }), 'arrivals.pdf'));
      render(join(ART, 'arrivals.pdf'));
      expect(ar).toContain('Сведения о прибывших и выбывших');
      expect(ar).toContain('Прибыло: 1 ученик; выбыло: 1 ученик.');
      const sm = text(save(await t.call('books.pdf', { book: 'summary', ...NOV }), 'summary.pdf'));
      render(join(ART, 'summary.pdf'));
      expect(sm).toMatch(/Всего по школе\s+400\s+1\s+1\s+1\s+1\s+400/);
      expect(sm).toMatch(/\n\s*7Б\s+\d+\s+0\s+1\s+0\s+0\s+\d+/);
    }, 120_000);

    it('XLSX of every book, read back by LibreOffice', async () => {
      const paths = [];
      for (const book of ['alphabet', 'movement', 'arrivals', 'summary'] as const) paths.push(save(await t.call('books.xlsx', { book, ...NOV }), `${book}.xlsx`));
      for (const p of paths) rmSync(p.replace(/\.xlsx$/, '.csv'), { force: true });
      execFileSync('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', ART, ...paths], { stdio: 'ignore', timeout: 180_000 });
      const csv = (b: string) => readFileSync(join(ART, `${b}.csv`), 'utf8');
      const alpha = csv('alphabet');
      expect(alpha).toContain('Алфавитная книга записи обучающихся');
      expect(alpha).toMatch(new RegExp(`${leaver.fileNo},${leaver.fullName},`));
      expect(alpha).toContain('Буква «И»');
      expect(csv('arrivals').split('\n').filter((l) => /^\d+,/.test(l))).toHaveLength(2);
      expect(csv('movement')).toContain('Переведён в класс,16.11.2026,из 8Б класса');
      expect(csv('summary')).toMatch(/Всего по школе,400,1,1,1,1,400/);
    }, 240_000);
  });
});
