// The register's chain (issue 14 point 4): each entry's digest is SHA-256 over a canonical
// serialisation of its fields and the previous entry's digest ('' for the first), so an entry
// changed after it was recorded (its digest no longer matches its fields) and an entry removed or
// slipped in (a number missing, or the next entry's prev_digest not the digest before it) are found.
// Pure: the rows come from queries.ts.
import { createHash } from 'node:crypto';

/** The fields an entry's digest covers, in this order. */
export interface ChainFields {
  id: string;
  number: number;
  received_on: string;
  class_id: string;
  period_id: string;
  copy_id: string | null;
  sheets: number;
  handed_by: string;
  received_by: string;
  corrects_id: string | null;
  note: string | null;
  recorded_at: string;
  recorded_by: string;
  prev_digest: string;
}

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The canonical serialisation: a JSON array of the fields in a fixed order (JSON escapes every
 * string unambiguously, so no two different entries serialise alike), prefixed with a version tag.
 */
export function canonical(e: ChainFields): string {
  return JSON.stringify([
    'paper-register/1',
    e.id,
    e.number,
    e.received_on,
    e.class_id,
    e.period_id,
    e.copy_id,
    e.sheets,
    e.handed_by,
    e.received_by,
    e.corrects_id,
    e.note,
    e.recorded_at,
    e.recorded_by,
    e.prev_digest,
  ]);
}

export const entryDigest = (e: ChainFields): string => sha256(canonical(e));

export interface ChainBreak {
  number: number;
  problem: string;
}

/**
 * The first break of the chain, or null. `rows`: every row of the table ordered by number,
 * tombstoned ones included (the program never removes an entry).
 */
export function firstBreak(rows: readonly (ChainFields & { digest: string; deleted_at: string | null })[]): ChainBreak | null {
  let prev = '';
  let expected = 1;
  for (const r of rows) {
    if (r.deleted_at) return { number: r.number, problem: `запись № ${r.number} удалена` };
    if (r.number !== expected) {
      // A number missing (an entry removed) or repeated / out of order (one slipped in).
      const n = r.number > expected ? expected : r.number;
      return { number: n, problem: `запись № ${n} удалена или вставлена` };
    }
    if (entryDigest(r) !== r.digest) return { number: r.number, problem: `запись № ${r.number} изменена после внесения` };
    if (r.prev_digest !== prev)
      return {
        number: r.number,
        problem: `запись № ${r.number} удалена или вставлена: она не продолжает запись № ${r.number - 1}`,
      };
    prev = r.digest;
    expected++;
  }
  return null;
}

