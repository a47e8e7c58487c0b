// Who may do what: shared by the core (enforced at dispatch) and the renderer (shown to the
// administrator, used to hide what a role may not open). Plain data (no zod: the renderer bundles it).
import { appRoles, defineEnum, type AppRole } from './enums';

export type { AppRole };

/**
 * The areas of the app a role may view or change: only those that exist today (an area without
 * operations would promise in the matrix what the program cannot do).
 */
export const areas = defineEnum({
  setup: 'Настройка школы',
  curriculum: 'Учебный план',
  groups: 'Группы и нагрузка',
  contingent: 'Контингент',
  corrections: 'Обращения об ошибках',
  fixes: 'Исправление ошибок в данных',
  backups: 'Резервные копии',
  users: 'Пользователи',
  audit: 'Журнал изменений',
  journal: 'Электронный журнал (только просмотр)',
  sync: 'Синхронизация с центральной системой',
  timetable: 'Расписание и замены',
  credentials: 'Выдача учётных данных',
  reports: 'Отчёты и мониторинг',
  statements: 'Выписки для родителей',
  paper: 'Бумажные копии и архив',
  yearEnd: 'Конец учебного года',
});
export const AREAS = areas.values;
export type Area = (typeof AREAS)[number];
export type Access = 'none' | 'view' | 'change';

/**
 * The one permission matrix. R3 (curriculum and workload), R6 (profiles), R8 (deputies: their
 * parallels), R15 (the journal and its mark-change log: read here, kept in the central journal),
 * R21–R22 (paper copies and the archive: deputies print and collect signatures, the secretary registers, binds and archives;
 * the director looks and signs on paper), R12 (statements for parents without e-access: the office prints them and marks them handed; deputies and the director look),
 * R16–R20 (reports and monitoring: the deputies and the administrator make them and set their thresholds;
 * a deputy sees only their parallels' figures), R7 (credentials: the administrator keeps the register of issued credentials, the secretary helps;
 * deputies and the director see it and the deadlines), R23 (backups and the sync identity: the administrator), R26 (error reports: the office registers them and
 * tells the reporter — `corrections`; the administrator corrects the data and marks it — `fixes`),
 * R24 (the year end: deputies check the year and keep the academic debts, the secretary prints the
 * parents' notices and the promotion orders go through `contingent`; the director looks; the rollover
 * to the next year is the administrator's: it needs `setup`).
 */
export const ROLE_MATRIX: Record<AppRole, Record<Area, Access>> = {
  sysadmin: { setup: 'change', curriculum: 'change', groups: 'change', contingent: 'change', corrections: 'change', fixes: 'change', backups: 'change', users: 'change', audit: 'change', journal: 'view', sync: 'change', timetable: 'change', credentials: 'change', reports: 'change', statements: 'change', paper: 'change', yearEnd: 'change' },
  secretary: { setup: 'view', curriculum: 'view', groups: 'view', contingent: 'change', corrections: 'change', fixes: 'none', backups: 'none', users: 'none', audit: 'none', journal: 'view', sync: 'view', timetable: 'view', credentials: 'change', reports: 'view', statements: 'change', paper: 'change', yearEnd: 'change' },
  deputy: { setup: 'view', curriculum: 'change', groups: 'change', contingent: 'view', corrections: 'view', fixes: 'none', backups: 'none', users: 'none', audit: 'view', journal: 'view', sync: 'view', timetable: 'change', credentials: 'view', reports: 'change', statements: 'view', paper: 'change', yearEnd: 'change' },
  director: { setup: 'view', curriculum: 'view', groups: 'view', contingent: 'view', corrections: 'view', fixes: 'none', backups: 'view', users: 'view', audit: 'view', journal: 'view', sync: 'view', timetable: 'view', credentials: 'view', reports: 'view', statements: 'view', paper: 'view', yearEnd: 'view' },
};

/**
 * Areas whose data belongs to classes: a deputy director changes them only for the parallels on
 * their staff card (R8; enforced by `requireParallels` in electron/core/auth/parallels.ts).
 */
export const PARALLEL_BOUND_AREAS: readonly Area[] = ['curriculum', 'groups', 'timetable'];

/**
 * Areas a deputy director sees only for the parallels on their staff card (issue 13 point 7: «the
 * deputy sees the parallels assigned to them, the director and administrator everything»).
 */
export const PARALLEL_VISIBLE_AREAS: readonly Area[] = ['reports'];

export const ROLE_LABELS = appRoles.labels;

export const AREA_LABELS = areas.labels;
