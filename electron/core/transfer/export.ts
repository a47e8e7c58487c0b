import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { listStudents } from '../students/students';
import { listStaff } from '../setup/staff';
import { listClasses } from '../setup/classes';
import { listSubjects } from '../setup/subjects';
import { curriculumGrid } from '../setup/curriculum';
import { fullName, ruDate } from '../format';
import type { OpParsed } from '../../api/contract';
import { GUARDIAN_SLOT_PARTS, guardianSlotLabel } from '../../import';
import { requireAccess } from '../auth/guard';
import { sheetFile, type Sheet } from './xlsx';
import { listRooms } from '../setup/rooms';
import { exportLists, gradings, staffRoles } from '../../api/enums';
import { outOf, progress } from '../job';
import { WORDS } from '../../api/plural';

type ListKind = OpParsed<'export.list'>['list'];


type StudentsFilter = NonNullable<OpParsed<'export.list'>['students']>;

/**
 * The students as the list shows them (its filters, its order) with their parents and legal
 * representatives, one group of columns per representative («Представитель 1 — ФИО», «… — кем
 * приходится», «… — телефон», «… — e-mail», «… — согласие на обработку ПДн», «… — отказ от
 * электронного дневника»): the columns the student import reads back, so an edited file re-imports.
 */
function studentsSheet(ctx: Ctx, filter: StudentsFilter): Sheet {
  const { db } = ctx;
  const page = listStudents(ctx, { ...filter, offset: 0, limit: Number.MAX_SAFE_INTEGER });
  const ids = page.rows.map((r) => r.id);
  const people = new Map<string, { last_name: string; first_name: string; middle_name: string | null; address: string | null; personal_file_no: string | null }>();
  const guardians = new Map<string, { name: string; relation: string; phone: string | null; email: string | null; consent: string | null; refused: number }[]>();
  for (let at = 0; at < ids.length; at += 500) {
    progress(ctx, at, ids.length, `Чтение данных: ${outOf(at, ids.length, WORDS.student)}`);
    const part = ids.slice(at, at + 500);
    for (const p of db.all(db.q.selectFrom('student').select(['id', 'last_name', 'first_name', 'middle_name', 'address', 'personal_file_no']).where('id', 'in', part))) people.set(p.id, p);
    const rows = db.all(
      db.q
        .selectFrom('student_guardian as sg')
        .innerJoin('guardian as g', 'g.id', 'sg.guardian_id')
        .select(['sg.student_id', 'sg.relation', 'g.last_name', 'g.first_name', 'g.middle_name', 'g.phone', 'g.email', 'g.pd_consent_date', 'g.e_service_refused'])
        .where('sg.student_id', 'in', part)
        .where('sg.deleted_at', 'is', null)
        .where('g.deleted_at', 'is', null)
        .orderBy('sg.created_at')
        .orderBy('sg.id'),
    );
    for (const g of rows) {
      const list = guardians.get(g.student_id) ?? [];
      list.push({ name: fullName(g), relation: g.relation, phone: g.phone, email: g.email, consent: g.pd_consent_date, refused: g.e_service_refused });
      guardians.set(g.student_id, list);
    }
  }
  // At least two groups, so that a parent can be written in by hand.
  const slots = Math.max(2, ...[...guardians.values()].map((l) => l.length));
  const slotColumns = Array.from({ length: slots }, (_, i) =>
    GUARDIAN_SLOT_PARTS.map((p) => ({ header: guardianSlotLabel(i + 1, p.label), width: p.part === 'Name' ? 34 : p.part === 'Email' ? 26 : 18 })),
  ).flat();
  const className = filter.classId ? page.rows.find((r) => r.classId === filter.classId)?.className : undefined;
  const title = exportLists.labels.students;
  const file = className ? `${title} ${className}` : filter.grade ? `${title} ${filter.grade}-х классов` : title;
  return {
    title: file,
    file,
    personal: true,
    columns: [
      { header: 'Класс', width: 8 }, { header: 'Фамилия', width: 18 }, { header: 'Имя', width: 14 }, { header: 'Отчество', width: 18 },
      { header: 'Дата рождения', width: 14 }, { header: 'Пол', width: 6 }, { header: 'СНИЛС', width: 16 }, { header: 'Адрес', width: 40 },
      { header: '№ личного дела', width: 14 }, ...slotColumns,
    ],
    rows: page.rows.map((s) => {
      const p = people.get(s.id)!;
      const gs = guardians.get(s.id) ?? [];
      const slotCells = Array.from({ length: slots }, (_, i) => {
        const g = gs[i];
        return g ? [g.name, g.relation, g.phone, g.email, g.consent ? ruDate(g.consent) : null, g.refused ? 'да' : 'нет'] : [null, null, null, null, null, null];
      }).flat();
      return [
        s.className, p.last_name, p.first_name, p.middle_name, ruDate(s.birthDate), s.gender === 'm' ? 'м' : s.gender === 'f' ? 'ж' : null, s.snils,
        p.address, p.personal_file_no, ...slotCells,
      ];
    }),
  };
}

