// The entity registry (issue 9): one declaration per table of the store — its Russian title, the
// Russian label of every column (the audit log and the correction register name fields by it) and
// how a value is shown, who owns its rows for sync, its natural keys, and how the audit log names
// one of its records. Everything else reads it: the Writer (the record's name in «Запись не найдена
// (предмет)»; only `office` tables are written by the office), the audit log's labels
// (electron/core/audit/labels.ts derives them at run time, no second list), and, next, sync.
//
// It lives in db/ beside schema.ts because it describes tables: the Writer (db) needs it and the
// core reads it; the renderer never sees tables, only operations. Its columns are typed by the
// schema (`Entity<T>` demands exactly the columns of `Database[T]`, none missing, none extra), and
// tests/db/entities.test.ts compares both with the database the migrations build, column by column,
// foreign key by foreign key, unique index by unique index.
import type { Database } from './schema';
import { paperArchiveKinds, paperSteps } from '../electron/api/enums';
import { calendarDayKinds, credentialHandings, credentialRoles, debtDecisions, debtReasons, debtStatuses, enrollmentPreferences, orderKinds, orderStatuses, promotionDecisions } from '../electron/api/enums';
import { absenceKinds, absenceReasons, lessonChangeKinds, roomKinds, unavailableReasons, weekParities, divisionMethods, genders, gradeEditWindows, gradings, lessonStatuses, markTables, markValues, periodKinds, staffRoles, studyGroupKinds, appRoles, workKinds } from '../electron/api/enums';

export type Table = keyof Database;

/**
 * Who owns a table's rows, for sync:
 * - `office`: the school office edits them here; each change is a sync mutation's (db/sync);
 * - `central`: they come from the central system and are read-only here (the journal, issue 10);
 * - `local`: they never leave this computer (accounts, settings, the sync store and the audit log themselves).
 */
export type Owner = 'office' | 'central' | 'local';

/** A column: its Russian label and how its value reads in the audit log. */
export interface Column {
  readonly label: string;
  /** 'date' dd.mm.yyyy; 'time' a moment dd.mm.yyyy HH:MM; 'flag' да/нет; 'list' a JSON list, joined. */
  readonly shows?: 'date' | 'time' | 'flag' | 'list';
  /** The id of another record: shown by that record's name. */
  readonly ref?: Table;
  /** The Russian of each value (an enum's; of each item for a 'list'). */
  readonly names?: Readonly<Record<string, string>>;
  /** 'hidden': bookkeeping, not shown in the log; 'secret': never written to the log at all. */
  readonly audit?: 'hidden' | 'secret';
}

/** How the audit log names one record: after `prefix`, SQL over the row `t` (for search too), or a function of its id. */
export type RecordLabel = { readonly prefix: string; readonly sql: string } | { readonly prefix: string; readonly of: (id: string) => string };

type ColumnName<T extends Table> = keyof Database[T] & string;

export interface Entity<T extends Table> {
  /** The kind of record, as a filter list or a heading shows it: «Ученики». */
  readonly title: string;
  /** One record in the middle of a sentence: «Запись не найдена (ученик)». */
  readonly record: string;
  readonly owner: Owner;
  /**
   * The natural keys: the columns that tell a record apart as people (and the central system) know
   * it, each one key (a record matches another by any of them). Every unique index of the table is one.
   */
  readonly keys: readonly (readonly ColumnName<T>[])[];
  /**
   * The keys the database enforces (its unique indexes), which the central server enforces too: a
   * row takes part while it is live (deleted_at null) and open (date_to null, where the table has
   * it); a key with an empty part clashes with nothing unless `nullsEqual` (issue 10).
   */
  readonly unique?: readonly { readonly on: readonly ColumnName<T>[]; readonly nullsEqual?: true }[];
  /** Every column, in the table's order. */
  readonly columns: { readonly [C in ColumnName<T>]-?: Column };
  /** Written to the audit log: how a record of it is named there. */
  readonly label?: RecordLabel;
  /** Keys the audit log writes for this table that are not columns (a login event, a masked password). */
  readonly events?: Readonly<Record<string, Column>>;
}

const text = (label: string): Column => ({ label });
const date = (label: string): Column => ({ label, shows: 'date' });
const time = (label: string): Column => ({ label, shows: 'time' });
const flag = (label: string): Column => ({ label, shows: 'flag' });
const list = (label: string, names?: Readonly<Record<string, string>>): Column => ({ label, shows: 'list', names });
const ref = (label: string, table: Table): Column => ({ label, ref: table });
const oneOf = (label: string, names: Readonly<Record<string, string>>): Column => ({ label, names });
const hidden = (label: string): Column => ({ label, audit: 'hidden' });
const secret = (label: string): Column => ({ label, audit: 'secret' });

/** The columns every synced row carries (SyncColumns). */
const SYNC = {
  id: hidden('Идентификатор'),
  created_at: hidden('Создано'),
  updated_at: hidden('Изменено'),
  deleted_at: time('Удалено'),
} as const;

const PERSON = {
  last_name: text('Фамилия'),
  first_name: text('Имя'),
  middle_name: text('Отчество'),
} as const;

// SQL of a record's name, over the row `t` (table names are constants: safe to put in SQL).
const person = (t: string) => `${t}.last_name || ' ' || ${t}.first_name || coalesce(' ' || ${t}.middle_name, '')`;
/** A class's name in SQL: «5А» (the one definition in TypeScript: className in electron/api/text.ts). */
export const classNameSql = (t: string) => `${t}.grade || ${t}.letter`;
const yearOf = (t: string) => `coalesce(' (' || (SELECT y.name FROM academic_year y WHERE y.id = ${t}.year_id) || ')', '')`;
const classOf = (col: string) => `(SELECT ${classNameSql('c')} FROM school_class c WHERE c.id = ${col})`;
const subjectOf = (col: string) => `(SELECT p.name FROM subject p WHERE p.id = ${col})`;
const periodOf = (col: string) => `(SELECT p.name FROM study_period p WHERE p.id = ${col})`;
const studentOf = (col: string) => `(SELECT ${person('s')} FROM student s WHERE s.id = ${col})`;
const divisionOf = (col: string) =>
  `(SELECT ${classNameSql('c')} || ', ' || p.name FROM class_division d JOIN school_class c ON c.id = d.class_id JOIN subject p ON p.id = d.subject_id WHERE d.id = ${col})`;

/** Settings written to the audit log as one line (the settings page; the rule of division). */
const SETTINGS_NAMES: Readonly<Record<string, string>> = { app: 'вход и резервные копии', 'groups.rule': 'правило деления на подгруппы и нагрузка учителей' };

