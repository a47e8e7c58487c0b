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

  'auth.status': op(none).returns<T.AuthStatus>(),
  'auth.setupAdmin': op(z.object({ login: s.login, displayName: s.required('ФИО'), password: z.string() })).returns<T.SessionUser>(),
  'auth.login': op(z.object({ login: z.string().trim().min(1, 'Введите логин'), password: z.string().min(1, 'Введите пароль') })).returns<T.SessionUser>(),
  'auth.logout': op(none).returns<void>(),
  'auth.lock': op(none).returns<void>(),
  'auth.unlock': op(z.object({ password: z.string().min(1, 'Введите пароль') })).returns<T.SessionUser>(),
  'auth.changePassword': op(z.object({ oldPassword: z.string().min(1, 'Введите текущий пароль'), newPassword: z.string() })).returns<T.SessionUser>(),

  'users.list': op(none).returns<T.AppUser[]>(),
  'users.save': op(
    // staffId: the person the account belongs to (its name comes from the card); null unlinks. Without
    // staffId (command line, tests) the card is found by displayName, or made for a new account.
    z.object({ id: s.optionalId, staffId: s.optionalId, login: s.login, displayName: z.string().trim().optional(), role: s.appRole, deputyGrades: z.array(s.grade).default([]) }),
  ).returns<T.UserSaved>(),
  'users.resetPassword': op(z.object({ id: s.id })).returns<{ password: string }>(),
  'users.setDisabled': op(z.object({ id: s.id, disabled: z.boolean() })).returns<T.AppUser>(),

  'audit.search': op(T_auditFilter().extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) })).returns<T.Page<T.AuditEntry>>(),
  'audit.export': op(T_auditFilter()).returns<T.ExportedFile>(),
  'audit.facets': op(none).returns<T.AuditFacets>(),

  'corrections.list': op(z.object({ onlyOpen: z.boolean().default(false) })).returns<T.CorrectionRequest[]>(),
  'corrections.save': op(
    z.object({
      id: s.optionalId,
      reportedAt: z.string().datetime({ offset: true, message: 'Укажите дату и время обращения' }),
      reporter: s.required('Кто сообщил'),
      reporterContact: s.optionalText,
      description: s.required('Суть ошибки'),
    }),
  ).returns<T.CorrectionRequest>(),
  'corrections.markCorrected': op(z.object({ id: s.id, resolution: s.required('Что исправлено') })).returns<T.CorrectionRequest>(),
  'corrections.markNotified': op(z.object({ id: s.id })).returns<T.CorrectionRequest>(),

  'settings.get': op(none).returns<T.AppSettings>(),
  'settings.save': op(
    z.object({
      autoLockMinutes: z.number().int().min(1, 'Автоблокировка — от 1 до 240 минут').max(240, 'Автоблокировка — от 1 до 240 минут'),
      maxFailedLogins: z.number().int().min(3).max(20),
      lockoutMinutes: z.number().int().min(1).max(1440),
      backupIntervalHours: z.number().int().min(1).max(24 * 7),
      backupKeep: z.number().int().min(1, 'Храните хотя бы одну копию').max(365),
      backupDir: s.optionalText,
    }),
  ).returns<T.AppSettings>(),

  'backup.status': op(none).returns<T.BackupStatus>(),
  'backup.create': op(z.object({ dir: s.optionalText, password: z.string().min(8, 'Пароль резервной копии — не менее 8 символов').optional() })).returns<T.BackupInfo>(),
  'backup.inspect': op(z.object({ file: z.string().min(1, 'Выберите файл резервной копии'), password: z.string().optional() })).returns<T.BackupInfo>(),
  'backup.restore': op(z.object({ file: z.string().min(1, 'Выберите файл резервной копии'), password: z.string().optional() })).returns<T.RestoreResult>(),

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

  // Groups and workload (R3, R4): «Группы и нагрузка».
  'groups.rule.get': op(none).returns<T.GroupsRule>(),
  'groups.rule.save': op(
    z.object({
      items: z.array(
        z.object({
          subjectId: s.id,
          gradeFrom: s.grade,
          gradeTo: s.grade,
          minStudents: z.number().int().min(1, 'Размер класса — от 1 ученика').max(60),
          parts: s.parts,
          by: s.ruleSplitBy,
        }),
      ),
      maxTeacherHours: z.number().min(1, 'Максимальная нагрузка — от 1 до 60 часов').max(60, 'Максимальная нагрузка — от 1 до 60 часов'),
      teachingNormHours: z.number().min(1).max(40).default(18),
    }),
  ).returns<T.GroupsRule>(),
  'subgroups.forClass': op(z.object({ classId: s.id })).returns<T.ClassSubgroups>(),
  /** Divides (or divides again) a class for a subject; `parts` is ignored for 'copy'. Dividing a subject
   *  for the first time moves its whole-class assignments to the first subgroup. */
  'subgroups.split': op(
    z.object({ classId: s.id, subjectId: s.id, parts: s.parts.default(2), by: s.splitBy, copyFromSubjectId: s.optionalId }),
  ).returns<T.Division>(),
  /** Moves a student of the class into a subgroup (or places a newcomer there). */
  'subgroups.move': op(z.object({ studentId: s.id, subgroupId: s.id })).returns<T.Division>(),
  'subgroups.place': op(z.object({ studentId: s.id, subgroupId: s.id })).returns<T.Division>(),
  /** Places every pending student (of one class, or of the school) into the suggested subgroup. */
  'subgroups.placeSuggested': op(z.object({ classId: s.optionalId })).returns<{ placed: number }>(),
  /** The subgroup's one teacher for all its curriculum hours; null removes its assignments. */
  'subgroups.setTeacher': op(z.object({ subgroupId: s.id, teacherId: s.optionalId })).returns<T.Division>(),
  /** Undivides: division, subgroups and memberships are tombstoned; the first subgroup's teachers
   *  teach the whole class, the other subgroups' assignments are tombstoned. */
  'subgroups.remove': op(z.object({ classId: s.id, subjectId: s.id })).returns<void>(),
  /** Divides every class the rule says should be divided; `replace` divides already divided ones again. */
  'subgroups.splitAllEligible': op(z.object({ replace: z.boolean().default(false) })).returns<T.SplitAllResult>(),
  'subgroups.pending': op(z.object({ classId: s.optionalId, studentId: s.optionalId })).returns<T.PendingPlacement[]>(),

  'studyGroups.list': op(none).returns<T.StudyGroup[]>(),
  'studyGroups.get': op(z.object({ id: s.id })).returns<T.StudyGroupDetails>(),
  /** `teacherId`: omitted — assignments unchanged; null — removed; an id — that teacher for all the group's hours. */
  'studyGroups.save': op(
    z.object({
      id: s.optionalId,
      name: s.required('Название группы'),
      kind: s.studyGroupKind,
      subjectId: s.id,
      hoursPerWeek: s.weeklyHours,
      teacherId: s.optionalId,
    }),
  ).returns<T.StudyGroup>(),
  'studyGroups.remove': op(z.object({ id: s.id })).returns<void>(),
  'studyGroups.setMembers': op(z.object({ groupId: s.id, studentIds: z.array(s.id) })).returns<T.StudyGroupDetails>(),

  'assignments.list': op(
    z.object({ teacherId: s.optionalId, classId: s.optionalId, studyGroupId: s.optionalId }).optional().default({}),
  ).returns<T.Assignment[]>(),
  /** Target: a study group (studyGroupId), a subgroup (subgroupId), or a whole class (classId + subjectId). */
  'assignments.save': op(
    z.object({
      id: s.optionalId,
      teacherId: s.id,
      subjectId: s.optionalId,
      classId: s.optionalId,
      subgroupId: s.optionalId,
      studyGroupId: s.optionalId,
      hoursPerWeek: s.weeklyHours,
    }),
  ).returns<T.Assignment>(),
  'assignments.remove': op(z.object({ id: s.id })).returns<void>(),
  /** Gives every curriculum hour without a teacher (of one class, or of the school) to a qualified teacher. */
  'assignments.fromCurriculum': op(z.object({ classId: s.optionalId })).returns<T.FromCurriculumResult>(),
  'workload.byTeacher': op(z.object({ teacherId: s.optionalId }).optional().default({})).returns<T.TeacherWorkload[]>(),
  'workload.byClass': op(z.object({ classId: s.optionalId }).optional().default({})).returns<T.ClassCoverage[]>(),
  /** Every problem of subgroups, study groups and workload, each with a code and a Russian message. */
  'setup.validate': op(none).returns<T.ValidationResult>(),

  'reports.subgroupListsPdf': op(z.object({ classId: s.id, subjectId: s.optionalId })).returns<T.ExportedFile>(),
  'reports.studyGroupListsPdf': op(z.object({ groupId: s.optionalId })).returns<T.ExportedFile>(),
  'reports.workloadXlsx': op(none).returns<T.ExportedFile>(),
} as const;

function T_auditFilter() {
  return z.object({
    actor: z.string().optional(),
    entity: z.string().optional(),
    entityId: z.string().optional(),
    text: z.string().optional(),
    from: s.isoDate.optional(),
    to: s.isoDate.optional(),
  });
}

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
