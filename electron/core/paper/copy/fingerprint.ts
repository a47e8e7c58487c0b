// The digest and the fingerprint of a paper copy's data (R21, issue 14 point 3). Both are made from
// one canonical serialisation of exactly what the copy prints (data.ts): one line per item,
// `key<TAB>payload`, in a fixed order. The digest is the SHA-256 of all lines; the fingerprint is the
// JSON map key → short hash of the payload (FNV-1a, 6 hex: a change goes unnoticed with odds of
// 1 in 16 million per item), stored in paper_copy.fingerprint so that freshness.ts can name what
// changed since printing. Keys:
//   head          the title sheet (school, class, period, year, class teacher)
//   s:<student>   a row of the class list (name, on the list from/to)
//   l:<lesson>    a lesson: «when.topic.homework» — three hashes joined by «.», so that a changed
//                 topic is told from a changed date or teacher
//   m:<mark>      a mark (student, lesson, value, kind of work)
//   a:<absence>   an attendance mark (student, lesson, kind)
//   p:<period>:<subject>:<student>   a period mark (this period's and the earlier ones of the summary)
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CopyData } from './data';

/** FNV-1a (32 bits) of a string's UTF-16 code units, as 6 hex characters. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) & 0xffffff).toString(16).padStart(6, '0');
}

export const LESSON_PARTS = 3;

/** The canonical lines of the data, in order (the same data gives the same lines). */
export function canonicalItems(d: CopyData): [string, string][] {
  const out: [string, string][] = [];
  out.push(['head', [d.school, d.className, d.period.name, d.period.start, d.period.end, d.yearName, d.classTeacher ?? '', d.director ?? ''].join('\u001f')]);
  for (const s of d.students) out.push([`s:${s.id}`, [s.name, s.from, s.to ?? ''].join('\u001f')]);
  for (const u of d.units) {
    for (const l of u.lessons) {
      const when = [u.key, l.date, l.no, l.teacher, l.substitute ?? ''].join('\u001f');
      out.push([`l:${l.id}`, `${when}\u001e${l.topic}\u001e${l.homework}`]);
    }
    for (const m of u.marks) out.push([`m:${m.id}`, [m.studentId, m.lessonId, m.value, m.workKind].join('\u001f')]);
    for (const a of u.absences) out.push([`a:${a.id}`, [a.studentId, a.lessonId, a.kind].join('\u001f')]);
  }
  for (const p of d.periods) {
    const bySubject = d.periodMarks.get(p.key);
    if (!bySubject) continue;
    for (const subj of [...bySubject.keys()].sort())
      for (const s of d.students) {
        const v = bySubject.get(subj)!.get(s.id);
        if (v) out.push([`p:${p.key}:${subj}:${s.id}`, v]);
      }
  }
  return out;
}

/** The hash of an item for the fingerprint: a lesson's three parts apart. */
function itemHash(key: string, payload: string): string {
  if (!key.startsWith('l:')) return shortHash(payload);
  return payload
    .split('\u001e')
    .map((p) => shortHash(p))
    .join('.');
}

export function digestOf(d: CopyData): { digest: string; fingerprint: string; items: Map<string, string> } {
  const items = new Map<string, string>();
  const hash = createHash('sha256');
  for (const [k, p] of canonicalItems(d)) {
    hash.update(`${k}\t${p}\n`);
    items.set(k, itemHash(k, p));
  }
  return { digest: hash.digest('hex'), fingerprint: packFingerprint(Object.fromEntries(items)), items };
}

// Stored deflated (`z:` + base64, zlib's fastest level): the ids in the keys share long prefixes, under half the JSON's size.
export function packFingerprint(map: Record<string, string>): string {
  return `z:${deflateRawSync(JSON.stringify(map), { level: 1 }).toString('base64')}`;
}

export function unpackFingerprint(stored: string): Record<string, string> {
  const json = stored.startsWith('z:') ? inflateRawSync(Buffer.from(stored.slice(2), 'base64')).toString('utf8') : stored;
  return JSON.parse(json) as Record<string, string>;
}
