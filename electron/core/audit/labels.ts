// How the audit log reads to a person: a Russian label for each changed record, Russian names of
// the changed fields, and their values as the app shows them (dates, yes/no, names instead of ids).
import type { Ctx } from '../context';
import type { AuditEntry } from '../../api/types';
import { ruDate, parseJsonArray } from '../format';
import { ROLE_LABELS } from '../auth/permissions';
import { auditActions, divisionMethods, genders, gradeEditWindows, gradings, periodKinds, staffRoles, studyGroupKinds, type AuditAction } from '../../api/enums';

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: AuditAction;
  old_values: string | null;
  new_values: string | null;
}

const person = (t: string) => `${t}.last_name || ' ' || ${t}.first_name || coalesce(' ' || ${t}.middle_name, '')`;
const yearOf = (t: string) => `coalesce(' (' || (SELECT y.name FROM academic_year y WHERE y.id = ${t}.year_id) || ')', '')`;
const classOf = (col: string) => `(SELECT c.grade || c.letter FROM school_class c WHERE c.id = ${col})`;
const divisionOf = (col: string) =>
  `(SELECT c.grade || c.letter || ', ' || p.name FROM class_division d JOIN school_class c ON c.id = d.class_id JOIN subject p ON p.id = d.subject_id WHERE d.id = ${col})`;

interface EntityDef {
  /** The kind of record, for filter lists: «Ученики». */
  title: string;
  /** Put before the record's name in its label: «Ученик: ». */
  prefix: string;
  /** SQL over the row `t` of the entity's table: the record's name (searched by text, shown in labels). */
  name: string;
}

/** Every table the audit log writes about. Table names are constants, safe to put in SQL. */
export const ENTITIES: Record<string, EntityDef> = {
  student: { title: 'Ученики', prefix: 'Ученик: ', name: person('t') },
  class_membership: {
    title: 'Обучение в классах',
    prefix: 'Обучение в классе: ',
    name: `coalesce((SELECT ${person('s')} FROM student s WHERE s.id = t.student_id), '?') || ' — ' || coalesce(${classOf('t.class_id')}, '?')`,
  },
  guardian: { title: 'Родители (законные представители)', prefix: 'Представитель: ', name: person('t') },
  student_guardian: {
    title: 'Связи учеников и представителей',
    prefix: 'Представитель ученика: ',
    name:
      `coalesce((SELECT ${person('s')} FROM student s WHERE s.id = t.student_id), '?') || ' — ' || ` +
      `coalesce((SELECT ${person('g')} FROM guardian g WHERE g.id = t.guardian_id), '?') || ' (' || t.relation || ')'`,
  },
  staff: { title: 'Сотрудники', prefix: 'Сотрудник: ', name: person('t') },
  staff_qualification: {
    title: 'Предметы, которые могут вести сотрудники',
    prefix: 'Может вести предмет: ',
    name: `coalesce((SELECT ${person('p')} FROM staff p WHERE p.id = t.staff_id), '?') || ' — ' || coalesce((SELECT s.name FROM subject s WHERE s.id = t.subject_id), '?')`,
  },
  school_class: { title: 'Классы', prefix: 'Класс ', name: `t.grade || t.letter` },
  subject: { title: 'Предметы', prefix: 'Предмет: ', name: `t.name` },
  curriculum_item: {
    title: 'Учебный план',
    prefix: 'Учебный план: ',
    name: `coalesce(${classOf('t.class_id')}, '?') || ', ' || coalesce((SELECT p.name FROM subject p WHERE p.id = t.subject_id), '?')`,
  },
  academic_year: { title: 'Учебные годы', prefix: 'Учебный год ', name: `t.name` },
  study_period: { title: 'Учебные периоды', prefix: 'Учебный период: ', name: `t.name || ${yearOf('t')}` },
  holiday: { title: 'Каникулы', prefix: 'Каникулы: ', name: `t.name || ${yearOf('t')}` },
  bell_schedule: { title: 'Расписания звонков', prefix: 'Расписание звонков: ', name: `t.name || ${yearOf('t')}` },
  bell: {
    title: 'Звонки',
    prefix: 'Звонок: ',
    name: `t.lesson_no || ' урок' || coalesce(', ' || (SELECT b.name FROM bell_schedule b WHERE b.id = t.schedule_id), '')`,
  },
  room: { title: 'Кабинеты', prefix: 'Кабинет ', name: `t.number || coalesce(' (' || t.name || ')', '')` },
  school: { title: 'Школа', prefix: 'Школа: ', name: `t.short_name` },
  correction_request: { title: 'Обращения об ошибках в данных', prefix: 'Обращение об ошибке: ', name: `t.reporter` },
  app_user: { title: 'Пользователи', prefix: 'Пользователь: ', name: `t.login` },
  class_division: {
    title: 'Деление классов на подгруппы',
    prefix: 'Деление на подгруппы: ',
    name: `coalesce(${classOf('t.class_id')}, '?') || ', ' || coalesce((SELECT p.name FROM subject p WHERE p.id = t.subject_id), '?')`,
  },
  subgroup: { title: 'Подгруппы', prefix: 'Подгруппа: ', name: `coalesce(${divisionOf('t.division_id')}, '?') || ', ' || t.name` },
  subgroup_member: {
    title: 'Составы подгрупп',
    prefix: 'Состав подгруппы: ',
    name: `coalesce((SELECT ${person('s')} FROM student s WHERE s.id = t.student_id), '?') || ' — ' || coalesce(${divisionOf('t.division_id')}, '?')`,
  },
  study_group: { title: 'Учебные группы', prefix: 'Учебная группа: ', name: `t.name` },
  study_group_member: {
    title: 'Составы учебных групп',
    prefix: 'Состав учебной группы: ',
    name: `coalesce((SELECT ${person('s')} FROM student s WHERE s.id = t.student_id), '?') || ' — ' || coalesce((SELECT g.name FROM study_group g WHERE g.id = t.group_id), '?')`,
  },
  teaching_assignment: {
    title: 'Тарификация',
    prefix: 'Нагрузка: ',
    name:
      `coalesce((SELECT ${person('p')} FROM staff p WHERE p.id = t.teacher_id), '?') || ' — ' || ` +
      `coalesce((SELECT p.name FROM subject p WHERE p.id = t.subject_id), '?') || ', ' || ` +
      `coalesce(${classOf('t.class_id')}, (SELECT g.name FROM study_group g WHERE g.id = t.study_group_id), '?')`,
  },
};

