import ExcelJS from 'exceljs';
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { listStudents } from '../students/students';
import { listStaff } from '../setup/staff';
import { listClasses } from '../setup/classes';
import { listSubjects } from '../setup/subjects';
import { curriculumGrid } from '../setup/curriculum';
import { ruDate } from '../format';
import { schoolRow } from '../setup/school';
import { listRooms } from '../setup/rooms';

type Cell = string | number | null;
interface Sheet {
  title: string;
  file: string;
  personal: boolean;
  columns: { header: string; width: number }[];
  rows: Cell[][];
}

const GRADING = { five_point: 'Пятибалльная', pass_fail: 'Зачёт/незачёт', none: 'Без отметок' } as const;
const ROLE = { director: 'Директор', deputy: 'Заместитель директора', sysadmin: 'Системный администратор', secretary: 'Секретарь', teacher: 'Учитель' } as const;

function build(ctx: Ctx, list: 'students' | 'staff' | 'classes' | 'subjects' | 'curriculum' | 'rooms'): Sheet {
  switch (list) {
    case 'students': {
      const page = listStudents(ctx, { sort: 'class', desc: false, offset: 0, limit: 10000 });
      return {
        title: 'Ученики',
        file: 'Ученики',
        personal: true,
        columns: [
          { header: 'Класс', width: 8 }, { header: 'Фамилия', width: 18 }, { header: 'Имя', width: 14 }, { header: 'Отчество', width: 18 },
          { header: 'Дата рождения', width: 14 }, { header: 'Пол', width: 6 }, { header: 'СНИЛС', width: 16 }, { header: 'Родители (законные представители)', width: 60 },
        ],
        rows: page.rows.map((s) => {
          const [last = '', first = '', ...rest] = s.fullName.split(' ');
          return [s.className, last, first, rest.join(' ') || null, ruDate(s.birthDate), s.gender === 'm' ? 'м' : s.gender === 'f' ? 'ж' : null, s.snils, s.guardians];
        }),
      };
    }
    case 'staff':
      return {
        title: 'Сотрудники',
        file: 'Сотрудники',
        personal: true,
        columns: [
          { header: 'Фамилия', width: 18 }, { header: 'Имя', width: 14 }, { header: 'Отчество', width: 18 }, { header: 'Должность', width: 36 },
          { header: 'Роли', width: 30 }, { header: 'Предметы', width: 40 }, { header: 'Ставка', width: 8 }, { header: 'Телефон', width: 18 }, { header: 'E-mail', width: 24 },
        ],
        rows: listStaff(ctx).map((s) => [s.lastName, s.firstName, s.middleName, s.position, s.roles.map((r) => ROLE[r]).join(', '), s.subjects.join(', '), s.rateHours, s.phone, s.email]),
      };
    case 'classes':
      return {
        title: 'Классы',
        file: 'Классы',
        personal: false,
        columns: [{ header: 'Класс', width: 8 }, { header: 'Смена', width: 8 }, { header: 'Классный руководитель', width: 36 }, { header: 'Кабинет', width: 10 }, { header: 'Учеников', width: 10 }, { header: 'Часов в неделю', width: 14 }],
        rows: listClasses(ctx).map((c) => [c.name, c.shift, c.classTeacherName, c.roomNumber, c.studentCount, c.weeklyHours]),
      };
    case 'subjects':
      return {
        title: 'Предметы',
        file: 'Предметы',
        personal: false,
        columns: [{ header: 'Предмет', width: 50 }, { header: 'Краткое название', width: 18 }, { header: 'Система оценивания', width: 20 }, { header: 'Без аттестации', width: 16 }],
        rows: listSubjects(ctx).map((s) => [s.name, s.shortName, GRADING[s.grading], s.noAttestation ? 'да' : 'нет']),
      };
    case 'rooms':
      return {
        title: 'Кабинеты',
        file: 'Кабинеты',
        personal: false,
        columns: [{ header: 'Кабинет', width: 12 }, { header: 'Название', width: 36 }, { header: 'Мест', width: 8 }],
        rows: listRooms(ctx).map((r) => [r.number, r.name, r.capacity]),
      };
    case 'curriculum': {
      const g = curriculumGrid(ctx);
      const hours = new Map(g.cells.map((c) => [`${c.classId}:${c.subjectId}`, c.hours]));
      return {
        title: 'Учебный план',
        file: 'Учебный план',
        personal: false,
        columns: [{ header: 'Предмет', width: 44 }, ...g.classes.map((c) => ({ header: c.name, width: 6 }))],
        rows: [
          ...g.subjects.map((s) => [s.name, ...g.classes.map((c) => hours.get(`${c.id}:${s.id}`) ?? null)]),
          ['Итого часов в неделю', ...g.classes.map((c) => g.cells.filter((x) => x.classId === c.id).reduce((a, x) => a + x.hours, 0))],
        ],
      };
    }
  }
}

/** Any list as an XLSX workbook: a frozen header row, filters, widths, print titles. */
export async function exportList(ctx: Ctx, list: 'students' | 'staff' | 'classes' | 'subjects' | 'curriculum' | 'rooms'): Promise<ExportedFile> {
  const sheet = build(ctx, list);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Школьный офис';
  wb.created = ctx.now();
  const school = schoolRow(ctx)?.short_name ?? '';
  const ws = wb.addWorksheet(sheet.title, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    headerFooter: {
      oddHeader: `&L${school}&C${sheet.title}${sheet.personal ? '&RСодержит персональные данные (152-ФЗ)' : ''}`,
      oddFooter: '&RЛист &P из &N',
    },
  });
  if (sheet.personal) wb.subject = 'Содержит персональные данные: обрабатывать в соответствии с 152-ФЗ';
  ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
  ws.addRows(sheet.rows);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${sheet.file} ${ruDate(ctx.now().toISOString().slice(0, 10))}.xlsx`, data: buf.toString('base64'), rows: sheet.rows.length };
}
