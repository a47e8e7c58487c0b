import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { listStudents } from '../students/students';
import { listStaff } from '../setup/staff';
import { listClasses } from '../setup/classes';
import { listSubjects } from '../setup/subjects';
import { curriculumGrid } from '../setup/curriculum';
import { ruDate } from '../format';
import { requireAccess } from '../auth/guard';
import { sheetFile, type Sheet } from './xlsx';
import { listRooms } from '../setup/rooms';

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
  requireAccess(ctx, list === 'students' ? 'contingent' : 'setup', 'view');
  return sheetFile(ctx, build(ctx, list));
}
