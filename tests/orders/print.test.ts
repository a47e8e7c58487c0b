// Issue 12 point 3: the printed order in the official form (A4 portrait; the school's letterhead,
// «ПРИКАЗ», date and number, the title, the preamble, «ПРИКАЗЫВАЮ:», the numbered list with classes
// and dates, the basis, the director's line, «С приказом ознакомлены:»); a draft watermarked «ПРОЕКТ».
// Pages rendered to tests/artifacts/orders/ to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempCore } from '../support/core';
import { resultBytes } from '../support/files';
import type { ExportedFile } from '../../electron/api/types';

const ART = join(import.meta.dirname, '../artifacts/orders');
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
const pageSize = (path: string) => /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))!.slice(1).map(Number);
const render = (path: string) => execFileSync('pdftoppm', ['-png', '-r', '60', path, path.replace(/\.pdf$/, '')]);

describe('the printed order', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  const ids: Record<string, string> = {};
  const save = (file: ExportedFile, name: string) => {
    const path = join(ART, name);
    writeFileSync(path, resultBytes(t.ctx.session, file));
    render(path);
    return path;
  };

  beforeAll(async () => {
    mkdirSync(ART, { recursive: true });
    t = await tempCore(() => new Date('2026-11-25T09:00:00Z'));
    const director = await t.call('staff.save', {
      lastName: 'Соколова', firstName: 'Елена', middleName: 'Викторовна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
      position: 'Директор', roles: ['director'], deputyGrades: [], subjects: [], rateHours: 0,
    });
    const teacher = await t.call('staff.save', {
      lastName: 'Петрова', firstName: 'Анна', middleName: 'Ивановна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
      position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects: [], rateHours: 18,
    });
    await t.call('school.save', {
      fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5» г. Тулы', shortName: 'МБОУ «СОШ № 5»',
      inn: '7105012345', address: '300041, г. Тула, ул. Советская, д. 10', phone: '8 (4872) 31-22-33', email: 'school5@tula.ru', directorId: director.id,
    });
    await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
    const c8 = await t.call('classes.save', { grade: 8, letter: 'А', shift: 1, classTeacherId: teacher.id });
    ids.c8 = c8.id;
    const arrival = await t.call('orders.arrival', {
      student: { lastName: 'Игнатьев', firstName: 'Олег', middleName: 'Сергеевич', birthDate: '2012-03-14', gender: 'm', snils: null, address: null, personalFileNo: null, guardians: [] },
      schoolFrom: 'МБОУ «Гимназия № 2» г. Тулы', classToId: c8.id, effectiveDate: '2026-11-20', date: '2026-11-19', basis: null,
    });
    ids.draft = arrival.id;
    const other = await t.call('students.save', { lastName: 'Ёлкина', firstName: 'Дарья', middleName: 'Андреевна', birthDate: '2012-07-01', gender: 'f', guardians: [] });
    const signed = await t.call('orders.save', {
      kind: 'transfer_in', date: '2026-11-10', title: 'О зачислении в порядке перевода', preamble: arrival.preamble, basis: 'Заявление матери Ёлкиной И. П. от 09.11.2026, личное дело обучающейся',
      items: [{ studentId: other.id, classToId: c8.id, effectiveDate: '2026-11-10', schoolFrom: 'МАОУ «Лицей № 1» г. Калуги' }],
    });
    await t.call('orders.sign', { id: signed.id });
    ids.signed = signed.id;
  }, 120_000);
  afterAll(() => t?.cleanup());

  it('a signed order: the official form, A4 portrait, its number and date, the list, the director', async () => {
    const path = save(await t.call('orders.print', { id: ids.signed! }), 'приказ-подписан.pdf');
    const [w, h] = pageSize(path);
    expect(w!).toBeLessThan(h!); // portrait
    expect(Math.round(w!)).toBe(595);
    const text = pdfText(path);
    for (const line of [
      'Муниципальное бюджетное общеобразовательное учреждение',
      'ПРИКАЗ',
      '10.11.2026',
      '№ 1-зп',
      'О зачислении в порядке перевода',
      'ПРИКАЗЫВАЮ:',
      '1. Зачислить в порядке перевода из другой образовательной организации:',
      '1.1. Ёлкина Дарья Андреевна, 01.07.2012 г. р., — в 8А класс с 10.11.2026, прибывшего(-ую) из МАОУ «Лицей № 1» г. Калуги.',
      'Основание: Заявление матери Ёлкиной И. П. от 09.11.2026, личное дело обучающейся.',
      'Директор',
      'Е. В. Соколова',
      'С приказом ознакомлены:',
      'А. И. Петрова',
    ])
      expect(text.replace(/\s+/g, ' ')).toContain(line);
    expect(execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).not.toContain('ПРОЕКТ');
  });

  it('a draft prints watermarked «ПРОЕКТ», without a number', async () => {
    const path = save(await t.call('orders.print', { id: ids.draft! }), 'приказ-проект.pdf');
    const text = pdfText(path);
    // The diagonal watermark comes out of the PDF one letter a line.
    expect(execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain('ПРОЕКТ');
    expect(text).toContain('№ ______');
    expect(text.replace(/\s+/g, ' ')).toContain('Игнатьев Олег Сергеевич, 14.03.2012 г. р., — в 8А класс с 20.11.2026');
  });
});
