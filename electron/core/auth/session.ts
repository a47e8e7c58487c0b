import type { SessionUser } from '../../api/types';

/**
 * Who is logged in to one host (the Electron window, one browser bridge, one CLI run).
 * Kept in memory only: a restart means a new login.
 */
export class Session {
  user: SessionUser | null = null;
  locked = false;
  lastActivity = 0;
  /** Interactive hosts make a user with a one-time password change it before anything else. */
  constructor(readonly enforcePasswordChange = true) {}

  signIn(user: SessionUser, now: Date): void {
    this.user = user;
    this.locked = false;
    this.lastActivity = now.getTime();
  }

  signOut(): void {
    this.user = null;
    this.locked = false;
  }
}
