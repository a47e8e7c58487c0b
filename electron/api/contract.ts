import { z } from 'zod';
import * as s from './schemas';
import type * as T from './types';

/**
 * The one API contract: operation name → zod input schema → result type. The main process, the
 * browser bridge, the CLI and the tests serve it from one handler map; the renderer calls it.
 * Nothing here may import Node, Electron, React or the DOM.
 */
function op<I extends z.ZodType>(input: I) {
  return { returns: <O>() => ({ input, output: undefined as unknown as O }) };
}

const none = z.object({}).strict().optional().default({});

export const contract = {
  'app.info': op(none).returns<T.AppInfo>(),
  'app.createSchool': op(T_school()).returns<T.School>(),
  'app.loadDemo': op(z.object({ students: z.number().int().min(100).max(5000).default(1000), seed: z.number().int().default(1) })).returns<T.DemoResult>(),

  'setup.checklist': op(none).returns<T.ChecklistItem[]>(),

  'school.get': op(none).returns<T.School | null>(),
  'school.save': op(T_school()).returns<T.School>(),

  'years.list': op(none).returns<T.YearDetails[]>(),
  'years.suggest': op(z.object({ startYear: z.number().int().min(2000).max(2100) })).returns<T.YearInput>(),
  'years.save': op(T_year()).returns<T.YearDetails>(),

  'bells.list': op(z.object({ yearId: s.id })).returns<T.BellScheduleDetails[]>(),
  'bells.save': op(
    z.object({
      id: s.optionalId,
      yearId: s.id,
      shift: s.shift,
      name: s.required('Название'),
      bells: z
        .array(z.object({ lessonNo: z.number().int().min(0).max(12), startsAt: s.hhmm, endsAt: s.hhmm }))
        .min(1, 'Добавьте хотя бы один урок'),
    }),
  ).returns<T.BellScheduleDetails>(),
  'bells.suggest': op(z.object({ shift: s.shift })).returns<T.BellInput[]>(),

  'subjects.list': op(none).returns<T.Subject[]>(),
  'subjects.save': op(
    z.object({
      id: s.optionalId,
      name: s.required('Название'),
      shortName: s.required('Краткое название'),
      noAttestation: z.boolean(),
      grading: s.grading,
      sortOrder: z.number().int().default(0),
    }),
  ).returns<T.Subject>(),
  'subjects.remove': op(z.object({ id: s.id })).returns<void>(),
  'subjects.addStandard': op(none).returns<{ added: number }>(),

  'rooms.list': op(none).returns<T.Room[]>(),
  'rooms.save': op(
    z.object({ id: s.optionalId, number: s.required('Номер'), name: s.optionalText, capacity: z.number().int().min(1).max(500).nullable() }),
  ).returns<T.Room>(),
  'rooms.remove': op(z.object({ id: s.id })).returns<void>(),

  'staff.list': op(z.object({ search: z.string().optional() }).optional().default({})).returns<T.Staff[]>(),
  'staff.save': op(
    z.object({
      id: s.optionalId,
      lastName: s.required('Фамилия'),
      firstName: s.required('Имя'),
      middleName: s.optionalText,
      birthDate: s.isoDate.nullable(),
      gender: s.gender,
      snils: s.optionalText,
      phone: s.optionalText,
      email: s.optionalText,
      position: s.required('Должность'),
      roles: z.array(s.staffRole),
      deputyGrades: z.array(s.grade),
      subjects: z.array(z.string()),
      rateHours: z.number().min(0).max(60),
    }),
  ).returns<T.Staff>(),
  'staff.remove': op(z.object({ id: s.id })).returns<void>(),

  'classes.list': op(none).returns<T.SchoolClass[]>(),
  'classes.save': op(
    z.object({
      id: s.optionalId,
      grade: s.grade,
      letter: s.required('Литера').max(3, 'Литера — не более 3 символов'),
      shift: s.shift,
      classTeacherId: s.optionalId,
      roomId: s.optionalId,
    }),
  ).returns<T.SchoolClass>(),
  'classes.createMany': op(
    z.object({ gradeFrom: s.grade, gradeTo: s.grade, letters: z.array(z.string().trim().min(1)).min(1, 'Укажите хотя бы одну литеру'), shift: s.shift }),
  ).returns<{ created: number; skipped: number }>(),
  'classes.remove': op(z.object({ id: s.id })).returns<void>(),

  'curriculum.grid': op(none).returns<T.CurriculumGrid>(),
  'curriculum.set': op(
    z.object({
      cells: z
        .array(z.object({ classId: s.id, subjectId: s.id, hours: z.number().min(0, 'Часы не могут быть отрицательными').max(40) }))
        .min(1),
    }),
  ).returns<{ changed: number }>(),
  'curriculum.applyStandard': op(z.object({ onlyEmpty: z.boolean().default(true) })).returns<{ changed: number }>(),

  'students.list': op(
    z.object({
      search: z.string().optional(),
      classId: s.optionalId,
      grade: s.grade.optional(),
      sort: z.enum(['name', 'class', 'birthDate']).default('name'),
      desc: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(10000).default(200),
    }),
  ).returns<T.Page<T.StudentRow>>(),
  'students.get': op(z.object({ id: s.id })).returns<T.StudentDetails>(),
  'students.save': op(
    z.object({
      id: s.optionalId,
      lastName: s.required('Фамилия'),
      firstName: s.required('Имя'),
      middleName: s.optionalText,
      birthDate: s.isoDate,
      gender: s.gender,
      snils: s.optionalText,
      classId: s.optionalId,
      address: s.optionalText,
      personalFileNo: s.optionalText,
      guardians: z.array(
        z.object({
          id: s.optionalId,
          lastName: s.required('Фамилия представителя'),
          firstName: s.required('Имя представителя'),
          middleName: s.optionalText,
          relation: s.required('Кем приходится'),
          phone: s.optionalText,
          email: s.optionalText,
          pdConsentDate: s.isoDate.nullable(),
          eServiceRefused: z.boolean(),
        }),
      ),
    }),
  ).returns<T.StudentDetails>(),
  'students.remove': op(z.object({ id: s.id })).returns<void>(),

  'import.preview': op(
    z.object({
      kind: z.enum(['students', 'staff']),
      fileName: z.string().min(1),
      data: s.base64,
      mapping: z.record(z.string(), z.number().int().min(0).nullable()).optional(),
    }),
  ).returns<T.ImportPreview>(),
  'import.commit': op(
    z.object({
      kind: z.enum(['students', 'staff']),
      fileName: z.string().min(1),
      data: s.base64,
      mapping: z.record(z.string(), z.number().int().min(0).nullable()).optional(),
    }),
  ).returns<T.ImportResult>(),

  'export.list': op(z.object({ list: z.enum(['students', 'staff', 'classes', 'subjects', 'curriculum', 'rooms']) })).returns<T.ExportedFile>(),
} as const;

