// The central store: push, pull, central writes and reads (docs/sync.md).
export { push, type PushOutcome } from './push';
export { pull, pullRaw, pageJson, type RawPage } from './pull';
export { writeCentral, type WriteOptions } from './write';
export { readRecords, schoolVersion, type StoredRecord } from './read';
export { Refusal } from './apply';
export type { Row } from './registry';
export { forkClient as fork, ensureSchool, issueEnrollmentCode } from '../auth';
