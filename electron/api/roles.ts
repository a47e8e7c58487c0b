// Who may do what: shared by the core (enforced at dispatch) and the renderer (shown to the
// administrator, used to hide what a role may not open). No imports: plain data.
import type { AppRole } from './types';

/** The areas of the app a role may view or change (issue: who may do what). */
export const AREAS = ['setup', 'groups', 'timetable', 'contingent', 'credentials', 'paperCopies', 'reports', 'backups', 'users', 'audit'] as const;
export type Area = (typeof AREAS)[number];
export type Access = 'none' | 'view' | 'change';

/**
 * The one permission matrix. R6 (profiles), R7 (credentials by the administrator), R21 (paper
 * copies: deputies print, the secretary registers, the director signs), R23 (backups: the
 * administrator), R26 (corrections: the administrator).
 */
export const ROLE_MATRIX: Record<AppRole, Record<Area, Access>> = {
  sysadmin: { setup: 'change', groups: 'change', timetable: 'change', contingent: 'change', credentials: 'change', paperCopies: 'change', reports: 'change', backups: 'change', users: 'change', audit: 'change' },
  secretary: { setup: 'view', groups: 'view', timetable: 'view', contingent: 'change', credentials: 'change', paperCopies: 'change', reports: 'view', backups: 'none', users: 'none', audit: 'none' },
  deputy: { setup: 'view', groups: 'change', timetable: 'change', contingent: 'view', credentials: 'none', paperCopies: 'change', reports: 'change', backups: 'none', users: 'none', audit: 'view' },
  director: { setup: 'view', groups: 'view', timetable: 'view', contingent: 'view', credentials: 'view', paperCopies: 'change', reports: 'view', backups: 'view', users: 'view', audit: 'view' },
};

export const ROLE_LABELS: Record<AppRole, string> = {
  sysadmin: 'Администратор системы',
  secretary: 'Секретарь',
  deputy: 'Заместитель директора',
  director: 'Директор',
};

export const AREA_LABELS: Record<Area, string> = {
  setup: 'Настройка школы',
  groups: 'Группы и нагрузка',
  timetable: 'Расписание и замены',
  contingent: 'Контингент',
  credentials: 'Учётные данные',
  paperCopies: 'Бумажные копии и архив',
  reports: 'Отчёты',
  backups: 'Резервные копии',
  users: 'Пользователи',
  audit: 'Журнал изменений',
};
