// The fast .xlsx reader must give exactly what exceljs gives, or step aside (null) for exceljs.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsx, readXlsxWithExcelJS } from '../../electron/import/xlsx';
import { readXlsxFast } from '../../electron/import/xlsxFast';
import { rawXlsx } from '../support/zip';
import { xlsx, STUDENT_HEADERS } from '../support/sheets';

async function sameAsExcelJS(bytes: Buffer): Promise<void> {
  const fast = readXlsxFast(bytes);
  expect(fast, 'the fast reader took the file').not.toBeNull();
  expect(fast).toEqual(await readXlsxWithExcelJS(bytes));
}

async function written(fill: (wb: ExcelJS.Workbook) => void, options?: Partial<ExcelJS.XlsxWriteOptions>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer(options));
}

describe('the fast .xlsx reader', () => {
  it('reads what exceljs writes: texts, numbers, dates, booleans, formulas, rich text, links, errors, gaps', async () => {
    for (const useSharedStrings of [true, false]) {
      const bytes = await written((wb) => {
        const ws = wb.addWorksheet('Ученики');
        ws.addRow(['Фамилия', 'Имя', 'Дата рождения', 'Сумма', 'Да/нет', 'Формула', 'Текст формулы']);
        ws.addRow(['Ёжиков', '  Семён ', new Date(Date.UTC(2015, 1, 28)), 12.5, true, { formula: 'D2*2', result: 25 }, { formula: 'A2&"!"', result: 'Ёжиков!' }]);
        ws.addRow(['Петрова', null, '01.09.2014', 0.1 + 0.2, false, { formula: 'D3', result: undefined }, null]);
        ws.getCell('C3').numFmt = '@';
        ws.addRow([{ richText: [{ text: 'Сидо' }, { text: 'ров', font: { bold: true } }] }, { text: 'ссылка', hyperlink: 'https://example.org' }, { error: '#N/A' }]);
        ws.getCell('C2').numFmt = 'dd.mm.yyyy';
        ws.getCell('J5').value = 'далеко справа';
        ws.getCell('A7').value = 42;
        ws.getCell('B8').value = new Date(Date.UTC(2016, 11, 31));
        ws.getCell('C8').value = 45000;
        ws.getCell('C8').numFmt = '[$-419]d mmmm yyyy;@';
        ws.getCell('D8').value = 45000.75;
        ws.getCell('D8').numFmt = '0.00';
        ws.getCell('E8').value = '<тег> & "кавычки" \'апостроф\'';
      }, { useSharedStrings });
      await sameAsExcelJS(bytes);
    }
  });

  it('takes the first visible sheet, as exceljs does', async () => {
    const bytes = await written((wb) => {
      wb.addWorksheet('Скрытый', { state: 'hidden' }).addRow(['не этот']);
      wb.addWorksheet('Данные').addRow(['Фамилия', 'Имя']);
      wb.addWorksheet('Ещё').addRow(['и не этот']);
    });
    await sameAsExcelJS(bytes);
    expect(readXlsxFast(bytes)![0]!.cells).toEqual(['Фамилия', 'Имя']);
  });

  it('reads the 1904 date system', async () => {
    const bytes = await written((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('Лист1');
      ws.addRow([new Date(Date.UTC(2015, 4, 9))]);
    });
    await sameAsExcelJS(bytes);
    expect(readXlsxFast(bytes)![0]!.cells).toEqual(['09.05.2015']);
  });

  it('reads hand-written parts: entities, phonetic guides, runs, inline strings, empty and formula cells, styles', async () => {
    const bytes = rawXlsx({
      sharedStrings: [
        '<si><t>Фамилия &amp; имя</t></si>',
        '<si><r><rPr><b/></rPr><t xml:space="preserve">Ива</t></r><r><t>нов</t></r><rPh sb="0" eb="1"><t>фонетика</t></rPh></si>',
        '<si><t>&#1025;лкин &#x401;</t></si>',
        '<si/>',
      ],
      numFmts: '<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;d&quot;0.00"/>',
      xfs:
        '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="2"/><xf numFmtId="21"/>',
      sheets: [
        {
          data:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
            '<row r="2"><c r="A2" s="1"><v>42000</v></c><c r="B2" s="2"><v>42000.5</v></c><c r="C2" s="3"><v>1.5</v></c><c r="D2" s="4"><v>3.14159</v></c><c r="E2" s="5"><v>0.25</v></c></row>' +
            '<row r="3"><c r="A3" t="inlineStr"><is><t>Встроенная &lt;строка&gt;</t></is></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#DIV/0!</v></c><c r="D3" t="str"><f>A3</f><v>a &amp;amp; b</v></c></row>' +
            '<row r="4"><c r="A4" s="1"/><c r="B4"><f>1+1</f></c></row>' +
            '<row r="5" spans="1:3"></row><row r="6"/>' +
            '<row r="7"><c r="C7" t="str"><v>просто &amp;lt;str&amp;gt;</v></c><c r="AA7"><v>1E-3</v></c></row>',
        },
      ],
    });
    await sameAsExcelJS(bytes);
  });

  it('steps aside for what it does not read, and exceljs reads it', async () => {
    const merged = rawXlsx({ sharedStrings: ['<si><t>Класс</t></si>'], sheets: [{ data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', extra: '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>' }] });
    const isoDate = rawXlsx({ sheets: [{ data: '<row r="1"><c r="A1" t="d"><v>2015-02-28T00:00:00Z</v></c></row>' }] });
    const noRef = rawXlsx({ sheets: [{ data: '<row r="1"><c t="inlineStr"><is><t>без адреса</t></is></c></row>' }] });
    for (const bytes of [merged, isoDate]) {
      expect(readXlsxFast(bytes)).toBeNull();
      expect(await readXlsx(bytes)).toEqual(await readXlsxWithExcelJS(bytes));
    }
    // Neither reads cells without addresses: the file is refused with the usual message.
    expect(readXlsxFast(noRef)).toBeNull();
    await expect(readXlsx(noRef)).rejects.toThrow(/Не удалось прочитать файл Excel/);
    expect(readXlsxFast(Buffer.from('not a zip at all'))).toBeNull();
  });

  it('reads a 5000-row list exactly as exceljs does', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`Фамилия${i}`, 'Имя', i % 3 ? 'Отчество' : null, new Date(Date.UTC(2010 + (i % 8), i % 12, 1 + (i % 28))), i % 2 ? 'м' : 'ж', null, `${1 + (i % 11)}А`, 'Мать Мария Ивановна', `+7 900 ${String(i).padStart(7, '0')}`]);
    await sameAsExcelJS(await xlsx(STUDENT_HEADERS, rows));
  });
});
