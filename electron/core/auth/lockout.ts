import type { Db } from '../../../db';
import { DEFAULT_SETTINGS, readSetting } from './settings';

/**
 * The lockout after wrong passwords (login and lock screen), counted so that concurrent guesses
 * cannot outrun it: an attempt is counted BEFORE its password is checked, in one SQL statement
 * (atomic for every connection to the file: the window, the CLI, a second app), and only a right
 * password resets the count. So within one lockout window no more than `max` passwords are ever
 * checked, however many arrive at once; the attempt that takes the last slot locks the account at
 * once, and a right password in an earlier slot lifts that lock again.
 */
export interface LockoutPolicy {
  max: number;
  minutes: number;
}

export function lockoutPolicy(db: Db): LockoutPolicy {
  return {
    max: readSetting(db, 'security.maxFailedLogins', DEFAULT_SETTINGS.maxFailedLogins),
    minutes: readSetting(db, 'security.lockoutMinutes', DEFAULT_SETTINGS.lockoutMinutes),
  };
}

/** One counted attempt: `checkable` false when the login was locked (its password must not be checked). */
export type Attempt = { checkable: false } | { checkable: true; until: string | null };

/**
 * Counts one attempt on an account; `until` is set when this attempt took the last slot and so
 * locked the account (lifted if its password proves right). An expired lock starts a new count.
 */
export function countAttempt(db: Db, userId: string, now: Date, policy: LockoutPolicy): Attempt {
  const at = now.toISOString();
  const until = new Date(now.getTime() + policy.minutes * 60_000).toISOString();
  // The SET expressions see the row as it was: the count restarts after an expired lock.
  const row = db
    .statement(
      `UPDATE app_user SET
         failed_attempts = (CASE WHEN locked_until IS NULL THEN failed_attempts ELSE 0 END) + 1,
         locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_attempts ELSE 0 END) + 1 >= ? THEN ? ELSE NULL END
       WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)
       RETURNING locked_until`,
    )
    .get(policy.max, until, userId, at) as { locked_until: string | null } | undefined;
  return row ? { checkable: true, until: row.locked_until } : { checkable: false };
}

/** A right password: the count starts again and a lock taken by a concurrent attempt is lifted. */
export function clearAttempts(db: Db, userId: string): void {
  db.statement('UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(userId);
}

/** Whether the lock this attempt took still stands (a right password checked meanwhile lifts it). */
export function lockStands(db: Db, userId: string, until: string): boolean {
  const row = db.statement('SELECT locked_until FROM app_user WHERE id = ?').get(userId) as { locked_until: string | null } | undefined;
  return row?.locked_until === until;
}

/** Minutes left of the account's lock (at least 1), or 0 when it is not locked. */
export function lockMinutesLeft(db: Db, userId: string, now: Date): number {
  const row = db.statement('SELECT locked_until FROM app_user WHERE id = ?').get(userId) as { locked_until: string | null } | undefined;
  const until = row?.locked_until ? Date.parse(row.locked_until) : 0;
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 60_000) : 0;
}

/**
 * Logins without an account lock like accounts do (so that a lockout does not tell which logins
 * exist), counted in memory per database connection (one host), keyed by the login as the lookup
 * normalizes it; never written anywhere. Bounded: the oldest entries make room.
 */
const UNKNOWN_LIMIT = 1000;
const unknownLogins = new WeakMap<Db, Map<string, { failed: number; until: number }>>();

export function countUnknownAttempt(db: Db, login: string, now: Date, policy: LockoutPolicy): Attempt {
  let map = unknownLogins.get(db);
  if (!map) unknownLogins.set(db, (map = new Map()));
  const key = login.trim().toLowerCase();
  const seen = map.get(key) ?? { failed: 0, until: 0 };
  if (seen.until > now.getTime()) return { checkable: false };
  const failed = (seen.until ? 0 : seen.failed) + 1;
  const until = failed >= policy.max ? now.getTime() + policy.minutes * 60_000 : 0;
  map.delete(key); // re-inserted last: the map's order is the order of use
  map.set(key, { failed, until });
  while (map.size > UNKNOWN_LIMIT) map.delete(map.keys().next().value!);
  return { checkable: true, until: until ? new Date(until).toISOString() : null };
}
