// Accounts and sessions: logging in, the lock screen, the users of this program and its settings.
import { z } from 'zod';
import * as s from './schemas';
import { MAX, tooLongMessage } from './limits';
import { change, none, read, view, write } from './ops';
import type { AppRole } from './enums';

export interface SessionUser {
  id: string;
  login: string;
  displayName: string;
  role: AppRole;
  deputyGrades: number[];
  mustChangePassword: boolean;
  /** What this role may do, per area of the app. */
  access: Record<string, 'none' | 'view' | 'change'>;
}

export interface AuthStatus {
  hasUsers: boolean;
  user: SessionUser | null;
  locked: boolean;
  autoLockMinutes: number;
}

export interface AppUser {
  id: string;
  login: string;
  displayName: string;
  role: AppRole;
  deputyGrades: number[];
  mustChangePassword: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  /** The staff card the account belongs to; null for an account not yet linked (made before 0004). */
  staffId: string | null;
  /** The card's position, to tell people of the same name apart. */
  position: string | null;
  /** The card was removed from the staff list: the account cannot be enabled again. */
  staffRemoved: boolean;
}

export interface UserSaved {
  user: AppUser;
  /** Set when a new user was created: the one-time password to hand over. */
  password: string | null;
}

export interface AppSettings {
  autoLockMinutes: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
  backupIntervalHours: number;
  backupKeep: number;
  backupDir: string;
}

export const authOps = {
  'auth.status': read('public', none).returns<AuthStatus>(),
  // only while there are no users (checked by the handler)
  'auth.setupAdmin': write('public', z.object({ login: s.login, displayName: s.required('ФИО', 'personName'), password: s.password() })).returns<SessionUser>(),
  'auth.login': write('public', z.object({ login: z.string().trim().min(1, 'Введите логин').max(MAX.login, tooLongMessage('Логин', MAX.login)), password: s.password().min(1, 'Введите пароль') })).returns<SessionUser>(),
  'auth.logout': write('session', none).returns<void>(),
  'auth.lock': read('session', none).returns<void>(),
  'auth.unlock': write('session', z.object({ password: s.password().min(1, 'Введите пароль') })).returns<SessionUser>(),
  'auth.changePassword': write('session', z.object({ oldPassword: s.password('Текущий пароль').min(1, 'Введите текущий пароль'), newPassword: s.password('Новый пароль') })).returns<SessionUser>(),

  'users.list': read(view('users'), none).returns<AppUser[]>(),
  'users.save': write(
    change('users'),
    // staffId: the person the account belongs to (its name comes from the card); null unlinks. Without
    // staffId (command line, tests) the card is found by displayName, or made for a new account.
    z.object({ id: s.optionalId, staffId: s.optionalId, login: s.login, displayName: z.string().trim().max(MAX.personName, tooLongMessage('ФИО', MAX.personName)).optional(), role: s.appRole, deputyGrades: s.distinct(s.grade, 'Параллелей', s.maxItems.grades, 'Параллели не должны повторяться').default([]) }),
  ).returns<UserSaved>(),
  'users.resetPassword': write(change('users'), z.object({ id: s.id })).returns<{ password: string }>(),
  'users.setDisabled': write(change('users'), z.object({ id: s.id, disabled: z.boolean() })).returns<AppUser>(),

  'settings.get': read('session', none).returns<AppSettings>(),
  'settings.save': write(
    change('users'),
    z.object({
      autoLockMinutes: s.int('Автоблокировка', 1, 240, 'Автоблокировка — от 1 до 240 минут'),
      maxFailedLogins: s.int('Неверных паролей до блокировки', 3, 20),
      lockoutMinutes: s.int('Блокировка входа', 1, 1440, 'Блокировка входа — от 1 до 1440 минут'),
      backupIntervalHours: s.int('Интервал копирования', 1, 24 * 7, 'Интервал копирования — от 1 до 168 часов'),
      backupKeep: s.int('Хранить копий', 1, 365, 'Хранить копий — от 1 до 365'),
      backupDir: s.path('Папка для копий').trim().nullable().optional().transform((v) => (v ? v : null)),
    }),
  ).returns<AppSettings>(),
};
