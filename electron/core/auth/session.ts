import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../../api/types';

/**
 * Who is logged in to one host (the Electron window, one browser session, one CLI run).
 * Kept in memory only: a restart means a new login.
 */
export class Session {
  user: SessionUser | null = null;
  locked = false;
  lastActivity = 0;
  /**
   * A service user of the process itself (tests, the bench, the CLI's first setup), not an app
   * account: the guard does not look for its account row. Accounts are followed on every call.
   */
  service = false;
  /**
   * Names this session in change events (`ChangeEvent.sessionId`) inside the process; never a
   * cookie, never sent to a renderer.
   */
  readonly id = randomUUID();
  /** Interactive hosts make a user with a one-time password change it before anything else. */
  constructor(readonly enforcePasswordChange = true) {}

  signIn(user: SessionUser, now: Date, opts: { service?: boolean } = {}): void {
    this.user = user;
    this.locked = false;
    this.lastActivity = now.getTime();
    this.service = opts.service ?? false;
  }

  signOut(): void {
    this.user = null;
    this.locked = false;
    this.service = false;
  }
}
