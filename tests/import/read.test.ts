import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ImportFormatError, readSpreadsheet } from '../../electron/import';
import { encode1251 } from './helpers';

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

describe('readSpreadsheet: CSV', () => {
  it('reads UTF-8 with BOM', async () => {
    const sheet = await readSpreadsheet(withBom('Фамилия;Имя;Класс\r\nИванов;Иван;5А\r\nПетрова;Ёлка;5Б\r\n'), 'list.csv');
    expect(sheet.headers).toEqual(['Фамилия', 'Имя', 'Класс']);
    expect(sheet.rows).toEqual([
      ['Иванов', 'Иван', '5А'],
      ['Петрова', 'Ёлка', '5Б'],
    ]);
    expect(sheet.rowNumbers).toEqual([2, 3]);
    expect(sheet.headerRowNumber).toBe(1);
  });

  it('reads UTF-8 without BOM', async () => {
    const sheet = await readSpreadsheet(utf8('Фамилия;Имя\nСемёнов;Пётр'), 'list.CSV');
    expect(sheet.rows).toEqual([['Семёнов', 'Пётр']]);
  });

  it('reads Windows-1251', async () => {
    const bytes = encode1251('Фамилия;Имя;Отчество;Класс\r\nЁжиков;Семён;Алексеевич;5а\r\nЯковлева;Юлия;;11Б\r\n');
    const sheet = await readSpreadsheet(bytes, 'ученики.csv');
    expect(sheet.headers).toEqual(['Фамилия', 'Имя', 'Отчество', 'Класс']);
    expect(sheet.rows).toEqual([
      ['Ёжиков', 'Семён', 'Алексеевич', '5а'],
      ['Яковлева', 'Юлия', '', '11Б'],
    ]);
  });

  it('handles quotes, embedded delimiters, doubled quotes and newlines in a semicolon file', async () => {
    const text =
      'ФИО;Адрес;Класс;Примечание\n' +
      '"Иванов Иван";"г. Москва; ул. Ленина, д. 1";"5""А""";"строка 1\nстрока 2"\n' +
      'Петров Пётр;"ул. ""Мира"", 2";5Б;\n';
    const sheet = await readSpreadsheet(utf8(text), 'a.csv');
    expect(sheet.headers).toEqual(['ФИО', 'Адрес', 'Класс', 'Примечание']);
    expect(sheet.rows).toEqual([
      ['Иванов Иван', 'г. Москва; ул. Ленина, д. 1', '5"А"', 'строка 1\nстрока 2'],
      ['Петров Пётр', 'ул. "Мира", 2', '5Б', ''],
    ]);
    expect(sheet.rowNumbers).toEqual([2, 3]);
  });

  it('detects comma and tab delimiters', async () => {
    const comma = await readSpreadsheet(utf8('Фамилия,Имя,Класс\nИванов,Иван,5А\n'), 'a.csv');
    expect(comma.rows).toEqual([['Иванов', 'Иван', '5А']]);
    const tab = await readSpreadsheet(utf8('Фамилия\tИмя\tКласс\nИванов\tИван, мл.\t5А\n'), 'a.txt');
    expect(tab.rows).toEqual([['Иванов', 'Иван, мл.', '5А']]);
  });

  it('honours an Excel «sep=» line', async () => {
    const sheet = await readSpreadsheet(utf8('sep=,\r\nФамилия,Имя;Отчество\r\nИванов,Иван;Иванович\r\n'), 'a.csv');
    expect(sheet.headers).toEqual(['Фамилия', 'Имя;Отчество']);
    expect(sheet.rows).toEqual([['Иванов', 'Иван;Иванович']]);
    expect(sheet.rowNumbers).toEqual([2]);
  });

  it('prefers the consistent delimiter when a header contains commas', async () => {
    const sheet = await readSpreadsheet(utf8('Фамилия, имя, отчество;Класс\nИванов Иван Иванович;5А\n'), 'a.csv');
    expect(sheet.headers).toEqual(['Фамилия, имя, отчество', 'Класс']);
  });

  it('trims and collapses spaces, skips empty rows and keeps real row numbers', async () => {
    const text = 'Фамилия;Имя\n  Иванов   ;\u00a0Иван \n;\n\nПетров;Пётр\n';
    const sheet = await readSpreadsheet(utf8(text), 'a.csv');
    expect(sheet.rows).toEqual([
      ['Иванов', 'Иван'],
      ['Петров', 'Пётр'],
    ]);
    expect(sheet.rowNumbers).toEqual([2, 5]);
  });

  it('finds the header row below a title', async () => {
    const text = 'Список учащихся 5А класса\n\nФамилия;Имя;Дата рождения\nИванов;Иван;01.02.2015\n';
    const sheet = await readSpreadsheet(utf8(text), 'a.csv');
    expect(sheet.headerRowNumber).toBe(3);
    expect(sheet.headers).toEqual(['Фамилия', 'Имя', 'Дата рождения']);
    expect(sheet.rowNumbers).toEqual([4]);
  });

  it('rejects an empty file', async () => {
    await expect(readSpreadsheet(utf8(' ; \n\n'), 'a.csv')).rejects.toThrow('Файл пуст');
  });
});