function build(ctx: Ctx, list: ListKind, filter?: StudentsFilter): Sheet {
  switch (list) {
    case 'students':
      return studentsSheet(ctx, filter ?? { sort: 'class', desc: false });
    case 'staff':
      return {
        title: exportLists.labels.staff,
        file: exportLists.labels.staff,
        personal: true,
        columns: [
          { header: 'Фамилия', width: 18 }, { header: 'Имя', width: 14 }, { header: 'Отчество', width: 18 }, { header: 'Должность', width: 36 },
          { header: 'Роли', width: 30 }, { header: 'Предметы', width: 40 }, { header: 'Ставка', width: 8 }, { header: 'Телефон', width: 18 }, { header: 'E-mail', width: 24 },
        ],
        rows: listStaff(ctx).map((s) => [s.lastName, s.firstName, s.middleName, s.position, s.roles.map((r) => staffRoles.labels[r]).join(', '), s.subjects.join(', '), s.rateHours, s.phone, s.email]),
      };
    case 'classes':
      return {
        title: exportLists.labels.classes,
        file: exportLists.labels.classes,
        personal: false,
        columns: [{ header: 'Класс', width: 8 }, { header: 'Смена', width: 8 }, { header: 'Классный руководитель', width: 36 }, { header: 'Кабинет', width: 10 }, { header: 'Учеников', width: 10 }, { header: 'Часов в неделю', width: 14 }],
        rows: listClasses(ctx).map((c) => [c.name, c.shift, c.classTeacherName, c.roomNumber, c.studentCount, c.weeklyHours]),
      };
    case 'subjects':
      return {
        title: exportLists.labels.subjects,
        file: exportLists.labels.subjects,
        personal: false,
        columns: [{ header: 'Предмет', width: 50 }, { header: 'Краткое название', width: 18 }, { header: 'Система оценивания', width: 20 }, { header: 'Без аттестации', width: 16 }],
        rows: listSubjects(ctx).map((s) => [s.name, s.shortName, gradings.labels[s.grading], s.noAttestation ? 'да' : 'нет']),
      };
    case 'rooms':
      return {
        title: exportLists.labels.rooms,
        file: exportLists.labels.rooms,
        personal: false,
        columns: [{ header: 'Кабинет', width: 12 }, { header: 'Название', width: 36 }, { header: 'Мест', width: 8 }],
        rows: listRooms(ctx).map((r) => [r.number, r.name, r.capacity]),
      };
    case 'curriculum': {
      const g = curriculumGrid(ctx);
      const hours = new Map(g.cells.map((c) => [`${c.classId}:${c.subjectId}`, c.hours]));
      return {
        title: exportLists.labels.curriculum,
        file: exportLists.labels.curriculum,
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
export async function exportList(ctx: Ctx, list: ListKind, students?: StudentsFilter): Promise<ExportedFile> {
  requireAccess(ctx, list === 'students' ? 'contingent' : 'setup', 'view');
  return sheetFile(ctx, build(ctx, list, students));
}
