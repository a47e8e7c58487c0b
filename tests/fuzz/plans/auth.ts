import type { authOps } from '../../../electron/api/auth';
import { none, FUZZ_PASSWORD, type Plans } from '../plan';

export const authPlans = {
  'auth.status': { sample: none, auth: true },
  'auth.setupAdmin': { sample: () => ({ login: 'admin2', displayName: 'Петров Пётр Петрович', password: 'Пароль2026' }), auth: true },
  'auth.login': { sample: (f) => ({ login: 'fuzzer', password: f.password }), auth: true, slow: true },
  'auth.logout': { sample: none, auth: true },
  'auth.lock': { sample: none, auth: true },
  'auth.unlock': { sample: (f) => ({ password: f.password }), auth: true, slow: true },
  'auth.changePassword': {
    sample: (f) => ({ oldPassword: f.password, newPassword: f.password === FUZZ_PASSWORD[0] ? FUZZ_PASSWORD[1] : FUZZ_PASSWORD[0] }),
    auth: true,
    slow: true,
  },
  'users.list': { sample: none },
  'users.save': { sample: (f) => ({ id: f.targetUserId, login: 'target', displayName: 'Целевая Анна Ивановна', role: 'secretary', deputyGrades: [] }) },
  'users.resetPassword': { sample: (f) => ({ id: f.targetUserId }), slow: true },
  'users.setDisabled': { sample: (f) => ({ id: f.targetUserId, disabled: false }) },
  'settings.get': { sample: none },
  'settings.save': { sample: (f) => f.settings },
} satisfies Plans<typeof authOps>;