export const entities: { readonly [T in Table]: Entity<T> } = {
  school: {
    title: 'Школа',
    record: 'школа',
    owner: 'office',
    keys: [['full_name']],
    label: { prefix: 'Школа: ', sql: 't.short_name' },
    columns: {
      ...SYNC,
      full_name: text('Полное наименование'),
      short_name: text('Краткое наименование'),
      inn: text('ИНН'),
      address: text('Адрес'),
      phone: text('Телефон'),
      email: text('E-mail'),
      director_id: ref('Директор', 'staff'),
      report_rules: text('Пороги отчётов и мониторинга'),
      paper_journal: flag('Бумажные копии журнала'),
    },
  },
  academic_year: {
    title: 'Учебные годы',
    record: 'учебный год',
    owner: 'office',
    keys: [['name']],
    label: { prefix: 'Учебный год ', sql: 't.name' },
    columns: {
      ...SYNC,
      name: text('Учебный год'),
      start_date: date('Дата начала'),
      end_date: date('Дата окончания'),
      grade_edit_window: oneOf('Срок исправления отметок', gradeEditWindows.texts),
      is_current: flag('Текущий учебный год'),
    },
  },
  study_period: {
    title: 'Учебные периоды',
    record: 'учебный период',
    owner: 'office',
    keys: [['year_id', 'kind', 'number', 'grade_from', 'grade_to']],
    label: { prefix: 'Учебный период: ', sql: `t.name || ${yearOf('t')}` },
    columns: {
      ...SYNC,
      year_id: ref('Учебный год', 'academic_year'),
      kind: oneOf('Вид периода', periodKinds.texts),
      number: text('Номер'),
      name: text('Название'),
      start_date: date('Дата начала'),
      end_date: date('Дата окончания'),
      grade_from: text('С параллели'),
      grade_to: text('По параллель'),
    },
  },
  holiday: {
    title: 'Каникулы',
    record: 'каникулы',
    owner: 'office',
    keys: [['year_id', 'name', 'grade_from', 'grade_to']],
    label: { prefix: 'Каникулы: ', sql: `t.name || ${yearOf('t')}` },
    columns: {
      ...SYNC,
      year_id: ref('Учебный год', 'academic_year'),
      name: text('Название'),
      start_date: date('Дата начала'),
      end_date: date('Дата окончания'),
      grade_from: text('С параллели'),
      grade_to: text('По параллель'),
    },
  },
  bell_schedule: {
    title: 'Расписания звонков',
    record: 'расписание звонков',
    owner: 'office',
    keys: [['year_id', 'shift']],
    label: { prefix: 'Расписание звонков: ', sql: `t.name || ${yearOf('t')}` },
    columns: {
      ...SYNC,
      year_id: ref('Учебный год', 'academic_year'),
      shift: text('Смена'),
      name: text('Название'),
    },
  },
  bell: {
    title: 'Звонки',
    record: 'звонок',
    owner: 'office',
    keys: [['schedule_id', 'lesson_no']],
    label: { prefix: 'Звонок: ', sql: `t.lesson_no || ' урок' || coalesce(', ' || (SELECT b.name FROM bell_schedule b WHERE b.id = t.schedule_id), '')` },
    columns: {
      ...SYNC,
      schedule_id: ref('Расписание звонков', 'bell_schedule'),
      lesson_no: text('Номер урока'),
      starts_at: text('Начало'),
      ends_at: text('Окончание'),
    },
  },
  subject: {
    title: 'Предметы',
    record: 'предмет',
    owner: 'office',
    keys: [['name']],
    label: { prefix: 'Предмет: ', sql: 't.name' },
    columns: {
      ...SYNC,
      name: text('Название'),
      short_name: text('Краткое название'),
      no_attestation: flag('Без аттестации'),
      grading: oneOf('Система оценивания', gradings.texts),
      sort_order: text('Порядок в списке'),
      room_kind: oneOf('Нужен кабинет', roomKinds.texts),
    },
  },
  room: {
    title: 'Кабинеты',
    record: 'кабинет',
    owner: 'office',
    keys: [['number']],
    label: { prefix: 'Кабинет ', sql: `t.number || coalesce(' (' || t.name || ')', '')` },
    columns: {
      ...SYNC,
      number: text('Номер кабинета'),
      name: text('Название'),
      capacity: text('Вместимость'),
      kind: oneOf('Вид кабинета', roomKinds.texts),
    },
  },
  staff: {
    title: 'Сотрудники',
    record: 'сотрудник',
    owner: 'office',
    keys: [['snils'], ['last_name', 'first_name', 'middle_name', 'birth_date']],
    label: { prefix: 'Сотрудник: ', sql: person('t') },
    columns: {
      ...SYNC,
      ...PERSON,
      birth_date: date('Дата рождения'),
      gender: oneOf('Пол', genders.texts),
      snils: text('СНИЛС'),
      phone: text('Телефон'),
      email: text('E-mail'),
      position: text('Должность'),
      roles: list('Роли', staffRoles.texts),
      deputy_grades: list('Курируемые параллели'),
      rate_hours: text('Ставка, часов в неделю'),
    },
    // Before migration 0006 the subjects were a list on the card; old audit lines still name it.
    events: { subjects: list('Может вести предметы') },
  },
  staff_qualification: {
    title: 'Предметы, которые могут вести сотрудники',
    record: 'предмет, который может вести сотрудник',
    owner: 'office',
    keys: [['staff_id', 'subject_id']],
    unique: [{ on: ['staff_id', 'subject_id'] }],
    label: {
      prefix: 'Может вести предмет: ',
      sql: `coalesce((SELECT ${person('p')} FROM staff p WHERE p.id = t.staff_id), '?') || ' — ' || coalesce(${subjectOf('t.subject_id')}, '?')`,
    },
    columns: {
      ...SYNC,
      staff_id: ref('Сотрудник', 'staff'),
      subject_id: ref('Предмет', 'subject'),
    },
  },
  school_class: {
    title: 'Классы',
    record: 'класс',
    owner: 'office',
    keys: [['year_id', 'grade', 'letter']],
    unique: [{ on: ['year_id', 'grade', 'letter'] }],
    label: { prefix: 'Класс ', sql: classNameSql('t') },
    columns: {
      ...SYNC,
      year_id: ref('Учебный год', 'academic_year'),
      grade: text('Параллель'),
      letter: text('Литера'),
      shift: text('Смена'),
      class_teacher_id: ref('Классный руководитель', 'staff'),
      room_id: ref('Кабинет', 'room'),
    },
  },
  curriculum_item: {
    title: 'Учебный план',
    record: 'учебный план',
    owner: 'office',
    keys: [['class_id', 'subject_id']],
    unique: [{ on: ['class_id', 'subject_id'] }],
    label: { prefix: 'Учебный план: ', sql: `coalesce(${classOf('t.class_id')}, '?') || ', ' || coalesce(${subjectOf('t.subject_id')}, '?')` },
    columns: {
      ...SYNC,
      class_id: ref('Класс', 'school_class'),
      subject_id: ref('Предмет', 'subject'),
      hours_per_week: text('Часов в неделю'),
    },
  },
  student: {
    title: 'Ученики',
    record: 'ученик',
    owner: 'office',
    keys: [['snils'], ['last_name', 'first_name', 'middle_name', 'birth_date']],
    unique: [{ on: ['snils'] }],
    label: { prefix: 'Ученик: ', sql: person('t') },
    columns: {
      ...SYNC,
      ...PERSON,
      birth_date: date('Дата рождения'),
      gender: oneOf('Пол', genders.texts),
      snils: text('СНИЛС'),
      class_id: ref('Класс', 'school_class'),
      address: text('Адрес'),
      personal_file_no: text('Номер личного дела'),
      birth_certificate: text('Свидетельство о рождении'),
    },
  },
  class_membership: {
    title: 'Обучение в классах',
    record: 'обучение в классе',
    owner: 'office',
    // A membership is the student's from a day; the open one (date_to null) is one per student.
    keys: [['student_id', 'class_id', 'date_from'], ['student_id']],
    unique: [{ on: ['student_id'] }],
    label: { prefix: 'Обучение в классе: ', sql: `coalesce(${studentOf('t.student_id')}, '?') || ' — ' || coalesce(${classOf('t.class_id')}, '?')` },
    columns: {
      ...SYNC,
      student_id: ref('Ученик', 'student'),
      class_id: ref('Класс', 'school_class'),
      opened_order_id: text('Приказ о зачислении (переводе в класс)'),
      closed_order_id: text('Приказ о выбытии (переводе из класса)'),
      date_from: date('Дата зачисления'),
      date_to: date('Дата выбытия'),
    },
  },
  guardian: {
    title: 'Родители (законные представители)',
    record: 'представитель ученика',
    owner: 'office',
    // A parent is known by the name and the phone (siblings share one); the link says whose.
    keys: [['last_name', 'first_name', 'middle_name', 'phone']],
    label: { prefix: 'Представитель: ', sql: person('t') },
    columns: {
      ...SYNC,
      ...PERSON,
      phone: text('Телефон'),
      email: text('E-mail'),
      pd_consent_date: date('Согласие на обработку персональных данных'),
      e_service_refused: flag('Отказ от электронного дневника'),
    },
  },
  student_guardian: {
    title: 'Связи учеников и представителей',
    record: 'представитель ученика',
    owner: 'office',
    keys: [['student_id', 'guardian_id']],
    label: {
      prefix: 'Представитель ученика: ',
      sql: `coalesce(${studentOf('t.student_id')}, '?') || ' — ' || coalesce((SELECT ${person('g')} FROM guardian g WHERE g.id = t.guardian_id), '?') || ' (' || t.relation || ')'`,
    },
    columns: {
      ...SYNC,
      student_id: ref('Ученик', 'student'),
      guardian_id: ref('Представитель', 'guardian'),
      relation: text('Кем приходится'),
    },
  },
  correction_request: {
    title: 'Обращения об ошибках в данных',
    record: 'обращение об ошибке',
    owner: 'office',
    keys: [['reported_at', 'reporter']],
    label: { prefix: 'Обращение об ошибке: ', sql: 't.reporter' },
    columns: {
      ...SYNC,
      reported_at: time('Дата и время обращения'),
      reporter: text('Кто сообщил'),
      reporter_contact: text('Контакт заявителя'),
      description: text('Суть ошибки'),
      due_at: time('Срок исправления'),
      corrected_at: time('Исправлено'),
      corrected_by: text('Кто исправил'),
      resolution: text('Что исправлено'),
      reporter_notified_at: time('Заявитель уведомлён'),
    },
  },
  class_division: {
    title: 'Деление классов на подгруппы',
    record: 'деление на подгруппы',
    owner: 'office',
    keys: [['class_id', 'subject_id']],
    unique: [{ on: ['class_id', 'subject_id'] }],
    label: { prefix: 'Деление на подгруппы: ', sql: `coalesce(${classOf('t.class_id')}, '?') || ', ' || coalesce(${subjectOf('t.subject_id')}, '?')` },
    columns: {
      ...SYNC,
      class_id: ref('Класс', 'school_class'),
      subject_id: ref('Предмет', 'subject'),
      method: oneOf('Способ деления', divisionMethods.texts),
    },
  },
  subgroup: {
    title: 'Подгруппы',
    record: 'подгруппа',
    owner: 'office',
    keys: [['division_id', 'number']],
    unique: [{ on: ['division_id', 'number'] }],
    label: { prefix: 'Подгруппа: ', sql: `coalesce(${divisionOf('t.division_id')}, '?') || ', ' || t.name` },
    columns: {
      ...SYNC,
      division_id: ref('Деление на подгруппы', 'class_division'),
      number: text('Номер'),
      name: text('Название'),
    },
  },
  subgroup_member: {
    title: 'Составы подгрупп',
    record: 'состав подгруппы',
    owner: 'office',
    keys: [['division_id', 'student_id']],
    unique: [{ on: ['division_id', 'student_id'] }],
    label: { prefix: 'Состав подгруппы: ', sql: `coalesce(${studentOf('t.student_id')}, '?') || ' — ' || coalesce(${divisionOf('t.division_id')}, '?')` },
    columns: {
      ...SYNC,
      division_id: ref('Деление на подгруппы', 'class_division'),
      subgroup_id: ref('Подгруппа', 'subgroup'),
      student_id: ref('Ученик', 'student'),
      date_from: date('Дата зачисления'),
      date_to: date('Дата выбытия'),
    },
  },
  study_group: {
    title: 'Учебные группы',
    record: 'учебная группа',
    owner: 'office',
    keys: [['year_id', 'name']],
    label: { prefix: 'Учебная группа: ', sql: 't.name' },
    columns: {
      ...SYNC,
      year_id: ref('Учебный год', 'academic_year'),
      name: text('Название'),
      subject_id: ref('Предмет', 'subject'),
      kind: oneOf('Вид группы', studyGroupKinds.texts),
      hours_per_week: text('Часов в неделю'),
    },
  },
  study_group_member: {
    title: 'Составы учебных групп',
    record: 'состав учебной группы',
    owner: 'office',
    keys: [['group_id', 'student_id']],
    unique: [{ on: ['group_id', 'student_id'] }],
    label: {
      prefix: 'Состав учебной группы: ',
      sql: `coalesce(${studentOf('t.student_id')}, '?') || ' — ' || coalesce((SELECT g.name FROM study_group g WHERE g.id = t.group_id), '?')`,
    },
    columns: {
      ...SYNC,
      group_id: ref('Учебная группа', 'study_group'),
      student_id: ref('Ученик', 'student'),
      date_from: date('Дата зачисления'),
      date_to: date('Дата выбытия'),
    },
  },
  teaching_assignment: {
    title: 'Тарификация',
    record: 'нагрузка учителя',
    owner: 'office',
    keys: [['teacher_id', 'subject_id', 'class_id', 'subgroup_id', 'study_group_id']],
    unique: [{ on: ['teacher_id', 'subject_id', 'class_id', 'subgroup_id', 'study_group_id'], nullsEqual: true }],
    label: {
      prefix: 'Нагрузка: ',
      sql:
        `coalesce((SELECT ${person('p')} FROM staff p WHERE p.id = t.teacher_id), '?') || ' — ' || ` +
        `coalesce(${subjectOf('t.subject_id')}, '?') || ', ' || ` +
        `coalesce(${classOf('t.class_id')}, (SELECT g.name FROM study_group g WHERE g.id = t.study_group_id), '?')`,
    },
    columns: {
      ...SYNC,
      teacher_id: ref('Учитель', 'staff'),
      subject_id: ref('Предмет', 'subject'),
      class_id: ref('Класс', 'school_class'),
      subgroup_id: ref('Подгруппа', 'subgroup'),
      study_group_id: ref('Учебная группа', 'study_group'),
      hours_per_week: text('Часов в неделю'),
    },
  },

  // ── The timetable and substitutions (issue 11; R8, R9) ──
  timetable: {
    title: 'Расписание',
    record: 'версия расписания',
    owner: 'office',
    keys: [['year_id', 'valid_from']],
    unique: [{ on: ['year_id', 'valid_from'] }],
    label: { prefix: 'Расписание: ', sql: `t.name || ' с ' || substr(t.valid_from, 9, 2) || '.' || substr(t.valid_from, 6, 2) || '.' || substr(t.valid_from, 1, 4)` },
    columns: {
      ...SYNC,
      year_id: ref('Учебный год', 'academic_year'),
      name: text('Название'),
      valid_from: date('Действует с'),
      days: text('Дней в неделе'),
      fortnight: flag('Чётные и нечётные недели'),
      rules: text('Нормы и ограничения'),
    },
  },
  timetable_card: {
    title: 'Уроки расписания',
    record: 'урок расписания',
    owner: 'office',
    keys: [['timetable_id', 'class_id', 'subgroup_id', 'study_group_id', 'subject_id', 'weekday', 'lesson_no']],
    label: {
      prefix: 'Урок расписания: ',
      sql:
        `coalesce(${classOf('t.class_id')}, (SELECT g.name FROM study_group g WHERE g.id = t.study_group_id), '?') || ', ' || ` +
        `coalesce(${subjectOf('t.subject_id')}, '?') || coalesce(', ' || (SELECT p.last_name FROM staff p WHERE p.id = t.teacher_id), '')`,
    },
    columns: {
      ...SYNC,
      timetable_id: ref('Расписание', 'timetable'),
      assignment_id: ref('Нагрузка', 'teaching_assignment'),
      teacher_id: ref('Учитель', 'staff'),
      subject_id: ref('Предмет', 'subject'),
      class_id: ref('Класс', 'school_class'),
      subgroup_id: ref('Подгруппа', 'subgroup'),
      study_group_id: ref('Учебная группа', 'study_group'),
      shift: text('Смена'),
      duration: text('Уроков подряд'),
      weeks: oneOf('Недели', weekParities.texts),
      weekday: text('День недели'),
      lesson_no: text('Номер урока'),
      room_id: ref('Кабинет', 'room'),
      pinned: flag('Закреплён'),
      fet_id: hidden('Номер в FET'),
    },
  },
  teacher_unavailable: {
    title: 'Занятость учителей',
    record: 'занятое время учителя',
    owner: 'office',
    keys: [['timetable_id', 'staff_id', 'weekday', 'shift', 'lesson_no']],
    unique: [{ on: ['timetable_id', 'staff_id', 'weekday', 'shift', 'lesson_no'], nullsEqual: true }],
    label: { prefix: 'Занятость: ', sql: `coalesce((SELECT ${person('p')} FROM staff p WHERE p.id = t.staff_id), '?')` },
    columns: {
      ...SYNC,
      timetable_id: ref('Расписание', 'timetable'),
      staff_id: ref('Учитель', 'staff'),
      weekday: text('День недели'),
      shift: text('Смена'),
      lesson_no: text('Номер урока'),
      reason: oneOf('Причина', unavailableReasons.texts),
    },
  },
  teacher_absence: {
    title: 'Отсутствие учителей',
    record: 'отсутствие учителя',
    owner: 'office',
    keys: [['staff_id', 'date_from']],
    label: { prefix: 'Отсутствие: ', sql: `coalesce((SELECT ${person('p')} FROM staff p WHERE p.id = t.staff_id), '?')` },
    columns: {
      ...SYNC,
      staff_id: ref('Учитель', 'staff'),
      date_from: date('С'),
      date_to: date('По'),
      reason: oneOf('Причина', absenceReasons.texts),
      note: text('Примечание'),
    },
  },
  lesson_change: {
    title: 'Замены и изменения уроков',
    record: 'замена урока',
    owner: 'office',
    keys: [['date', 'card_id']],
    unique: [{ on: ['date', 'card_id'] }],
    label: { prefix: 'Изменение урока ', sql: `substr(t.date, 9, 2) || '.' || substr(t.date, 6, 2) || '.' || substr(t.date, 1, 4)` },
    columns: {
      ...SYNC,
      date: date('Дата'),
      card_id: ref('Урок расписания', 'timetable_card'),
      kind: oneOf('Что сделано', lessonChangeKinds.texts),
      absence_id: ref('Отсутствие', 'teacher_absence'),
      substitute_id: ref('Заменяющий учитель', 'staff'),
      same_subject: flag('По тому же предмету'),
      to_date: date('Перенесён на дату'),
      to_lesson_no: text('Перенесён на урок'),
      room_id: ref('Кабинет', 'room'),
      note: text('Примечание'),
    },
  },

  // ── The contingent (issue 12): enrollment, orders, credentials ──
  enrollment_application: {
    title: 'Заявления о приёме',
    record: 'заявление о приёме',
    owner: 'office',
    keys: [['year_id', 'reg_number']],
    unique: [{ on: ['year_id', 'reg_number'] }],
    label: { prefix: 'Заявление № ', sql: `t.reg_number || ': ' || ${person('t')}` },
    columns: {
      ...SYNC,
      year_id: ref('Учебный год', 'academic_year'),
      reg_number: text('Номер заявления'),
      applied_at: text('Дата подачи'),
      status: text('Статус'),
      enrollable: flag('Можно зачислить'),
      preference: oneOf('Льгота', enrollmentPreferences.labels),
      sibling: flag('Брат или сестра в школе'),
      ...PERSON,
      birth_date: date('Дата рождения'),
      gender: oneOf('Пол', genders.texts),
      snils: text('СНИЛС'),
      birth_certificate: text('Свидетельство о рождении'),
      address: text('Адрес проживания'),
      on_territory: flag('Живёт на закреплённой территории'),
      adapted_programme: flag('Адаптированная программа'),
      grade: text('Параллель'),
      planned_class_id: ref('Класс при формировании', 'school_class'),
      student_id: ref('Ученик', 'student'),
      imported_at: time('Загружено'),
    },
  },
  enrollment_parent: {
    title: 'Родители в заявлениях о приёме',
    record: 'родитель в заявлении',
    owner: 'office',
    keys: [['application_id', 'position']],
    unique: [{ on: ['application_id', 'position'] }],
    label: { prefix: 'Родитель в заявлении: ', sql: person('t') },
    columns: {
      ...SYNC,
      application_id: ref('Заявление', 'enrollment_application'),
      position: text('Номер по порядку'),
      ...PERSON,
      relation: text('Кем приходится'),
      phone: text('Телефон'),
      email: text('Электронная почта'),
      guardian_id: ref('Родитель', 'guardian'),
    },
  },
  enrollment_pair: {
    title: 'Пары при формировании классов',
    record: 'пара при формировании классов',
    owner: 'office',
    keys: [['first_id', 'second_id']],
    unique: [{ on: ['first_id', 'second_id'] }],
    label: { prefix: 'Пара при формировании классов: ', sql: `(SELECT ${person('a')} FROM enrollment_application a WHERE a.id = t.first_id) || ' и ' || (SELECT ${person('a')} FROM enrollment_application a WHERE a.id = t.second_id)` },
    columns: {
      ...SYNC,
      first_id: ref('Заявление', 'enrollment_application'),
      second_id: ref('Второе заявление', 'enrollment_application'),
      together: flag('В одном классе'),
    },
  },
  school_order: {
    title: 'Приказы',
    record: 'приказ',
    owner: 'office',
    keys: [['year_id', 'kind', 'number']],
    unique: [{ on: ['year_id', 'kind', 'number'] }],
    label: { prefix: 'Приказ ', sql: `coalesce('№ ' || t.number || ' ', 'проект ') || 'от ' || substr(t.date, 9, 2) || '.' || substr(t.date, 6, 2) || '.' || substr(t.date, 1, 4) || ' «' || t.title || '»'` },
    columns: {
      ...SYNC,
      year_id: ref('Учебный год', 'academic_year'),
      kind: oneOf('Вид приказа', orderKinds.labels),
      number: text('Номер'),
      date: date('Дата'),
      status: oneOf('Состояние', orderStatuses.labels),
      title: text('Заголовок'),
      preamble: text('Преамбула'),
      basis: text('Основание'),
      signed_at: time('Подписан'),
      cancels_order_id: ref('Отменяет приказ', 'school_order'),
    },
  },
  order_item: {
    title: 'Строки приказов',
    record: 'строка приказа',
    owner: 'office',
    keys: [['order_id', 'position']],
    unique: [{ on: ['order_id', 'position'] }],
    label: { prefix: 'Строка приказа: ', sql: `coalesce(${studentOf('t.student_id')}, '')` },
    columns: {
      ...SYNC,
      order_id: ref('Приказ', 'school_order'),
      position: text('Номер строки'),
      student_id: ref('Ученик', 'student'),
      application_id: ref('Заявление', 'enrollment_application'),
      class_from_id: ref('Из класса', 'school_class'),
      class_to_id: ref('В класс', 'school_class'),
      grade: text('Параллель'),
      effective_date: date('С даты'),
      school_from: text('Откуда прибыл'),
      school_to: text('Куда выбыл'),
      reason: text('Причина'),
      decision: oneOf('Решение', promotionDecisions.labels),
    },
  },
  credential_request: {
    title: 'Выдача учётных данных',
    record: 'запрос учётных данных',
    owner: 'office',
    keys: [['student_id', 'guardian_id']],
    unique: [{ on: ['student_id', 'guardian_id'], nullsEqual: true }],
    label: { prefix: 'Учётные данные: ', sql: studentOf('t.student_id') },
    columns: {
      ...SYNC,
      student_id: ref('Ученик', 'student'),
      guardian_id: ref('Родитель', 'guardian'),
      role: oneOf('Для кого', credentialRoles.labels),
      arrived_on: date('Дата прибытия'),
      due_on: date('Выдать до'),
      requested_at: time('Запрошены'),
      handed_on: date('Выданы'),
      handed_to: text('Кому выданы'),
      handed_how: oneOf('Как выданы', credentialHandings.labels),
      handed_by: text('Кто выдал'),
    },
  },
  calendar_day: {
    title: 'Производственный календарь',
    record: 'день производственного календаря',
    owner: 'office',
    keys: [['date']],
    unique: [{ on: ['date'] }],
    label: { prefix: 'День календаря ', sql: `substr(t.date, 9, 2) || '.' || substr(t.date, 6, 2) || '.' || substr(t.date, 1, 4)` },
    columns: {
      ...SYNC,
      date: date('Дата'),
      kind: oneOf('День', calendarDayKinds.labels),
      note: text('Примечание'),
    },
  },
  statement_batch: {
    title: 'Выписки для родителей',
    record: 'пачка выписок',
    owner: 'office',
    keys: [['class_id', 'date_from', 'date_to', 'printed_at']],
    label: {
      prefix: 'Выписки ',
      sql: `substr(t.date_from, 9, 2) || '.' || substr(t.date_from, 6, 2) || '.' || substr(t.date_from, 1, 4) || '–' || substr(t.date_to, 9, 2) || '.' || substr(t.date_to, 6, 2) || '.' || substr(t.date_to, 1, 4) || coalesce(' ' || ${classOf('t.class_id')}, '')`,
    },
    columns: {
      ...SYNC,
      year_id: ref('Учебный год', 'academic_year'),
      date_from: date('С'),
      date_to: date('По'),
      class_id: ref('Класс', 'school_class'),
      printed_at: time('Напечатаны'),
      printed_by: text('Кто напечатал'),
    },
  },
  statement_copy: {
    title: 'Выписки для родителей',
    record: 'выписка',
    owner: 'office',
    keys: [['batch_id', 'student_id']],
    unique: [{ on: ['batch_id', 'student_id'] }],
    label: { prefix: 'Выписка: ', sql: studentOf('t.student_id') },
    columns: {
      ...SYNC,
      batch_id: ref('Пачка выписок', 'statement_batch'),
      student_id: ref('Ученик', 'student'),
      guardian_id: ref('Родитель', 'guardian'),
      handed_on: date('Вручена'),
      handed_to: text('Кому вручена'),
    },
  },

  // ── Paper copies and the archive (issue 14; R21, R22) ──
  paper_copy: {
    title: 'Бумажные копии журнала',
    record: 'бумажная копия',
    owner: 'office',
    keys: [['code']],
    unique: [{ on: ['code'] }],
    label: { prefix: 'Бумажная копия ', sql: `${classOf('t.class_id')} || ', ' || ${periodOf('t.period_id')} || ' (' || t.code || ')'` },
    columns: {
      ...SYNC,
      class_id: ref('Класс', 'school_class'),
      period_id: ref('Учебный период', 'study_period'),
      code: text('Номер копии'),
      digest: hidden('Контрольная сумма данных'),
      // Hundreds of kilobytes of hashes: never copied into the audit log.
      fingerprint: secret('Отпечаток данных'),
      sheets: text('Листов'),
      printed_at: time('Напечатана'),
      printed_by: text('Кто напечатал'),
    },
  },
  paper_step: {
    title: 'Бумажные копии: этапы',
    record: 'этап бумажной копии',
    owner: 'office',
    keys: [['class_id', 'period_id', 'step']],
    unique: [{ on: ['class_id', 'period_id', 'step'] }],
    label: { prefix: 'Этап копии: ', sql: `${classOf('t.class_id')} || ', ' || ${periodOf('t.period_id')}` },
    columns: {
      ...SYNC,
      class_id: ref('Класс', 'school_class'),
      period_id: ref('Учебный период', 'study_period'),
      step: oneOf('Этап', paperSteps.labels),
      done_at: time('Выполнен'),
      done_by: text('Кто отметил'),
      note: text('Примечание'),
    },
  },
  paper_signature: {
    title: 'Бумажные копии: подписи учителей',
    record: 'подпись учителя',
    owner: 'office',
    keys: [['class_id', 'period_id', 'subject_id', 'teacher_id']],
    unique: [{ on: ['class_id', 'period_id', 'subject_id', 'teacher_id'] }],
    label: { prefix: 'Подпись: ', sql: `${classOf('t.class_id')} || ', ' || ${subjectOf('t.subject_id')}` },
    columns: {
      ...SYNC,
      class_id: ref('Класс', 'school_class'),
      period_id: ref('Учебный период', 'study_period'),
      subject_id: ref('Предмет', 'subject'),
      teacher_id: ref('Учитель', 'staff'),
      signed_on: date('Подписано'),
      recorded_by: text('Кто отметил'),
    },
  },
  paper_register_entry: {
    title: 'Реестр бумажных копий',
    record: 'запись реестра',
    owner: 'office',
    keys: [['number']],
    unique: [{ on: ['number'] }],
    label: { prefix: 'Запись реестра № ', sql: `t.number` },
    columns: {
      ...SYNC,
      number: text('Номер'),
      received_on: date('Дата приёма'),
      class_id: ref('Класс', 'school_class'),
      period_id: ref('Учебный период', 'study_period'),
      copy_id: ref('Бумажная копия', 'paper_copy'),
      sheets: text('Листов'),
      handed_by: text('Сдал'),
      received_by: text('Принял'),
      corrects_id: ref('Исправляет запись', 'paper_register_entry'),
      note: text('Примечание'),
      prev_digest: hidden('Контрольная сумма предыдущей записи'),
      digest: hidden('Контрольная сумма'),
      recorded_at: time('Внесена'),
      recorded_by: text('Кто внёс'),
    },
  },
  paper_scan: {
    title: 'Сканы бумажных копий',
    record: 'скан',
    owner: 'local',
    keys: [['entry_id', 'digest']],
    unique: [{ on: ['entry_id', 'digest'] }],
    label: { prefix: 'Скан: ', sql: 't.file_name' },
    columns: {
      id: hidden('Идентификатор'),
      entry_id: ref('Запись реестра', 'paper_register_entry'),
      file_name: text('Файл'),
      mime: hidden('Тип файла'),
      size: text('Размер, байт'),
      digest: text('Контрольная сумма'),
      content: secret('Содержимое'),
      added_at: time('Добавлен'),
      added_by: text('Кто добавил'),
    },
  },
  paper_archive: {
    title: 'Архив журналов',
    record: 'архив',
    owner: 'office',
    keys: [['file_name', 'built_at']],
    label: { prefix: 'Архив: ', sql: 't.file_name' },
    columns: {
      ...SYNC,
      kind: oneOf('Вид', paperArchiveKinds.labels),
      year_id: ref('Учебный год', 'academic_year'),
      period_id: ref('Учебный период', 'study_period'),
      file_name: text('Файл'),
      size: text('Размер, байт'),
      digest: text('Контрольная сумма'),
      built_at: time('Создан'),
      built_by: text('Кто создал'),
    },
  },

  academic_debt: {
    title: 'Академические задолженности',
    record: 'академическая задолженность',
    owner: 'office',
    keys: [['student_id', 'subject_id', 'year_id']],
    unique: [{ on: ['student_id', 'subject_id', 'year_id'] }],
    label: { prefix: 'Задолженность: ', sql: `coalesce(${studentOf('t.student_id')}, '')` },
    columns: {
      ...SYNC,
      student_id: ref('Ученик', 'student'),
      subject_id: ref('Предмет', 'subject'),
      year_id: ref('Учебный год', 'academic_year'),
      reason: oneOf('Причина', debtReasons.labels),
      recorded_on: date('Зафиксирована'),
      first_retake_on: date('Первая пересдача'),
      first_result: oneOf('Результат первой пересдачи', markValues.labels),
      second_retake_on: date('Вторая пересдача (комиссия)'),
      second_result: oneOf('Результат второй пересдачи', markValues.labels),
      commission: list('Комиссия'),
      status: oneOf('Состояние', debtStatuses.labels),
      decision: oneOf('Решение', debtDecisions.labels),
      decided_on: date('Дата решения'),
      note: text('Примечание'),
    },
  },
  year_rollover: {
    title: 'Переходы на новый учебный год',
    record: 'переход на новый год',
    owner: 'office',
    keys: [['from_year_id']],
    unique: [{ on: ['from_year_id'] }],
    label: { prefix: 'Переход на новый год: ', sql: `(SELECT name FROM academic_year WHERE id = t.to_year_id)` },
    columns: {
      ...SYNC,
      from_year_id: ref('Из учебного года', 'academic_year'),
      to_year_id: ref('В учебный год', 'academic_year'),
      done_at: time('Выполнен'),
      done_by: text('Кто выполнил'),
      summary: hidden('Итог'),
      backup_file: text('Резервная копия'),
    },
  },

  // ── The central system's: teachers enter them in the central journal, sync brings them (issue 10) ──
  lesson: {
    title: 'Уроки',
    record: 'урок',
    owner: 'central',
    keys: [['class_id', 'subgroup_id', 'study_group_id', 'date', 'lesson_no']],
    columns: {
      ...SYNC,
      date: date('Дата'),
      lesson_no: text('Номер урока'),
      class_id: ref('Класс', 'school_class'),
      subgroup_id: ref('Подгруппа', 'subgroup'),
      study_group_id: ref('Учебная группа', 'study_group'),
      subject_id: ref('Предмет', 'subject'),
      teacher_id: ref('Учитель', 'staff'),
      substitute_id: ref('Заменяющий учитель', 'staff'),
      topic: text('Тема урока'),
      homework: text('Домашнее задание'),
      status: oneOf('Состояние', lessonStatuses.texts),
    },
  },
  mark: {
    title: 'Отметки',
    record: 'отметка',
    owner: 'central',
    keys: [['student_id', 'lesson_id', 'work_kind', 'entered_at']],
    columns: {
      ...SYNC,
      student_id: ref('Ученик', 'student'),
      lesson_id: ref('Урок', 'lesson'),
      date: date('Дата'),
      subject_id: ref('Предмет', 'subject'),
      value: oneOf('Отметка', markValues.labels),
      work_kind: oneOf('Вид работы', workKinds.texts),
      weight: text('Вес'),
      entered_by: ref('Поставил', 'staff'),
      entered_at: time('Поставлена'),
    },
  },
  attendance: {
    title: 'Посещаемость',
    record: 'отметка о посещаемости',
    owner: 'central',
    keys: [['lesson_id', 'student_id']],
    columns: {
      ...SYNC,
      lesson_id: ref('Урок', 'lesson'),
      student_id: ref('Ученик', 'student'),
      kind: oneOf('Отметка', absenceKinds.labels),
      entered_by: ref('Отметил', 'staff'),
      entered_at: time('Отмечено'),
    },
  },
  period_mark: {
    title: 'Отметки за периоды и год',
    record: 'отметка за период',
    owner: 'central',
    keys: [['student_id', 'subject_id', 'year_id', 'period_id', 'attestation']],
    columns: {
      ...SYNC,
      student_id: ref('Ученик', 'student'),
      subject_id: ref('Предмет', 'subject'),
      year_id: ref('Учебный год', 'academic_year'),
      period_id: ref('Учебный период', 'study_period'),
      value: oneOf('Отметка', markValues.labels),
      entered_by: ref('Поставил', 'staff'),
      entered_at: time('Поставлена'),
      attestation: flag('Промежуточная аттестация'),
    },
  },
  mark_change: {
    title: 'Изменения отметок',
    record: 'изменение отметки',
    owner: 'central',
    keys: [['mark_id', 'changed_at']],
    columns: {
      ...SYNC,
      mark_id: text('Отметка'),
      mark_table: oneOf('Вид отметки', markTables.texts),
      student_id: ref('Ученик', 'student'),
      subject_id: ref('Предмет', 'subject'),
      lesson_date: date('Дата урока'),
      teacher_id: ref('Учитель', 'staff'),
      changed_at: time('Изменена'),
      old_value: oneOf('Было', markValues.labels),
      new_value: oneOf('Стало', markValues.labels),
    },
  },
  journal_account: {
    title: 'Учётные записи в центральном журнале',
    record: 'учётная запись в центральном журнале',
    owner: 'central',
    keys: [['staff_id', 'login']],
    columns: {
      ...SYNC,
      staff_id: ref('Сотрудник', 'staff'),
      login: text('Логин'),
      active: flag('Активна'),
      last_login_at: time('Последний вход'),
    },
  },

  credential_issue: {
    title: 'Выданные центральной системой учётные данные',
    record: 'учётные данные центральной системы',
    owner: 'central',
    keys: [['request_id']],
    unique: [{ on: ['request_id'] }],
    columns: {
      ...SYNC,
      request_id: ref('Запрос', 'credential_request'),
      login: text('Логин'),
      one_time_password: secret('Одноразовый пароль'),
      issued_at: time('Выданы'),
    },
  },

  // ── Local: never leaves this computer ───────────────────────────────────────────────────────
  app_user: {
    title: 'Пользователи',
    record: 'пользователь',
    owner: 'local',
    keys: [['login'], ['staff_id']],
    label: { prefix: 'Пользователь: ', sql: 't.login' },
    columns: {
      id: hidden('Идентификатор'),
      login: text('Логин'),
      display_name: text('ФИО'),
      role: oneOf('Роль', appRoles.labels),
      deputy_grades: list('Курируемые параллели'),
      password_hash: secret('Пароль'),
      must_change_password: flag('Сменить пароль при входе'),
      failed_attempts: hidden('Неверных паролей подряд'),
      locked_until: time('Вход заблокирован до'),
      disabled: flag('Учётная запись отключена'),
      last_login_at: time('Последний вход'),
      created_at: hidden('Создано'),
      updated_at: hidden('Изменено'),
      staff_id: ref('Сотрудник', 'staff'),
    },
    // A password is logged as changed, never as a value; logins and logouts are events.
    events: { password: text('Пароль'), session: text('Вход в программу') },
  },
  setting: {
    title: 'Настройки',
    record: 'настройка',
    owner: 'local',
    keys: [['key']],
    label: { prefix: 'Настройки: ', of: (id) => SETTINGS_NAMES[id] ?? id },
    columns: {
      key: text('Параметр'),
      value: text('Значение'),
    },
    events: {
      autoLockMinutes: text('Блокировка после бездействия, мин'),
      maxFailedLogins: text('Неверных паролей до блокировки входа'),
      lockoutMinutes: text('Блокировка входа, мин'),
      backupIntervalHours: text('Автоматическая копия каждые, ч'),
      backupKeep: text('Хранить автоматических копий'),
      backupDir: text('Папка резервных копий'),
      items: text('Правило деления на подгруппы'),
      maxTeacherHours: text('Максимальная нагрузка учителя, ч в неделю'),
      teachingNormHours: text('Норма часов на ставку'),
      isDefault: flag('Правило по умолчанию'),
    },
  },
  sync_state: {
    title: 'Состояние синхронизации',
    record: 'состояние синхронизации',
    owner: 'local',
    keys: [['id']],
    columns: {
      id: hidden('Идентификатор'),
      server_url: text('Адрес центральной системы'),
      school_id: text('Школа в центральной системе'),
      school_name: text('Название школы в центральной системе'),
      client_id: text('Идентификатор установки'),
      secret: secret('Ключ установки'),
      cursor: text('Получено до версии'),
      acked_mutation: text('Подтверждено изменений'),
      pushed_through: text('Отправлено изменений'),
      next_mutation: text('Номер следующего изменения'),
      needs_fork: flag('Нужен новый идентификатор установки'),
      last_sync_at: time('Последняя синхронизация'),
      last_error: text('Последняя ошибка'),
      sent_through: text('Взято для отправки изменений'),
    },
  },
  sync_mutation: {
    title: 'Изменения для синхронизации',
    record: 'изменение для синхронизации',
    owner: 'local',
    keys: [['no']],
    columns: {
      no: text('Номер'),
      at: time('Сделано'),
      actor: text('Пользователь'),
      state: text('Состояние'),
      reason: text('Причина отказа'),
      version: text('Версия в центральной системе'),
      refused_at: time('Отменено'),
    },
  },
  sync_change: {
    title: 'Изменения записей для синхронизации',
    record: 'изменение записи для синхронизации',
    owner: 'local',
    keys: [['mutation_no', 'seq']],
    columns: {
      mutation_no: ref('Изменение', 'sync_mutation'),
      seq: text('Номер'),
      entity: text('Вид записи'),
      entity_id: text('Запись'),
      op: text('Действие'),
      fields: text('Поля'),
      base: text('Версия, на которой сделано'),
    },
  },
  sync_row: {
    title: 'Версии записей в центральной системе',
    record: 'версия записи',
    owner: 'local',
    keys: [['entity', 'id']],
    columns: { entity: text('Вид записи'), id: text('Запись'), version: text('Версия') },
  },
  sync_shadow: {
    title: 'Записи в центральной системе до изменений',
    record: 'запись до изменений',
    owner: 'local',
    keys: [['entity', 'id']],
    columns: { entity: text('Вид записи'), id: text('Запись'), version: text('Версия'), data: text('Запись') },
  },
  sync_parked: {
    title: 'Отложенные записи синхронизации',
    record: 'отложенная запись',
    owner: 'local',
    keys: [['entity', 'id']],
    columns: { entity: text('Вид записи'), id: text('Запись'), data: text('Запись') },
  },
  sync_log: {
    title: 'Журнал синхронизации',
    record: 'строка журнала синхронизации',
    owner: 'local',
    keys: [['seq']],
    columns: { seq: text('Номер'), at: time('Дата и время'), kind: text('Событие'), detail: text('Подробности') },
  },
  audit_log: {
    title: 'Журнал изменений',
    record: 'строка журнала изменений',
    owner: 'local',
    keys: [['seq']],
    columns: {
      seq: text('Номер'),
      at: time('Дата и время'),
      actor: text('Пользователь'),
      entity: text('Вид записи'),
      entity_id: text('Запись'),
      action: text('Действие'),
      old_values: text('Было'),
      new_values: text('Стало'),
    },
  },
  schema_migration: {
    title: 'Версии устройства базы данных',
    record: 'версия устройства базы данных',
    owner: 'local',
    keys: [['version']],
    columns: {
      version: text('Версия'),
      name: text('Название'),
      applied_at: time('Применена'),
    },
  },
};

