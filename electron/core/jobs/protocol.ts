// The messages between the job runner (the host's thread) and a job worker thread (worker.ts).
// Plain data only: they cross threads by structured clone.
import type { SessionUser } from '../../api/types';
import type { CallResult } from '../dispatch';
import type { AppInfo } from '../../api/types';

/** What a handler in the worker knows of the session that started the job (the guard already let it call). */
export interface SessionState {
  id: string;
  user: SessionUser | null;
  locked: boolean;
  lastActivity: number;
  service: boolean;
  enforcePasswordChange: boolean;
  /** The backup file the session may open (backup/grants.ts). */
  grant?: { file: string; until: number };
}

export interface JobStart {
  id: string;
  name: string;
  /** The validated input. */
  input: unknown;
  dbPath: string;
  actor: string;
  host: AppInfo['host'];
  dataDir?: string;
  /**
   * The host's time when the job started (ms): the job acts at that one instant, as one call does
   * (the host's clock may be another than this thread's: a test's fixed clock).
   */
  startedAtMs: number;
  backupKey?: Uint8Array;
  session: SessionState;
  /** The session's input files (files.ts). */
  inputs: { id: string; path: string; name: string }[];
  /** Where result files go (files.ts filesDir). */
  filesDir: string;
  /** Int32[0] = 1: the user cancelled. */
  cancel: SharedArrayBuffer;
}

export type ToWorker = { type: 'run'; job: JobStart };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: string; done: number; total: number; phrase: string }
  /** Tables a committed transaction of the job wrote (change events). */
  | { type: 'changes'; id: string; entities: string[] }
  | {
      type: 'end';
      id: string;
      outcome: CallResult;
      /** Result files the job made (inside filesDir). */
      files: { id: string; path: string; name: string; size: number }[];
      /** Inputs it used up. */
      released: string[];
      /** The session's backup grant after the job (a restore drops it). */
      grant?: { file: string; until: number };
    };
