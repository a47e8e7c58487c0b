import type { AppRole } from '../../../electron/api/types';
import { ROLE_LABELS } from '../../../electron/api/roles';

/** The same colors as the staff roles' badges. */
export const APP_ROLE_COLORS: Record<AppRole, string> = { sysadmin: 'cyan', secretary: 'orange', deputy: 'violet', director: 'grape' };
export const APP_ROLES: AppRole[] = ['sysadmin', 'director', 'deputy', 'secretary'];
export const APP_ROLE_OPTIONS = APP_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
/** What each role is for, under the role's select. */
export const ROLE_HINTS: Record<AppRole, string> = {
  sysadmin: 'Настраивает школу, заводит пользователей, отвечает за резервные копии и исправление ошибок в данных',
  secretary: 'Ведёт контингент и учётные данные, регистрирует бумажные копии; настройки школы только просматривает',
  deputy: 'Группы, нагрузка, расписание и отчёты по своим параллелям; контингент только просматривает',
  director: 'Просматривает всё и подписывает бумажные копии',
};
