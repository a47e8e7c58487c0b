// Change events to the hosts' renderers: who gets what (docs/architecture.md «Change events…»).
import type { ChangeEvent } from '../../db';
import type { ChangeMessage } from '../api/changes';
import type { Session } from './auth/session';

/**
 * Whether a session's renderer is told of changes now: only a logged-in user past the forced
 * password change and not locked (the renderer reloads everything after the unlock). A browser
 * at the login screen learns nothing, not even that something changed.
 */
export function followsChanges(session: Session): boolean {
  return !!session.user && !session.user.mustChangePassword && !session.locked;
}

/**
 * What a session's renderer is told of a change event, or null: the entity names and who (user,
 * job, sync, another process) — never the actor's login nor a session id.
 */
export function changeMessageFor(session: Session, e: ChangeEvent): ChangeMessage | null {
  if (!followsChanges(session) || e.entities.length === 0) return null;
  return { entities: [...e.entities], by: e.by };
}
