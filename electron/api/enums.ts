// Every closed set of values the program takes and stores, defined once with its Russian labels
// (issue 9). Each feeds: zod (schemas.ts: `z.enum(e.values)`), TypeScript (`ValueOf<typeof e>`),
// the labels of the renderer (renderer/src/lib/labels.ts) and of the core's documents, the audit
// log and the command line (`e.labels`, `e.text`), and the SQL CHECK of its column, which
// tests/db/enums.test.ts compares with the database the migrations build.
// No imports: the renderer bundles this file.

export interface Enum<V extends string> {
  /** The values, in the order choice lists show them. */
  readonly values: readonly [V, ...V[]];
  /** As a choice, a badge or a cell: «По алфавиту». */
  readonly labels: Readonly<Record<V, string>>;
  /** For a select: `[{ value, label }]`. */
  readonly options: readonly { value: V; label: string }[];
  /** Inside a sentence or a document's line: «деление: по алфавиту». */
  text(v: V): string;
  /** `text` of every value. */
  readonly texts: Readonly<Record<V, string>>;
  /** Whether a value read from outside (a file, the command line) is one of the values. */
  has(v: unknown): v is V;
  /** The enum of some of the values, with the same labels. */
  only<W extends V>(...values: [W, ...W[]]): Enum<W>;
}

export type ValueOf<E> = E extends Enum<infer V> ? V : never;

/** The label lower-cased for the middle of a sentence (an abbreviation such as «ОВЗ» stays). */
const inText = (label: string) => (/^\p{Lu}\p{Lu}/u.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1));

function make<V extends string>(values: readonly V[], labels: Readonly<Record<V, string>>): Enum<V> {
  const set = new Set<string>(values);
  const e: Enum<V> = {
    values: values as unknown as readonly [V, ...V[]],
    labels,
    options: values.map((value) => ({ value, label: labels[value] })),
    text: (v) => inText(labels[v]),
    texts: Object.fromEntries(values.map((v) => [v, inText(labels[v])])) as Record<V, string>,
    has: (v): v is V => typeof v === 'string' && set.has(v),
    only: (...some) => make(some, Object.fromEntries(some.map((v) => [v, labels[v]])) as Record<(typeof some)[number], string>),
  };
  return Object.freeze(e);
}

/** An enum from its values and their labels, in order: `defineEnum({ five_point: 'Пятибалльная', … })`. */
export function defineEnum<const L extends Record<string, string>>(labels: L): Enum<keyof L & string> {
  return make(Object.keys(labels) as (keyof L & string)[], labels);
}

// ── People ────────────────────────────────────────────────────────────────────────────────────

export const genders = defineEnum({ m: 'Мужской', f: 'Женский' });
export type Gender = ValueOf<typeof genders>;

/** A staff member's duties at the school (the card's «Обязанности в школе»; R6). */
export const staffRoles = defineEnum({
  director: 'Директор',
  deputy: 'Заместитель директора',
  sysadmin: 'Системный администратор',
  secretary: 'Секретарь',
  teacher: 'Учитель',
});
export type StaffRole = ValueOf<typeof staffRoles>;

/** The role of an account in this program (one per account; the matrix: roles.ts). */
export const appRoles = defineEnum({
  sysadmin: 'Администратор системы',
  secretary: 'Секретарь',
  deputy: 'Заместитель директора',
  director: 'Директор',
});
export type AppRole = ValueOf<typeof appRoles>;

// ── The school year and subjects ─────────────────────────────────────────────────────────────

/** How long after a lesson its marks may be changed (R5): «Никогда» — the window never closes until the year's end. */
export const gradeEditWindows = defineEnum({
  never: 'Никогда (до конца года)',
  '1w': '1 неделя',
  '2w': '2 недели',
  '3w': '3 недели',
  '1m': '1 месяц',
});
export type GradeEditWindow = ValueOf<typeof gradeEditWindows>;

export const periodKinds = defineEnum({ quarter: 'Четверть', half: 'Полугодие' });
export type PeriodKind = ValueOf<typeof periodKinds>;

