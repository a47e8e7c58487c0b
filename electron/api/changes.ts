// What a renderer is told when data changed (issue 9 point 7): entity names and who changed them,
// nothing else — no record, no name, no account. Shared by the hosts (which send it) and the
// renderer (which refetches what it shows); see docs/architecture.md «Change events and the
// renderer's data layer».

/** Who changed: a user of this program, a background job, sync, or another process on the file. */
export type ChangeBy = 'user' | 'job' | 'sync' | 'other';

export interface ChangeMessage {
  /** Table names (`student`, `school_class`, …), or `['*']`: anything may have changed. */
  entities: string[];
  by: ChangeBy;
}

/** The IPC channel (Electron) and the server-sent event's name (browser host). */
export const CHANGES_CHANNEL = 'changes';
/** The browser host's endpoint of server-sent events (authenticated as the API calls are). */
export const CHANGES_PATH = '/api/events';

const BY: readonly ChangeBy[] = ['user', 'job', 'sync', 'other'];
const ENTITY = /^(\*|[a-z][a-z0-9_]{0,62})$/;
const MAX_ENTITIES = 200;

/**
 * The message as a fresh plain object, or null when `v` is not one: the preload and the renderer
 * take nothing else from the channel (an unknown field is dropped, a wrong one refuses the whole).
 */
export function parseChangeMessage(v: unknown): ChangeMessage | null {
  if (typeof v !== 'object' || v === null) return null;
  const { entities, by } = v as { entities?: unknown; by?: unknown };
  if (!Array.isArray(entities) || entities.length === 0 || entities.length > MAX_ENTITIES) return null;
  if (!entities.every((e): e is string => typeof e === 'string' && ENTITY.test(e))) return null;
  if (typeof by !== 'string' || !BY.includes(by as ChangeBy)) return null;
  return { entities: [...entities], by: by as ChangeBy };
}