/**
 * What the audit log writes about besides tables: events that change no row of a table of their
 * own. `backup`: a restore from a backup (the line is written into the restored data).
 */
export const auditEvents: Readonly<Record<string, Pick<Entity<never>, 'title'> & { label: RecordLabel; events: Readonly<Record<string, Column>> }>> = {
  backup: {
    title: 'Восстановление из резервной копии',
    label: { prefix: 'Восстановление из копии ', of: (file) => `«${file}»` },
    events: {
      safetyBackup: text('Копия перед восстановлением'),
      restoredFrom: text('Восстановлено из копии'),
      createdAt: time('Копия сделана'),
      reason: text('Причина копии'),
    },
  },
};

/** A table's declaration without its column names' types: for code that walks every table. */
export interface AnyEntity {
  readonly title: string;
  readonly record: string;
  readonly owner: Owner;
  readonly keys: readonly (readonly string[])[];
  readonly unique?: readonly { readonly on: readonly string[]; readonly nullsEqual?: true }[];
  readonly columns: Readonly<Record<string, Column>>;
  readonly label?: RecordLabel;
  readonly events?: Readonly<Record<string, Column>>;
}
export const entityOf = (table: Table): AnyEntity => entities[table] as unknown as AnyEntity;
export const isTable = (name: string): name is Table => Object.prototype.hasOwnProperty.call(entities, name);

/** Every kind of record the audit log may name: a table with a label, or an event. */
export function audited(entity: string): { title: string; label: RecordLabel; columns: Readonly<Record<string, Column>> } | undefined {
  if (isTable(entity)) {
    const e = entityOf(entity);
    if (!e.label) return undefined;
    return { title: e.title, label: e.label, columns: { ...e.columns, ...e.events } };
  }
  const ev = Object.prototype.hasOwnProperty.call(auditEvents, entity) ? auditEvents[entity] : undefined;
  return ev ? { title: ev.title, label: ev.label, columns: ev.events } : undefined;
}

export const tables = Object.keys(entities) as Table[];
