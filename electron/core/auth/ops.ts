import type { Handlers } from '../context';
import type { authOps } from '../../api/auth';
import { authStatus, changePassword, listUsers, login, logout, resetPassword, saveUser, setDisabled, setupAdmin, unlock } from './users';
import { getSettings, saveSettings } from './settingsService';

export const authHandlers = {
  'auth.status': (_, ctx) => authStatus(ctx),
  'auth.setupAdmin': (i, ctx) => setupAdmin(ctx, i),
  'auth.login': (i, ctx) => login(ctx, i),
  'auth.logout': (_, ctx) => logout(ctx),
  'auth.lock': (_, ctx) => {
    ctx.session.locked = true;
  },
  'auth.unlock': (i, ctx) => unlock(ctx, i.password),
  'auth.changePassword': (i, ctx) => changePassword(ctx, i),
  'users.list': (_, ctx) => listUsers(ctx),
  'users.save': (i, ctx) => saveUser(ctx, i),
  'users.resetPassword': (i, ctx) => resetPassword(ctx, i.id),
  'users.setDisabled': (i, ctx) => setDisabled(ctx, i.id, i.disabled),
  'settings.get': (_, ctx) => getSettings(ctx),
  'settings.save': (i, ctx) => saveSettings(ctx, i),
} satisfies Handlers<typeof authOps>;