function T_school() {
  return z.object({
    fullName: s.required('Полное наименование'),
    shortName: s.required('Краткое наименование'),
    inn: z
      .string()
      .trim()
      .regex(/^(\d{10}|\d{12})?$/, 'ИНН — 10 или 12 цифр')
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
    address: s.optionalText,
    phone: s.optionalText,
    email: s.optionalText,
    directorId: s.optionalId,
  });
}

function T_year() {
  const period = z.object({
    kind: z.enum(['quarter', 'half']),
    number: z.number().int().min(1).max(4),
    name: s.required('Название периода'),
    startDate: s.isoDate,
    endDate: s.isoDate,
    gradeFrom: s.grade,
    gradeTo: s.grade,
  });
  const holiday = z.object({
    name: s.required('Название каникул'),
    startDate: s.isoDate,
    endDate: s.isoDate,
    gradeFrom: s.grade,
    gradeTo: s.grade,
  });
  return z.object({
    id: s.optionalId,
    name: s.required('Учебный год'),
    startDate: s.isoDate,
    endDate: s.isoDate,
    gradeEditWindow: s.gradeEditWindow,
    isCurrent: z.boolean().default(true),
    periods: z.array(period).min(1, 'Добавьте учебные периоды'),
    holidays: z.array(holiday),
  });
}

export type Contract = typeof contract;
export type OpName = keyof Contract;
export type OpInput<N extends OpName> = z.input<Contract[N]['input']>;
export type OpParsed<N extends OpName> = z.output<Contract[N]['input']>;
export type OpOutput<N extends OpName> = Contract[N]['output'];
export const opNames = Object.keys(contract) as OpName[];