/** Columns that hold the id of another record: shown by that record's name. */
export const REFERENCES: Record<string, string> = {
  class_id: 'school_class',
  subject_id: 'subject',
  year_id: 'academic_year',
  schedule_id: 'bell_schedule',
  class_teacher_id: 'staff',
  director_id: 'staff',
  staff_id: 'staff',
  room_id: 'room',
  student_id: 'student',
  guardian_id: 'guardian',
  teacher_id: 'staff',
  subgroup_id: 'subgroup',
  study_group_id: 'study_group',
  group_id: 'study_group',
  division_id: 'class_division',
};

const FIELDS: Record<string, string> = {
  last_name: 'Фамилия',
  first_name: 'Имя',
  middle_name: 'Отчество',
  birth_date: 'Дата рождения',
  gender: 'Пол',
  snils: 'СНИЛС',
  phone: 'Телефон',
  email: 'E-mail',
  address: 'Адрес',
  class_id: 'Класс',
  personal_file_no: 'Номер личного дела',
  pd_consent_date: 'Согласие на обработку персональных данных',
  e_service_refused: 'Отказ от электронного дневника',
  student_id: 'Ученик',
  guardian_id: 'Представитель',
  relation: 'Кем приходится',
  position: 'Должность',
  roles: 'Роли',
  deputy_grades: 'Курируемые параллели',
  subjects: 'Предметы',
  rate_hours: 'Ставка, часов в неделю',
  full_name: 'Полное наименование',
  short_name: 'Краткое название',
  inn: 'ИНН',
  director_id: 'Директор',
  name: 'Название',
  start_date: 'Дата начала',
  end_date: 'Дата окончания',
  grade_edit_window: 'Срок исправления отметок',
  is_current: 'Текущий учебный год',
  year_id: 'Учебный год',
  kind: 'Вид периода',
  number: 'Номер',
  grade_from: 'С параллели',
  grade_to: 'По параллель',
  shift: 'Смена',
  schedule_id: 'Расписание звонков',
  lesson_no: 'Номер урока',
  starts_at: 'Начало',
  ends_at: 'Окончание',
  no_attestation: 'Без аттестации',
  grading: 'Система оценивания',
  sort_order: 'Порядок в списке',
  capacity: 'Вместимость',
  grade: 'Параллель',
  letter: 'Литера',
  class_teacher_id: 'Классный руководитель',
  room_id: 'Кабинет',
  subject_id: 'Предмет',
  hours_per_week: 'Часов в неделю',
  reported_at: 'Дата и время обращения',
  reporter: 'Кто сообщил',
  reporter_contact: 'Контакт заявителя',
  description: 'Суть ошибки',
  due_at: 'Срок исправления',
  corrected_at: 'Исправлено',
  corrected_by: 'Кто исправил',
  resolution: 'Что исправлено',
  reporter_notified_at: 'Заявитель уведомлён',
  login: 'Логин',
  display_name: 'ФИО',
  staff_id: 'Сотрудник',
  role: 'Роль',
  password: 'Пароль',
  session: 'Вход в программу',
  disabled: 'Учётная запись отключена',
  must_change_password: 'Сменить пароль при входе',
  deleted_at: 'Удалено',
  method: 'Способ деления',
  division_id: 'Деление на подгруппы',
  subgroup_id: 'Подгруппа',
  study_group_id: 'Учебная группа',
  group_id: 'Учебная группа',
  teacher_id: 'Учитель',
  date_from: 'Дата зачисления',
  date_to: 'Дата выбытия',
  opened_order_id: 'Приказ о зачислении (переводе в класс)',
  closed_order_id: 'Приказ о выбытии (переводе из класса)',
};
/** Per-table meanings that differ from the common one. */
const FIELDS_BY_ENTITY: Record<string, Record<string, string>> = {
  school: { short_name: 'Краткое наименование', phone: 'Телефон', address: 'Адрес' },
  room: { number: 'Номер кабинета' },
  academic_year: { name: 'Учебный год' },
  staff: { subjects: 'Может вести предметы' },
  study_group: { kind: 'Вид группы' },
};
/** Bookkeeping columns of every synced row: not shown. */
const HIDDEN = new Set(['id', 'created_at', 'updated_at']);

