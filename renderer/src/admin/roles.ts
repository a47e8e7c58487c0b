import type { AppRole } from '../../../electron/api/types';
import { ROLE_LABELS } from '../../../electron/api/roles';

/** The same colors as the staff roles' badges. */
export const APP_ROLE_COLORS: Record<AppRole, string> = { sysadmin: 'cyan', secretary: 'orange', deputy: 'violet', director: 'grape' };
export const APP_ROLES: AppRole[] = ['sysadmin', 'director', 'deputy', 'secretary'];
export const APP_ROLE_OPTIONS = APP_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
/** What each role is for, under the role's select. */
export const ROLE_HINTS: Record<AppRole, string> = {
  sysadmin: 'Настраивает школу, заводит учётные записи, отвечает за резервные копии и исправляет ошибки в данных',
  secretary: 'Ведёт контингент с родителями, регистрирует обращения об ошибках; настройки школы только просматривает',
  deputy: 'Учебный план, подгруппы, группы и нагрузка своих параллелей; контингент только просматривает',
  director: 'Просматривает всё',
};