export const gradings = defineEnum({ five_point: 'Пятибалльная', pass_fail: 'Зачёт/незачёт', none: 'Без отметок' });
export type Grading = ValueOf<typeof gradings>;

/** A class's shift (смена): a number, so not an Enum; its labels «1 смена»… */
export const SHIFTS = [1, 2, 3] as const;
export const shiftLabel = (shift: number) => `${shift} смена`;

// ── Groups (R4) ──────────────────────────────────────────────────────────────────────────────

/**
 * How a class is divided for a subject: sizes differing by at most one (keeping who was where), by
 * the alphabet in consecutive parts, boys and girls, the same as another subject's division;
 * 'manual' once a student was moved by hand.
 */
export const divisionMethods = defineEnum({
  balanced: 'Поровну',
  alphabet: 'По алфавиту',
  gender: 'По полу',
  copy: 'Как в другом предмете',
  manual: 'Вручную',
});
export type DivisionMethod = ValueOf<typeof divisionMethods>;
/** How 'subgroups.split' divides. */
export const splitMethods = divisionMethods.only('balanced', 'alphabet', 'gender', 'copy');
export type SplitBy = ValueOf<typeof splitMethods>;
/** How the rule of division says a subject is divided. */
export const ruleSplitMethods = divisionMethods.only('balanced', 'alphabet', 'gender');
export type RuleSplitBy = ValueOf<typeof ruleSplitMethods>;

export const studyGroupKinds = defineEnum({
  elective: 'Элективный курс',
  profile: 'Профильная группа',
  remedial: 'Группа коррекции знаний',
  other: 'Учебная группа',
});
export type StudyGroupKind = ValueOf<typeof studyGroupKinds>;

// ── The audit log, import and export ─────────────────────────────────────────────────────────

/** What a line of the audit log (and a change of a sync mutation) did to its record. */
export const auditActions = defineEnum({ insert: 'Создание', update: 'Изменение', delete: 'Удаление' });
export type AuditAction = ValueOf<typeof auditActions>;

export const importKinds = defineEnum({ students: 'Ученики', staff: 'Сотрудники' });
export type ImportKind = ValueOf<typeof importKinds>;

/** The lists «Экспорт в Excel» writes; the label is the sheet's title and the file's name. */
export const exportLists = defineEnum({
  students: 'Ученики',
  staff: 'Сотрудники',
  classes: 'Классы',
  subjects: 'Предметы',
  curriculum: 'Учебный план',
  rooms: 'Кабинеты',
});
export type ExportList = ValueOf<typeof exportLists>;

/** The order of the students' list (and of its export). */
export const studentSorts = defineEnum({ name: 'ФИО', class: 'Класс', birthDate: 'Дата рождения' });
export type StudentSort = ValueOf<typeof studentSorts>;

// ── The journal (central-owned: teachers enter it in the central journal, sync brings it; issue 10) ──

/** A journal cell's mark (R14; PRACTICE «journal cell codes»): the value stored, its label the cell. */
export const markValues = defineEnum({
  '5': '5',
  '4': '4',
  '3': '3',
  '2': '2',
  '1': '1',
  na: 'н/а',
  exempt: 'осв.',
  pass: 'зач',
  fail: 'незач',
});
export type MarkValue = ValueOf<typeof markValues>;
/** The marks that are numbers (averages count only these). */
export const NUMERIC_MARKS: readonly MarkValue[] = ['5', '4', '3', '2', '1'];

/** The kind of work a mark is for (вид работы, R14); its usual weight is WORK_WEIGHTS (the central keeps the weight on each mark). */
export const workKinds = defineEnum({
  answer: 'Ответ на уроке',
  classwork: 'Работа на уроке',
  homework: 'Домашняя работа',
  independent: 'Самостоятельная работа',
  dictation: 'Диктант',
  test: 'Контрольная работа',
  lab: 'Практическая (лабораторная) работа',
  essay: 'Сочинение (изложение)',
});
export type WorkKind = ValueOf<typeof workKinds>;
export const WORK_WEIGHTS: Readonly<Record<WorkKind, number>> = {
  answer: 1,
  classwork: 1,
  homework: 1,
  independent: 1.5,
  dictation: 2,
  test: 2,
  lab: 1.5,
  essay: 2,
};

