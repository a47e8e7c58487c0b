// The client's sync store (issue 10; docs/sync.md): identity, the outbox of mutations, applying a
// pulled page with the rebase of pending mutations, refusals. The interface the sync feature
// (electron/core/sync) uses; bodies by the store's implementation.
import type { Db } from '../connection';
import type { Mutation, PullResponse, PushResponse } from '../../central/protocol';

/** Who this installation is to the central system: kept in the database, never taken over by a restored copy. */
export interface SyncIdentity {
  serverUrl: string;
  schoolId: string;
  schoolName: string;
  clientId: string;
  secret: string;
}

export interface SyncState {
  identity: SyncIdentity | null;
  /** The server cursor: every version up to it has been applied here. */
  cursor: number;
  /** The last mutation the server has processed, as the last complete pull said. */
  ackedMutation: number;
  /** The last mutation the server answered a push for. */
  pushedThrough: number;
  /** Set by a restore from a backup: the next sync takes a new client identity first. */
  needsFork: boolean;
  lastSyncAt: string | null;
  lastError: string | null;
  /** Mutations not yet confirmed by a pull (waiting to be sent or to come back). */
  pending: number;
  /** Mutations the server (or the app itself) refused, kept for the «Синхронизация» screen. */
  refused: number;
}

/** A refused mutation as the «Синхронизация» screen shows it: what was undone and why. */
export interface Refusal {
  no: number;
  at: string;
  actor: string;
  reason: string;
  refusedAt: string;
  /** Each changed record: its kind («Класс»), its name as the audit log names it, the fields changed. */
  changes: { entity: string; title: string; record: string; op: 'insert' | 'update' | 'delete'; fields: string[] }[];
}

export declare function syncState(db: Db): SyncState;
/** After registration: this installation becomes that client of that school (cursor 0). */
export declare function setIdentity(db: Db, identity: SyncIdentity): void;
/** After a restore (or a reused identity): the new client's credentials; mutations ≤ serverLast are dropped, the rest renumbered from 1. */
export declare function forkIdentity(db: Db, next: { clientId: string; secret: string }, serverLast: number): void;
/** The mutations to send next, in order, after `pushedThrough` (at most `limit`). */
export declare function mutationsToPush(db: Db, limit: number): Mutation[];
/** A push's answer, in one transaction: accepted ones noted, refused ones undone (with those that depend on them). */
export declare function recordPush(db: Db, res: PushResponse): { accepted: number; refused: number };
/** A 409 gap: the server has processed through `serverLast`; the next push starts after it. */
export declare function notePushGap(db: Db, serverLast: number): void;
/** One pulled page, in one transaction: rows applied without echo, pending mutations rebased; on the last page the acknowledged ones dropped. */
export declare function applyPullPage(db: Db, page: PullResponse): { rows: number; refused: number };
export declare function noteSyncResult(db: Db, at: string, error: string | null): void;
export declare function refusals(db: Db, limit: number): Refusal[];
