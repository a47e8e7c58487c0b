// The central's answer to a credentials request (R7, issue 12): when a push brings a new
// `credential_request`, the central issues the account — a login made from the person's name
// (transliterated, unique in the school among the issued credentials and the staff's journal
// accounts) and a random one-time password — as a `credential_issue` record owned by the central,
// written in the push's transaction as one central version after the push's own; the office pulls
// it. A change of a request without a live answer (the office's «Запросить снова») is answered the
// same way. Nothing of it is logged.
import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from './apply';
import type { Row } from './registry';
import { writeCentral } from './write';

// Transliteration of Russian names as in passports (Приказ МВД № 889, after ICAO Doc 9303).
const LATIN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

export function transliterate(text: string): string {
  return Array.from(text.toLowerCase())
    .map((c) => LATIN[c] ?? (/[a-z0-9]/.test(c) ? c : ''))
    .join('');
}

/** «Иванова Мария Петровна» → «ivanova.mp»; a clash gets a number: «ivanova.mp2». */
export function loginBase(last: string, first: string, middle: string | null): string {
  const surname = transliterate(last).slice(0, 30) || 'user';
  const initials = [first, middle ?? ''].map((n) => transliterate(n).slice(0, 1)).join('');
  return initials ? `${surname}.${initials}` : surname;
}

export function uniqueLogin(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

// No characters that read alike on paper (0/O, 1/l/I).
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password: three groups of four random characters, «Kx7m-Rt3p-a9Qe». */
export function oneTimePassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

async function recordData(tx: Tx, schoolId: string, entity: string, ids: readonly string[]): Promise<Map<string, Row>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .selectFrom('record')
    .select(['id', 'data'])
    .where('school_id', '=', schoolId)
    .where('entity', '=', entity)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [String(r.id), r.data as Row]));
}

/**
 * Issues the accounts of the given requests (just pushed: new, or changed — «Запросить снова»),
 * skipping a request no longer live or already answered by a live issue. Runs inside the push's
 * transaction, after the school's version was written.
 */
export async function issueCredentials(tx: Tx, schoolId: string, requestIds: readonly string[], at: string): Promise<void> {
  if (!requestIds.length) return;
  const requests = await recordData(tx, schoolId, 'credential_request', requestIds);
  const answered = new Set(
    (
      await tx
        .selectFrom('record')
        .select(sql<string>`data->>'request_id'`.as('request_id'))
        .where('school_id', '=', schoolId)
        .where('entity', '=', 'credential_issue')
        .where(sql<string>`data->>'request_id'`, 'in', [...requestIds])
        .where(sql`data->>'deleted_at'`, 'is', null)
        .execute()
    ).map((r) => r.request_id),
  );
  const live = [...requests.entries()].filter(([id, r]) => r.deleted_at == null && !answered.has(id));
  if (!live.length) return;
  const students = await recordData(tx, schoolId, 'student', live.map(([, r]) => String(r.student_id)));
  const guardians = await recordData(tx, schoolId, 'guardian', live.flatMap(([, r]) => (r.guardian_id ? [String(r.guardian_id)] : [])));
  const taken = new Set(
    (
      await tx
        .selectFrom('record')
        .select(sql<string>`data->>'login'`.as('login'))
        .where('school_id', '=', schoolId)
        .where('entity', 'in', ['credential_issue', 'journal_account'])
        .execute()
    ).map((r) => r.login),
  );
  const changes = live.map(([id, r]) => {
    const person = r.guardian_id ? guardians.get(String(r.guardian_id)) : students.get(String(r.student_id));
    const login = uniqueLogin(loginBase(String(person?.last_name ?? ''), String(person?.first_name ?? ''), (person?.middle_name as string | null) ?? null), taken);
    taken.add(login);
    return {
      entity: 'credential_issue',
      id: randomUUID(),
      op: 'insert' as const,
      base: null,
      fields: { created_at: at, updated_at: at, deleted_at: null, request_id: id, login, one_time_password: oneTimePassword(), issued_at: at },
    };
  });
  await writeCentral(tx, schoolId, changes, { at });
}