/** Attendance with reasons (R13): the label is the journal's cell letter. */
export const absenceKinds = defineEnum({ sick: 'Б', excused: 'У', unexcused: 'Н', late: 'О' });
export type AbsenceKind = ValueOf<typeof absenceKinds>;
export const ABSENCE_TEXT: Readonly<Record<AbsenceKind, string>> = {
  sick: 'болел',
  excused: 'по уважительной причине',
  unexcused: 'по неуважительной причине',
  late: 'опоздал',
};

export const lessonStatuses = defineEnum({ held: 'Проведён', cancelled: 'Отменён' });
export type LessonStatus = ValueOf<typeof lessonStatuses>;

/** Which mark a change of the mark-change log (R15) is of. */
export const markTables = defineEnum({ mark: 'Текущая отметка', period_mark: 'Отметка за период' });
export type MarkTable = ValueOf<typeof markTables>;

/** The order of the mark-change log (R15). */
export const markChangeSorts = defineEnum({ changedAt: 'Когда изменена', lessonDate: 'Дата урока', student: 'Ученик', teacher: 'Учитель' });
export type MarkChangeSort = ValueOf<typeof markChangeSorts>;

// ── Timetable and substitutions (issue 11; R8, R9) ───────────────────────────────────────────

/** What a room is fit for; a subject may need one kind (a room of another kind is a clash). */
export const roomKinds = defineEnum({
  regular: 'Обычный',
  gym: 'Спортивный зал',
  lab: 'Лаборатория',
  computer: 'Компьютерный класс',
  workshop: 'Мастерская',
  art: 'Кабинет ИЗО',
  music: 'Кабинет музыки',
  hall: 'Актовый зал',
});
export type RoomKind = ValueOf<typeof roomKinds>;

/** Which weeks a lesson card meets: every week, or only odd or even weeks of a fortnight pattern. */
export const weekParities = defineEnum({ every: 'Каждую неделю', odd: 'Нечётные недели', even: 'Чётные недели' });
export type WeekParity = ValueOf<typeof weekParities>;

/** Why a teacher cannot take lessons at a time of the week. */
export const unavailableReasons = defineEnum({ unavailable: 'Занят', methodical_day: 'Методический день' });
export type UnavailableReason = ValueOf<typeof unavailableReasons>;

/** Why a teacher is absent for some days (the substitutions are made for it). */
export const absenceReasons = defineEnum({ illness: 'Болезнь', course: 'Курсы', trip: 'Командировка', other: 'Другое' });
export type AbsenceReason = ValueOf<typeof absenceReasons>;

/**
 * What was done to one lesson of the timetable on one date. Only `substitute` and `merge` change
 * the teacher and count as substitutions (the Дневник.ру report «Отмены и замены уроков»); a move,
 * a cancellation and a change of room are recorded but are not substitutions.
 */
export const lessonChangeKinds = defineEnum({
  substitute: 'Замена учителя',
  merge: 'Объединение подгрупп',
  cancel: 'Отмена урока',
  move: 'Перенос урока',
  room: 'Замена кабинета',
});
export type LessonChangeKind = ValueOf<typeof lessonChangeKinds>;

// ── Contingent (issue 12; R7, R10, R11) ───────────────────────────────────────────────────────

/** The kinds of order (приказ) about students; numbered per year and kind. */
export const orderKinds = defineEnum({
  enrollment: 'О зачислении',
  class_forming: 'О формировании классов',
  transfer_in: 'О зачислении в порядке перевода',
  transfer_out: 'Об отчислении в порядке перевода',
  expulsion: 'Об отчислении',
  class_transfer: 'О переводе в другой класс',
  cancellation: 'Об отмене приказа',
  promotion: 'О переводе в следующий класс',
  graduation: 'Об отчислении в связи с завершением обучения',
});
export type OrderKind = ValueOf<typeof orderKinds>;