describe('readSpreadsheet: XLSX', () => {
  async function build(fill: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('Ученики'));
    wb.addWorksheet('Другой').getCell('A1').value = 'не читать';
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('reads cell values as text', async () => {
    const bytes = await build((ws) => {
      ws.addRow(['Фамилия', 'Имя', 'Дата рождения', 'СНИЛС', 'Ставка', 'Класс', 'Телефон']);
      const r = ws.addRow([
        { richText: [{ text: 'Ива' }, { text: 'нов', font: { bold: true } }] },
        'Иван',
        new Date(Date.UTC(2015, 2, 5)),
        11223344595,
        18,
        { formula: '"5"&"А"', result: '5А' },
        { text: '+7 912 345-67-89', hyperlink: 'tel:+79123456789' },
      ]);
      r.getCell(3).numFmt = 'dd.mm.yyyy';
      ws.addRow(['Петров', 'Пётр', '05.03.2014', '', 0.5, '5Б', true]);
    });
    const sheet = await readSpreadsheet(bytes, 'Список.xlsx');
    expect(sheet.headers).toEqual(['Фамилия', 'Имя', 'Дата рождения', 'СНИЛС', 'Ставка', 'Класс', 'Телефон']);
    expect(sheet.rows).toEqual([
      ['Иванов', 'Иван', '05.03.2015', '11223344595', '18', '5А', '+7 912 345-67-89'],
      ['Петров', 'Пётр', '05.03.2014', '', '0.5', '5Б', 'да'],
    ]);
    expect(sheet.rowNumbers).toEqual([2, 3]);
  });

  it('skips empty rows but keeps the real row numbers', async () => {
    const bytes = await build((ws) => {
      ws.getCell('A1').value = 'Фамилия';
      ws.getCell('B1').value = 'Имя';
      ws.getCell('A2').value = 'Иванов';
      ws.getCell('B2').value = 'Иван';
      ws.getCell('A3').value = '   ';
      ws.getCell('B5').value = 'Пётр';
      ws.getCell('A5').value = 'Петров';
    });
    const sheet = await readSpreadsheet(bytes, 'a.xlsx');
    expect(sheet.rows).toEqual([
      ['Иванов', 'Иван'],
      ['Петров', 'Пётр'],
    ]);
    expect(sheet.rowNumbers).toEqual([2, 5]);
  });

  it('gives every cell of a merged range the merged value', async () => {
    const bytes = await build((ws) => {
      ws.addRow(['Фамилия', 'Класс']);
      ws.addRow(['Иванов', '5А']);
      ws.addRow(['Петров']);
      ws.mergeCells('B2:B3');
    });
    const sheet = await readSpreadsheet(bytes, 'a.xlsx');
    expect(sheet.rows).toEqual([
      ['Иванов', '5А'],
      ['Петров', '5А'],
    ]);
  });

  it('reads the first visible sheet, with the header below a title', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('Справочник');
    hidden.state = 'hidden';
    hidden.getCell('A1').value = 'служебный';
    const ws = wb.addWorksheet('Список');
    ws.getCell('A1').value = 'Список сотрудников';
    ws.addRow([]);
    ws.getRow(3).values = ['ФИО', 'Должность'];
    ws.getRow(4).values = ['Петрова Анна', 'учитель'];
    const sheet = await readSpreadsheet(new Uint8Array(await wb.xlsx.writeBuffer()), 'a.xlsx');
    expect(sheet.headerRowNumber).toBe(3);
    expect(sheet.headers).toEqual(['ФИО', 'Должность']);
    expect(sheet.rows).toEqual([['Петрова Анна', 'учитель']]);
    expect(sheet.rowNumbers).toEqual([4]);
  });

  it('reads a 5000-row workbook', async () => {
    const bytes = await build((ws) => {
      ws.addRow(['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'СНИЛС', 'Класс', 'ФИО матери', 'Телефон матери']);
      for (let i = 0; i < 5000; i++) {
        ws.addRow([`Иванов${i}`, 'Иван', 'Иванович', new Date(Date.UTC(2012, i % 12, 1 + (i % 28))), 11223344595, '5А', 'Иванова Мария', 89123456789]);
      }
    });
    const sheet = await readSpreadsheet(bytes, 'big.xlsx');
    expect(sheet.rows).toHaveLength(5000);
    expect(sheet.rows[4999]).toEqual(['Иванов4999', 'Иван', 'Иванович', '16.08.2012', '11223344595', '5А', 'Иванова Мария', '89123456789']);
    expect(sheet.rowNumbers[4999]).toBe(5001);
  }, 20_000);

  it('reports a damaged file in Russian', async () => {
    await expect(readSpreadsheet(utf8('not a zip'), 'a.xlsx')).rejects.toThrow(ImportFormatError);
    await expect(readSpreadsheet(utf8('not a zip'), 'a.xlsx')).rejects.toThrow('Не удалось прочитать файл Excel');
  });
});

describe('readSpreadsheet: unsupported files', () => {
  it('rejects unknown extensions and damaged .xls files with Russian messages', async () => {
    await expect(readSpreadsheet(utf8('x'), 'list.pdf')).rejects.toThrow(ImportFormatError);
    await expect(readSpreadsheet(utf8('x'), 'list.pdf')).rejects.toThrow('Неподдерживаемый тип файла «list.pdf»');
    await expect(readSpreadsheet(utf8('x'), 'list')).rejects.toThrow('Неподдерживаемый тип файла');
    await expect(readSpreadsheet(utf8('x'), 'list.xls')).rejects.toThrow('Не удалось прочитать файл Excel 97–2003 (.xls)');
  });
});
