import ExcelJS from 'exceljs';

/** An XLSX file as a school would send it: a header row, then one row per record. */
export async function xlsx(headers: string[], rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const STUDENT_HEADERS = ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'СНИЛС', 'Класс', 'ФИО матери', 'Телефон матери'];