// ── Year end (issue 15, R24; law 273-ФЗ art. 58) ─────────────────────────────────────────────

/** What a promotion or graduation order decides for a student (`order_item.decision`). */
export const promotionDecisions = defineEnum({
  promoted: 'Переведён в следующий класс',
  conditional: 'Переведён условно (академическая задолженность)',
  repeat: 'Оставлен на повторное обучение',
  graduated: 'Отчислен в связи с завершением обучения',
  continues: 'Продолжает обучение в 10 классе',
});
export type PromotionDecision = ValueOf<typeof promotionDecisions>;

/** Why a student has an academic debt in a subject. */
export const debtReasons = defineEnum({
  unsatisfactory: 'Неудовлетворительный результат аттестации',
  absent: 'Не прошёл аттестацию без уважительной причины',
});
export type DebtReason = ValueOf<typeof debtReasons>;

/** open: retakes ahead; closed: cleared at a retake; decided: not cleared, the decision recorded. */
export const debtStatuses = defineEnum({ open: 'Не ликвидирована', closed: 'Ликвидирована', decided: 'Принято решение' });
export type DebtStatus = ValueOf<typeof debtStatuses>;

/** What happens to a student who did not clear a debt (273-ФЗ art. 58 p. 9), by the parents' choice. */
export const debtDecisions = defineEnum({
  repeat: 'Оставлен на повторное обучение',
  adapted: 'Переведён на обучение по адаптированной программе (по рекомендации ПМПК)',
  individual: 'Переведён на обучение по индивидуальному учебному плану',
});
export type DebtDecision = ValueOf<typeof debtDecisions>;

/** A draft applies nothing; a signed order has applied its items; a cancelled one was undone by a cancellation order. */
export const orderStatuses = defineEnum({ draft: 'Проект', signed: 'Подписан', cancelled: 'Отменён' });
export type OrderStatus = ValueOf<typeof orderStatuses>;

/** The preferential right of an enrollment application (Порядок приёма № 458). */
export const enrollmentPreferences = defineEnum({
  none: 'Нет',
  out_of_turn: 'Внеочередное',
  first_turn: 'Первоочередное',
  priority: 'Преимущественное',
});
export type EnrollmentPreference = ValueOf<typeof enrollmentPreferences>;

/** Whose account a credentials request is for (R7). */
export const credentialRoles = defineEnum({ student: 'Обучающийся', parent: 'Родитель (законный представитель)' });
export type CredentialRole = ValueOf<typeof credentialRoles>;

/** How the credentials were handed over (R7). */
export const credentialHandings = defineEnum({ in_person: 'Лично под подпись', by_proxy: 'Через представителя', electronic: 'В электронном виде' });
export type CredentialHanding = ValueOf<typeof credentialHandings>;

/** An exception to the production calendar's weekends: a day off on a weekday, a working weekend day. */
export const calendarDayKinds = defineEnum({ holiday: 'Выходной (праздничный) день', workday: 'Рабочий день' });
export type CalendarDayKind = ValueOf<typeof calendarDayKinds>;

// ── Paper copies and the archive (issue 14; R21, R22) ────────────────────────────────────────

/** The steps of a class's paper copy for a period, in order (R21: `001 §4.1–4.5`, `§5.2`). */
export const paperSteps = defineEnum({
  checked: 'Отметки проверены',
  printed: 'Копия напечатана',
  signed: 'Листы подписаны учителями',
  certified: 'Титульный лист заверен',
  handed: 'Сдана секретарю',
  approved: 'Подписана директором, печать',
  bound: 'Пронумерована и прошита',
  archived: 'Сдана в архив',
});
export type PaperStep = ValueOf<typeof paperSteps>;

/** An archive file: of a study period, or of the year (R22). */
export const paperArchiveKinds = defineEnum({ period: 'Архив за период', year: 'Архив за год' });
export type PaperArchiveKind = ValueOf<typeof paperArchiveKinds>;
