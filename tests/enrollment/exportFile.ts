// A realistic export of the enrollment module («Зачисление в ОО», issue 12), with the messiness of
// real files: a title and merged group headers above the real header, extra columns, statuses in
// several wordings, ё, extra spaces, dates as text (dd.mm.yyyy, yyyy-mm-dd) and as Excel dates
// (date cells, and bare serial numbers). Written as XLSX (exceljs), .xls (LibreOffice converts the
// XLSX) and CSV in Windows-1251 with «;».
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { snilsControl } from '../../electron/import/snils';
import { prng } from '../backup/crash-shared';

export type Cell = string | number | Date | null;

export const HEADERS = [
  '№ п/п',
  'Рег. номер заявления',
  'Дата и время подачи',
  'Статус заявления',
  'Льгота',
  'Брат/сестра в ОО',
  'ФИО ребёнка',
  'Дата  рождения',
  'Пол',
  'СНИЛС ребёнка',
  'Свидетельство о рождении',
  'Адрес проживания',
  'Проживает на закреплённой территории',
  'Потребность в адаптированной программе',
  'ФИО заявителя',
  'Кем приходится заявитель',
  'Телефон заявителя',
  'E-mail заявителя',
  'ФИО второго родителя',
  'Телефон второго родителя',
  'Образовательная организация',
  'Комментарий',
] as const;
export const COL = Object.fromEntries(HEADERS.map((h, i) => [h, i])) as Record<(typeof HEADERS)[number], number>;

export const ENROLLABLE_WORDINGS = ['Принято к рассмотрению', 'принято к  рассмотрению', 'ПРИНЯТО К РАССМОТРЕНИЮ', 'Зачислить', 'Направлен на зачисление', 'Рекомендован к зачислению'];
export const OTHER_WORDINGS = ['Черновик', 'Отказано в зачислении', 'Отозвано заявителем', 'Ожидает предоставления документов', 'Зачислен'];