const DATES = new Set(['birth_date', 'start_date', 'end_date', 'pd_consent_date', 'date_from', 'date_to']);
const TIMES = new Set(['reported_at', 'due_at', 'corrected_at', 'reporter_notified_at', 'deleted_at', 'locked_until', 'last_login_at']);
const FLAGS = new Set(['is_current', 'no_attestation', 'e_service_refused', 'disabled', 'must_change_password']);
const LISTS = new Set(['deputy_grades', 'subjects']);
const ENUMS: Record<string, Record<string, string>> = {
  gender: genders.texts,
  grading: gradings.texts,
  grade_edit_window: gradeEditWindows.texts,
  kind: { ...periodKinds.texts, ...studyGroupKinds.texts },
  method: divisionMethods.texts,
  role: ROLE_LABELS,
};
const STAFF_ROLES: Record<string, string> = staffRoles.texts;

export const ACTIONS = auditActions.labels;

export function fieldLabel(entity: string, column: string): string {
  return FIELDS_BY_ENTITY[entity]?.[column] ?? FIELDS[column] ?? column;
}

/** A moment (ISO UTC) as the school's computer shows it: 'dd.mm.yyyy HH:MM'. */
export function ruDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Names of records by id, one query per chunk of ids; unknown ids are absent from the map. */
export function recordNames(ctx: Ctx, entity: string, ids: Iterable<string>): Map<string, string> {
  const def = ENTITIES[entity];
  const out = new Map<string, string>();
  const list = [...new Set(ids)];
  if (!def) return out;
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    const rows = ctx.db.raw
      .prepare(`SELECT t.id AS id, (${def.name}) AS name FROM ${entity} t WHERE t.id IN (${chunk.map(() => '?').join(',')})`)
      .all(...chunk) as { id: string; name: string | null }[];
    for (const r of rows) if (r.name !== null) out.set(r.id, r.name);
  }
  return out;
}

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const empty = (v: unknown) => v === null || v === undefined || v === '' || v === '[]';

