import { z } from 'zod';
import * as s from './schemas';
import { MAX, MAX_COLUMN_INDEX, tooLongMessage, tooManyMessage } from './limits';
import type * as T from './types';
import { change, none, read, view, write, type OpDef } from './ops';

/**
 * The one API contract: operation name → zod input schema → result type, what it needs, whether it writes. The main process, the
 * browser bridge, the CLI and the tests serve it from one handler map; the renderer calls it.
 * Nothing here may import Node, Electron, React or the DOM.
 */
export const contract = {
  'app.info': read('public', none).returns<T.AppInfo>(),
  'app.createSchool': write(change('setup'), T_school()).returns<T.School>(),
  // only into an empty database without users (checked by the handler)
  'app.loadDemo': write('public', z.object({ students: s.int('Учеников', 100, 5000).default(1000), seed: s.int('Вариант', 0, 2_147_483_647).default(1) })).returns<T.DemoResult>(),

  'auth.status': read('public', none).returns<T.AuthStatus>(),
  'auth.setupAdmin': write('public', z.object({ login: s.login, displayName: s.required('ФИО', 'personName'), password: s.password() })).returns<T.SessionUser>(),
  'auth.login': write('public', z.object({ login: z.string().trim().min(1, 'Введите логин').max(MAX.login, tooLongMessage('Логин', MAX.login)), password: s.password().min(1, 'Введите пароль') })).returns<T.SessionUser>(),
  'auth.logout': write('session', none).returns<void>(),
  'auth.lock': read('session', none).returns<void>(),
  'auth.unlock': write('session', z.object({ password: s.password().min(1, 'Введите пароль') })).returns<T.SessionUser>(),
  'auth.changePassword': write('session', z.object({ oldPassword: s.password('Текущий пароль').min(1, 'Введите текущий пароль'), newPassword: s.password('Новый пароль') })).returns<T.SessionUser>(),

  'users.list': read(view('users'), none).returns<T.AppUser[]>(),
  'users.save': write(change('users'),
    // staffId: the person the account belongs to (its name comes from the card); null unlinks. Without
    // staffId (command line, tests) the card is found by displayName, or made for a new account.
    z.object({ id: s.optionalId, staffId: s.optionalId, login: s.login, displayName: z.string().trim().max(MAX.personName, tooLongMessage('ФИО', MAX.personName)).optional(), role: s.appRole, deputyGrades: s.distinct(s.grade, 'Параллелей', s.maxItems.grades, 'Параллели не должны повторяться').default([]) }),
  ).returns<T.UserSaved>(),
  'users.resetPassword': write(change('users'), z.object({ id: s.id })).returns<{ password: string }>(),
  'users.setDisabled': write(change('users'), z.object({ id: s.id, disabled: z.boolean() })).returns<T.AppUser>(),

  'audit.search': read(view('audit'), T_auditFilter().extend({ offset: s.int('Начиная с записи', 0, 1_000_000_000).default(0), limit: s.int('Записей на странице', 1, 1000).default(200) })).returns<T.Page<T.AuditEntry>>(),
  'audit.export': read(view('audit'), T_auditFilter()).returns<T.ExportedFile>(),
  'audit.facets': read(view('audit'), none).returns<T.AuditFacets>(),

  'corrections.list': read(view('corrections'), z.object({ onlyOpen: z.boolean().default(false) })).returns<T.CorrectionRequest[]>(),
  'corrections.save': write(change('corrections'),
    z.object({
      id: s.optionalId,
      reportedAt: z.string().max(40, 'Укажите дату и время обращения').datetime({ offset: true, message: 'Укажите дату и время обращения' }),
      reporter: s.required('Кто сообщил', 'personName'),
      reporterContact: s.optionalText('Как связаться', 'contact'),
      description: s.required('Суть ошибки', 'note'),
    }),
  ).returns<T.CorrectionRequest>(),
  'corrections.markCorrected': write(change('fixes'), z.object({ id: s.id, resolution: s.required('Что исправлено', 'note') })).returns<T.CorrectionRequest>(),
  'corrections.markNotified': write(change('corrections'), z.object({ id: s.id })).returns<T.CorrectionRequest>(),

  'settings.get': read('session', none).returns<T.AppSettings>(),
  'settings.save': write(change('users'),
    z.object({
      autoLockMinutes: s.int('Автоблокировка', 1, 240, 'Автоблокировка — от 1 до 240 минут'),
      maxFailedLogins: s.int('Неверных паролей до блокировки', 3, 20),
      lockoutMinutes: s.int('Блокировка входа', 1, 1440, 'Блокировка входа — от 1 до 1440 минут'),
      backupIntervalHours: s.int('Интервал копирования', 1, 24 * 7, 'Интервал копирования — от 1 до 168 часов'),
      backupKeep: s.int('Хранить копий', 1, 365, 'Хранить копий — от 1 до 365'),
      backupDir: s.path('Папка для копий').trim().nullable().optional().transform((v) => (v ? v : null)),
    }),
  ).returns<T.AppSettings>(),

  'backup.status': read(view('backups'), none).returns<T.BackupStatus>(),
  'backup.create': write(change('backups'),
    z.object({
      dir: s.path('Папка').trim().nullable().optional().transform((v) => (v ? v : null)),
      password: s.password('Пароль резервной копии').min(8, 'Пароль резервной копии — не менее 8 символов').optional(),
      /** A plain backup outside the data folder (a USB stick): only when the administrator declines encryption. */
      unencrypted: z.boolean().optional(),
    }),
  ).returns<T.BackupInfo>(),
  'backup.inspect': read(change('backups'), z.object({ file: s.path('Файл резервной копии').min(1, 'Выберите файл резервной копии'), password: s.password('Пароль резервной копии').optional() })).returns<T.BackupInfo>(),
  'backup.restore': write(change('backups'),
    z.object({
      file: s.path('Файл резервной копии').min(1, 'Выберите файл резервной копии'),
      password: s.password('Пароль резервной копии').optional(),
      /** Confirms restoring a backup of another database (another school's, or another installation's). */
      otherDatabase: z.boolean().optional(),
    }),
  ).returns<T.RestoreResult>(),

  'setup.checklist': read(view('setup'), none).returns<T.ChecklistItem[]>(),

  'school.get': read('session', none).returns<T.School | null>(),
  'school.save': write(change('setup'), T_school()).returns<T.School>(),

  'years.list': read(view('setup'), none).returns<T.YearDetails[]>(),
  'years.suggest': read(view('setup'), z.object({ startYear: s.int('Год начала', 2000, 2100) })).returns<T.YearInput>(),
  'years.save': write(change('setup'), T_year()).returns<T.YearDetails>(),

  'bells.list': read(view('setup'), z.object({ yearId: s.id })).returns<T.BellScheduleDetails[]>(),
  'bells.save': write(change('setup'),
    z.object({
      id: s.optionalId,
      yearId: s.id,
      shift: s.shift,
      name: s.required('Название', 'title'),
      bells: s
        .list(z.object({ lessonNo: s.int('Номер урока', 0, 12), startsAt: s.hhmm, endsAt: s.hhmm }), 'Уроков в расписании звонков', s.maxItems.bells)
        .min(1, 'Добавьте хотя бы один урок'),
    }),
  ).returns<T.BellScheduleDetails>(),
  'bells.suggest': read(view('setup'), z.object({ shift: s.shift })).returns<T.BellInput[]>(),

  'subjects.list': read(view('setup'), none).returns<T.Subject[]>(),
  'subjects.save': write(change('setup'),
    z.object({
      id: s.optionalId,
      name: s.required('Название', 'title'),
      shortName: s.required('Краткое название', 'shortTitle'),
      noAttestation: z.boolean(),
      grading: s.grading,
      sortOrder: s.int('Порядок в списках', 0, 100_000).default(0),
    }),
  ).returns<T.Subject>(),
  'subjects.remove': write(change('setup'), z.object({ id: s.id })).returns<void>(),
  'subjects.addStandard': write(change('setup'), none).returns<{ added: number }>(),

  'rooms.list': read(view('setup'), none).returns<T.Room[]>(),
  'rooms.save': write(change('setup'),
    z.object({ id: s.optionalId, number: s.required('Номер', 'roomNumber'), name: s.optionalText('Название', 'title'), capacity: s.int('Мест', 1, 500).nullable() }),
  ).returns<T.Room>(),
  'rooms.remove': write(change('setup'), z.object({ id: s.id })).returns<void>(),

  'staff.list': read(view('setup'), z.object({ search: s.searchText().optional() }).optional().default({})).returns<T.Staff[]>(),
  'staff.save': write(change('setup'),
    z.object({
      id: s.optionalId,
      lastName: s.required('Фамилия', 'namePart'),
      firstName: s.required('Имя', 'namePart'),
      middleName: s.optionalText('Отчество', 'namePart'),
      birthDate: s.isoDate.nullable(),
      gender: s.gender,
      snils: s.optionalText('СНИЛС', 'snils'),
      phone: s.optionalText('Телефон', 'phone'),
      email: s.optionalText('E-mail', 'email'),
      position: s.required('Должность', 'title'),
      roles: s.distinct(s.staffRole, 'Ролей', s.maxItems.staffRoles, 'Роли не должны повторяться'),
      deputyGrades: s.distinct(s.grade, 'Параллелей', s.maxItems.grades, 'Параллели не должны повторяться'),
      subjects: s.distinct(s.required('Предмет', 'title'), 'Предметов', s.maxItems.staffSubjects, 'Предметы не должны повторяться'),
      rateHours: s.num('Ставка', 0, 60, { range: 'Ставка — от 0 до 60 часов в неделю' }),
    }),
  ).returns<T.Staff>(),
  'staff.remove': write(change('setup'), z.object({ id: s.id })).returns<void>(),

  'classes.list': read(view('setup'), none).returns<T.SchoolClass[]>(),
  'classes.save': write(change('setup'),
    z.object({
      id: s.optionalId,
      grade: s.grade,
      letter: s.classLetter,
      shift: s.shift,
      classTeacherId: s.optionalId,
      roomId: s.optionalId,
    }),
  ).returns<T.SchoolClass>(),
  'classes.createMany': write(change('setup'),
    z.object({ gradeFrom: s.grade, gradeTo: s.grade, letters: s.list(s.classLetter, 'Литер', s.maxItems.letters).min(1, 'Укажите хотя бы одну литеру'), shift: s.shift }),
  ).returns<{ created: number; skipped: number }>(),
  'classes.remove': write(change('setup'), z.object({ id: s.id })).returns<void>(),

  'curriculum.grid': read(view('curriculum'), none).returns<T.CurriculumGrid>(),
  'curriculum.set': write(change('curriculum'),
    z.object({
      cells: s
        .list(z.object({ classId: s.id, subjectId: s.id, hours: s.curriculumHours }), 'Клеток учебного плана за один раз', s.maxItems.curriculumCells)
        .min(1, 'Нечего сохранять: не изменено ни одной клетки учебного плана'),
    }),
  ).returns<{ changed: number }>(),
  'curriculum.applyStandard': write(change('curriculum'), z.object({ onlyEmpty: z.boolean().default(true) })).returns<{ changed: number }>(),

  'students.list': read(view('contingent'),
    z.object({
      search: s.searchText().optional(),
      classId: s.optionalId,
      grade: s.grade.optional(),
      sort: z.enum(['name', 'class', 'birthDate']).default('name'),
      desc: z.boolean().default(false),
      offset: s.int('Начиная с ученика', 0, 1_000_000_000).default(0),
      limit: s.int('Учеников на странице', 1, 10000).default(200),
    }),
  ).returns<T.Page<T.StudentRow>>(),
  'students.get': read(view('contingent'), z.object({ id: s.id })).returns<T.StudentDetails>(),
  'students.save': write(change('contingent'),
    z.object({
      id: s.optionalId,
      lastName: s.required('Фамилия', 'namePart'),
      firstName: s.required('Имя', 'namePart'),
      middleName: s.optionalText('Отчество', 'namePart'),
      birthDate: s.isoDate,
      gender: s.gender,
      snils: s.optionalText('СНИЛС', 'snils'),
      classId: s.optionalId,
      address: s.optionalText('Адрес', 'address'),
      personalFileNo: s.optionalText('№ личного дела', 'personalFileNo'),
      guardians: s.list(
        z.object({
          id: s.optionalId,
          lastName: s.required('Фамилия представителя', 'namePart'),
          firstName: s.required('Имя представителя', 'namePart'),
          middleName: s.optionalText('Отчество представителя', 'namePart'),
          relation: s.required('Кем приходится', 'relation'),
          phone: s.optionalText('Телефон', 'phone'),
          email: s.optionalText('E-mail', 'email'),
          pdConsentDate: s.isoDate.nullable(),
          eServiceRefused: z.boolean(),
        }),
        'Представителей',
        s.maxItems.guardians,
      ),
    }),
  ).returns<T.StudentDetails>(),
  'students.remove': write(change('contingent'), z.object({ id: s.id })).returns<void>(),

  'import.preview': read('session',
    z.object({
      kind: z.enum(['students', 'staff']),
      fileName: s.required('Имя файла', 'fileName'),
      data: s.base64,
      mapping: T_mapping(),
    }),
  ).returns<T.ImportPreview>(),
  'import.commit': write('session',
    z.object({
      kind: z.enum(['students', 'staff']),
      fileName: s.required('Имя файла', 'fileName'),
      data: s.base64,
      mapping: T_mapping(),
    }),
  ).returns<T.ImportResult>(),

  'export.list': read('session',
    z.object({
      list: z.enum(['students', 'staff', 'classes', 'subjects', 'curriculum', 'rooms']),
      // The students' list as it is on screen: its filters and its order (issue 8).
      students: z
        .object({
          search: z.string().max(MAX.search, tooLongMessage('Поиск', MAX.search)).optional(),
          classId: s.optionalId,
          grade: s.grade.optional(),
          sort: z.enum(['name', 'class', 'birthDate']).default('name'),
          desc: z.boolean().default(false),
        })
        .optional(),
    }),
  ).returns<T.ExportedFile>(),

  // Groups and workload (R3, R4): «Группы и нагрузка».
  'groups.rule.get': read(view('groups'), none).returns<T.GroupsRule>(),
  'groups.rule.save': write(change('groups'),
    z.object({
      items: s.list(
        z.object({
          subjectId: s.id,
          gradeFrom: s.grade,
          gradeTo: s.grade,
          minStudents: s.int('Размер класса', 1, 60, 'Размер класса — от 1 до 60 учеников'),
          parts: s.parts,
          by: s.ruleSplitBy,
        }),
        'Правил деления',
        s.maxItems.ruleItems,
      ),
      maxTeacherHours: s.num('Максимальная нагрузка', 1, 60, { range: 'Максимальная нагрузка — от 1 до 60 часов' }),
      teachingNormHours: s.num('Норма часов за ставку', 1, 40, { range: 'Норма часов за ставку — от 1 до 40' }).default(18),
    }),
  ).returns<T.GroupsRule>(),
  'subgroups.forClass': read(view('groups'), z.object({ classId: s.id })).returns<T.ClassSubgroups>(),
  /** Divides (or divides again) a class for a subject; `parts` is ignored for 'copy'. Dividing a subject
   *  for the first time moves its whole-class assignments to the first subgroup. */
  'subgroups.split': write(change('groups'),
    z.object({ classId: s.id, subjectId: s.id, parts: s.parts.default(2), by: s.splitBy, copyFromSubjectId: s.optionalId }),
  ).returns<T.Division>(),
  /** Moves a student of the class into a subgroup (or places a newcomer there). */
  'subgroups.move': write(change('groups'), z.object({ studentId: s.id, subgroupId: s.id })).returns<T.Division>(),
  'subgroups.place': write(change('groups'), z.object({ studentId: s.id, subgroupId: s.id })).returns<T.Division>(),
  /** Places every pending student (of one class, or of the school) into the suggested subgroup. */
  'subgroups.placeSuggested': write(change('groups'), z.object({ classId: s.optionalId })).returns<{ placed: number }>(),
  /** The subgroup's one teacher for all its curriculum hours; null removes its assignments. */
  'subgroups.setTeacher': write(change('groups'), z.object({ subgroupId: s.id, teacherId: s.optionalId })).returns<T.Division>(),
  /** Undivides: division, subgroups and memberships are tombstoned; the first subgroup's teachers
   *  teach the whole class, the other subgroups' assignments are tombstoned. */
  'subgroups.remove': write(change('groups'), z.object({ classId: s.id, subjectId: s.id })).returns<void>(),
  /** Divides every class the rule says should be divided; `replace` divides already divided ones again. */
  'subgroups.splitAllEligible': write(change('groups'), z.object({ replace: z.boolean().default(false) })).returns<T.SplitAllResult>(),
  'subgroups.pending': read(view('groups'), z.object({ classId: s.optionalId, studentId: s.optionalId })).returns<T.PendingPlacement[]>(),

  'studyGroups.list': read(view('groups'), none).returns<T.StudyGroup[]>(),
  'studyGroups.get': read(view('groups'), z.object({ id: s.id })).returns<T.StudyGroupDetails>(),
  /** `teacherId`: omitted — assignments unchanged; null — removed; an id — that teacher for all the group's hours. */
  'studyGroups.save': write(change('groups'),
    z.object({
      id: s.optionalId,
      name: s.required('Название группы', 'title'),
      kind: s.studyGroupKind,
      subjectId: s.id,
      hoursPerWeek: s.weeklyHours,
      teacherId: s.optionalId,
    }),
  ).returns<T.StudyGroup>(),
  'studyGroups.remove': write(change('groups'), z.object({ id: s.id })).returns<void>(),
  'studyGroups.setMembers': write(change('groups'), z.object({ groupId: s.id, studentIds: s.list(s.id, 'Учеников в учебной группе', s.maxItems.studyGroupMembers) })).returns<T.StudyGroupDetails>(),

  'assignments.list': read(view('groups'),
    z.object({ teacherId: s.optionalId, classId: s.optionalId, studyGroupId: s.optionalId }).optional().default({}),
  ).returns<T.Assignment[]>(),
  /** Target: a study group (studyGroupId), a subgroup (subgroupId), or a whole class (classId + subjectId). */
  'assignments.save': write(change('groups'),
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
  'assignments.remove': write(change('groups'), z.object({ id: s.id })).returns<void>(),
  /** Gives every curriculum hour without a teacher (of one class, or of the school) to a qualified teacher. */
  'assignments.fromCurriculum': write(change('groups'), z.object({ classId: s.optionalId })).returns<T.FromCurriculumResult>(),
  'workload.byTeacher': read(view('groups'), z.object({ teacherId: s.optionalId }).optional().default({})).returns<T.TeacherWorkload[]>(),
  'workload.byClass': read(view('groups'), z.object({ classId: s.optionalId }).optional().default({})).returns<T.ClassCoverage[]>(),
  /** Every problem of subgroups, study groups and workload, each with a code and a Russian message. */
  'setup.validate': read(view('groups'), none).returns<T.ValidationResult>(),

  'reports.subgroupListsPdf': read(view('groups'), z.object({ classId: s.id, subjectId: s.optionalId })).returns<T.ExportedFile>(),
  'reports.studyGroupListsPdf': read(view('groups'), z.object({ groupId: s.optionalId })).returns<T.ExportedFile>(),
  'reports.workloadXlsx': read(view('groups'), none).returns<T.ExportedFile>(),
} as const;

function T_auditFilter() {
  return z.object({
    actor: s.searchText('Пользователь').optional(),
    entity: s.searchText('Раздел').optional(),
    entityId: s.searchText('Запись').optional(),
    text: s.searchText().optional(),
    from: s.isoDate.optional(),
    to: s.isoDate.optional(),
  });
}

function T_school() {
  return z.object({
    fullName: s.required('Полное наименование', 'schoolFullName'),
    shortName: s.required('Краткое наименование', 'schoolShortName'),
    inn: z
      .string()
      .max(20, 'ИНН — 10 или 12 цифр')
      .trim()
      .regex(/^(\d{10}|\d{12})?$/, 'ИНН — 10 или 12 цифр')
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
    address: s.optionalText('Адрес', 'address'),
    phone: s.optionalText('Телефон', 'phone'),
    email: s.optionalText('E-mail', 'email'),
    directorId: s.optionalId,
  });
}

function T_year() {
  const period = z.object({
    kind: z.enum(['quarter', 'half']),
    number: s.int('Номер периода', 1, 4),
    name: s.required('Название периода', 'title'),
    startDate: s.isoDate,
    endDate: s.isoDate,
    gradeFrom: s.grade,
    gradeTo: s.grade,
  });
  const holiday = z.object({
    name: s.required('Название каникул', 'title'),
    startDate: s.isoDate,
    endDate: s.isoDate,
    gradeFrom: s.grade,
    gradeTo: s.grade,
  });
  return z.object({
    id: s.optionalId,
    name: s.required('Учебный год', 'title'),
    startDate: s.isoDate,
    endDate: s.isoDate,
    gradeEditWindow: s.gradeEditWindow,
    isCurrent: z.boolean().default(true),
    periods: s.list(period, 'Учебных периодов', s.maxItems.periods).min(1, 'Добавьте учебные периоды'),
    holidays: s.list(holiday, 'Каникул', s.maxItems.holidays),
  });
}

function T_mapping() {
  return z
    .record(
      z.string().max(MAX.id, 'Неизвестное поле в сопоставлении столбцов'),
      s.int('Номер столбца', 0, MAX_COLUMN_INDEX, 'В сопоставлении выбран несуществующий столбец').nullable(),
    )
    .refine((m) => Object.keys(m).length <= s.maxItems.mappingFields, tooManyMessage('Полей в сопоставлении столбцов', s.maxItems.mappingFields))
    .optional();
}

export type Contract = typeof contract;
export type OpName = keyof Contract;
export type OpInput<N extends OpName> = z.input<Contract[N]['input']>;
export type OpParsed<N extends OpName> = z.output<Contract[N]['input']>;
export type OpOutput<N extends OpName> = Contract[N]['output'];
export const opNames = Object.keys(contract) as OpName[];
export type { OpDef };