const BOYS = ['Артём', 'Фёдор', 'Пётр', 'Семён', 'Иван', 'Михаил', 'Лев', 'Матвей', 'Алексей', 'Глеб'];
const GIRLS = ['Алёна', 'Софья', 'Анна', 'Мария', 'Варвара', 'Ксения', 'Полина', 'Дарья', 'Алиса', 'Ева'];
const SURNAMES = ['Семёнов', 'Королёв', 'Фёдоров', 'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Соловьёв', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков', 'Зайцев', 'Журавлёв'];
const FATHERS = ['Андрей', 'Сергей', 'Дмитрий', 'Алексей', 'Пётр', 'Николай', 'Фёдор', 'Олег'];
const WOMEN = ['Елена', 'Ольга', 'Наталья', 'Татьяна', 'Алёна', 'Юлия', 'Ирина'];
const STREETS = ['ул. Берёзовая', 'ул. Ленина', 'пр. Мира', 'ул. Садовая', 'ул. Щорса'];

const fem = (surname: string) => (/(ов|ёв|ев|ин)$/.test(surname) ? `${surname}а` : surname);
const patronymic = (father: string, girl: boolean) => {
  const base = father === 'Пётр' ? 'Петров' : father === 'Алексей' ? 'Алексеев' : father === 'Сергей' ? 'Сергеев' : father === 'Андрей' ? 'Андреев' : father === 'Николай' ? 'Николаев' : `${father}ов`;
  return girl ? `${base}на` : `${base}ич`;
};

function snils(n: number): string {
  const nine = String(100000000 + n * 7919).slice(0, 9);
  const control = String(snilsControl(nine)).padStart(2, '0');
  return `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6, 9)} ${control}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const ru = (d: Date) => `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const serial = (d: Date) => Math.round(d.getTime() / 86400000) + 25569;

export interface Application {
  regNumber: string;
  status: string;
  enrollable: boolean;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  cells: Cell[];
}

export interface Options {
  /** The first application's number (1-based) and how many. */
  from?: number;
  count: number;
  /** 'YYYY-MM-DD': the children are 6 to 7 years old on it. */
  today: string;
  seed?: number;
}

/** The applications from..from+count-1: every fourth-ish in a status that does not allow enrollment. */
export function applications(o: Options): Application[] {
  const from = o.from ?? 1;
  const out: Application[] = [];
  const todayMs = Date.parse(`${o.today}T00:00:00Z`);
  for (let n = from; n < from + o.count; n++) {
    const r = prng((o.seed ?? 12) * 100003 + n);
    const girl = r() < 0.5;
    const surnameM = SURNAMES[Math.floor(r() * SURNAMES.length)]!;
    const surname = girl ? fem(surnameM) : surnameM;
    const first = (girl ? GIRLS : BOYS)[Math.floor(r() * 10)]!;
    const father = FATHERS[Math.floor(r() * FATHERS.length)]!;
    const middle = patronymic(father, girl);
    const birth = new Date(todayMs - Math.floor((6 + r()) * 365.25) * 86400000);
    const applied = new Date(Date.UTC(Number(o.today.slice(0, 4)), 3, 1 + (n % 28), 9 + (n % 8), (n * 7) % 60));
    const enrollable = n % 4 !== 0;
    const status = enrollable ? ENROLLABLE_WORDINGS[n % ENROLLABLE_WORDINGS.length]! : OTHER_WORDINGS[n % OTHER_WORDINGS.length]!;
    const mother = `${fem(surnameM)} ${WOMEN[n % WOMEN.length]} ${patronymic(FATHERS[(n + 3) % FATHERS.length]!, true)}`;
    const dad = `${surnameM} ${father} ${patronymic(FATHERS[(n + 5) % FATHERS.length]!, false)}`;
    const applicantIsMother = n % 3 !== 0;
    // Dates as the module writes them: text, ISO text, an Excel date cell, a bare serial number.
    const birthCell: Cell = n % 4 === 0 ? ru(birth) : n % 4 === 1 ? iso(birth) : n % 4 === 2 ? birth : serial(birth);
    const appliedCell: Cell = n % 2 ? `${ru(applied)} ${pad2(applied.getUTCHours())}:${pad2(applied.getUTCMinutes())}` : applied;
    const regNumber = `${o.today.slice(0, 4)}/1-${String(n).padStart(5, '0')}`;
    const cells: Cell[] = [
      n,
      regNumber,
      appliedCell,
      status,
      n % 17 === 0 ? 'Первоочередное' : n % 23 === 0 ? 'внеочередное' : n % 13 === 0 ? 'Преимущественное право' : '',
      n % 13 === 0 ? 'да' : 'нет',
      n % 9 === 0 ? `  ${surname}   ${first} ${middle} ` : `${surname} ${first} ${middle}`,
      birthCell,
      girl ? (n % 2 ? 'Ж' : 'женский') : n % 2 ? 'м' : 'Мужской',
      n % 5 === 0 ? null : snils(n),
      `${['I', 'II', 'III', 'IV'][n % 4]}-ЛО ${String(100000 + n * 37).slice(0, 6)}`,
      `г. Вологда, ${STREETS[n % STREETS.length]}, д. ${1 + (n % 40)}, кв. ${n}`,
      n % 6 === 0 ? 'нет' : 'да',
      n % 19 === 0 ? 'да' : 'нет',
      applicantIsMother ? mother : dad,
      applicantIsMother ? 'мать' : 'отец',
      `8 (9${pad2(n % 100)}) 5${pad2((n * 3) % 100)}-${pad2(n % 100)}-${pad2((n * 11) % 100)}`,
      n % 2 ? `parent${n}@example.ru` : null,
      applicantIsMother ? dad : mother,
      n % 3 ? `+7 9${pad2((n + 1) % 100)} 6${pad2(n % 100)} ${pad2(n % 97)} ${pad2(n % 89)}` : null,
      'МБОУ «СОШ № 5»',
      n % 10 === 0 ? 'Документы проверены' : null,
    ];
    out.push({ regNumber, status, enrollable, lastName: surname, firstName: first, middleName: middle, birthDate: iso(birth), cells });
  }
  return out;
}

/** The sheet: a title, the export date, the merged group headers, the real header, the applications. */
export function sheetRows(apps: Application[], today: string): Cell[][] {
  const groups: Cell[] = HEADERS.map(() => null);
  groups[1] = 'Заявление';
  groups[6] = 'Сведения о ребёнке';
  groups[14] = 'Сведения о заявителе';
  groups[18] = 'Второй родитель (законный представитель)';
  return [['Реестр заявлений о приёме в 1 класс'], [`Дата выгрузки: ${today.split('-').reverse().join('.')}`], groups, [...HEADERS], ...apps.map((a) => a.cells)];
}

export async function xlsxBytes(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Заявления');
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    r.forEach((v, c) => {
      if (v === null) return;
      const cell = row.getCell(c + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = v.getUTCHours() || v.getUTCMinutes() ? 'dd.mm.yyyy hh:mm' : 'dd.mm.yyyy';
    });
  });
  ws.mergeCells(1, 1, 1, 8);
  ws.mergeCells(3, 2, 3, 6);
  ws.mergeCells(3, 7, 3, 14);
  ws.mergeCells(3, 15, 3, 18);
  ws.mergeCells(3, 19, 3, 20);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The XLSX as LibreOffice saves it in the old format (Excel 97–2003, BIFF8). */
export function xlsBytes(xlsx: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'enroll-xls-'));
  try {
    writeFileSync(join(dir, 'заявления.xlsx'), xlsx);
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xls', '--outdir', dir, join(dir, 'заявления.xlsx')], { stdio: 'ignore', timeout: 180_000 });
    return readFileSync(join(dir, 'заявления.xls'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CP1251: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb, '—': 0x97, '–': 0x96 };
/** Text in Windows-1251, as Excel saves «CSV (разделители — точка с запятой)» on a Russian Windows. */
export function cp1251(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0);
    else if (CP1251[ch] !== undefined) out.push(CP1251[ch]);
    else throw new Error(`no cp1251 for ${ch}`);
  }
  return Buffer.from(out);
}

export function csvBytes(rows: Cell[][]): Buffer {
  const text = (v: Cell) => (v === null ? '' : v instanceof Date ? ru(v) + (v.getUTCHours() ? ` ${pad2(v.getUTCHours())}:${pad2(v.getUTCMinutes())}` : '') : String(v));
  const q = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return cp1251(rows.map((r) => r.map((v) => q(text(v))).join(';')).join('\r\n') + '\r\n');
}