function display(column: string, v: unknown, refs: Map<string, Map<string, string>>): unknown {
  if (v === null || v === undefined || v === '') return null;
  const ref = REFERENCES[column];
  if (ref && typeof v === 'string') return refs.get(ref)?.get(v) ?? 'запись не найдена';
  if (DATES.has(column) && typeof v === 'string') return ruDate(v);
  if (TIMES.has(column) && typeof v === 'string') return ruDateTime(v);
  if (FLAGS.has(column)) return v === true || v === 1 ? 'да' : v === false || v === 0 ? 'нет' : v;
  if (column === 'roles' && typeof v === 'string') return parseJsonArray<string>(v).map((r) => STAFF_ROLES[r] ?? r).join(', ') || null;
  if (LISTS.has(column) && typeof v === 'string') return parseJsonArray<string | number>(v).join(', ') || null;
  const e = ENUMS[column];
  if (e && typeof v === 'string') return e[v] ?? v;
  return v;
}

/**
 * Turns raw audit rows into entries a person can read. Labels and referenced names are looked up
 * in batches: one query per kind of record on the page, not one per row.
 */
export function describe(ctx: Ctx, rows: AuditRow[]): AuditEntry[] {
  const parsed = rows.map((r) => ({ r, old: parse(r.old_values), neu: parse(r.new_values) }));
  const wanted = new Map<string, Set<string>>();
  const want = (entity: string, id: string) => {
    let s = wanted.get(entity);
    if (!s) wanted.set(entity, (s = new Set()));
    s.add(id);
  };
  for (const { r, old, neu } of parsed) {
    want(r.entity, r.entity_id);
    for (const vals of [old, neu])
      for (const [k, v] of Object.entries(vals)) {
        const ref = REFERENCES[k];
        if (ref && typeof v === 'string' && v) want(ref, v);
      }
  }
  const names = new Map<string, Map<string, string>>();
  for (const [entity, ids] of wanted) names.set(entity, recordNames(ctx, entity, ids));

  return parsed.map(({ r, old, neu }) => {
    const def = ENTITIES[r.entity];
    const name = names.get(r.entity)?.get(r.entity_id);
    const entityLabel = def ? `${def.prefix}${name ?? 'запись не найдена'}` : `${r.entity} ${r.entity_id}`;
    // Events read as one statement, not as a field going from «пусто» to something.
    const base = { seq: r.seq, at: r.at, actor: r.actor, entity: r.entity, entityLabel, entityId: r.entity_id, action: r.action };
    if (r.action === 'delete') return { ...base, changes: [], event: 'Запись удалена' };
    if (r.entity === 'app_user' && r.old_values === null && typeof neu.session === 'string') return { ...base, changes: [], event: sessionEvent(neu.session) };
    const columns = r.action === 'insert' ? Object.keys(neu).filter((k) => !empty(neu[k])) : [...new Set([...Object.keys(old), ...Object.keys(neu)])];
    const changes = columns
      .filter((k) => !HIDDEN.has(k) && !(r.action === 'insert' && k === 'deleted_at'))
      .map((k) => ({ field: fieldLabel(r.entity, k), old: r.action === 'insert' ? null : display(k, old[k], names), new: display(k, neu[k], names) }));
    return { ...base, changes };
  });
}

/** A login event as stored ('вход', 'неверный пароль, вход заблокирован на 15 мин.') as a sentence of the log. */
export function sessionEvent(stored: string): string {
  const known: Record<string, string> = { вход: 'Вход в программу', выход: 'Выход из программы', 'неверный пароль': 'Неверный пароль при входе' };
  const text = known[stored] ?? stored.replace(/^неверный пароль, /, 'Неверный пароль при входе; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
