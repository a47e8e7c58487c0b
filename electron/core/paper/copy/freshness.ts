// Whether a printed paper copy still matches the journal (R21, issue 14 point 3), and if not, what
// changed since it was printed, in Russian: the copy's stored fingerprint (fingerprint.ts: item key →
// short hash) against the fingerprint of the class's data read now (data.ts: a few statements for
// the one class). Items of a kind are counted by change (changed, added, removed) and named with their
// subjects: «3 отметки изменены (Алгебра, Физика)», «тема урока изменена: 2 (История)».
import type { Ctx } from '../../context';
import { notFound } from '../../../api/errors';
import { plural } from '../../../api/plural';
import { copyData, type CopyData } from './data';
import { digestOf, unpackFingerprint } from './fingerprint';

export interface CopyFreshness {
  upToDate: boolean;
  /** What changed, in Russian, one line per kind: «3 отметки изменены (Алгебра, Физика)». Empty when up to date. */
  changes: string[];
}

type How = 'changed' | 'added' | 'removed';

/** «3 отметки изменены», «1 отметка добавлена», «5 отметок удалено». */
function countLine(n: number, noun: readonly [string, string, string], how: How, suffix = ''): string {
  const verb: Record<How, [string, string, string]> = {
    changed: ['изменена', 'изменены', 'изменено'],
    added: ['добавлена', 'добавлены', 'добавлено'],
    removed: ['удалена', 'удалены', 'удалено'],
  };
  const v = verb[how];
  return `${n} ${plural(n, ...noun)}${suffix} ${plural(n, v[0], v[1], v[2])}`;
}

export function copyFreshness(ctx: Ctx, copyId: string): CopyFreshness {
  const row = ctx.db.raw.prepare(`SELECT class_id, period_id, fingerprint FROM paper_copy WHERE id = ? AND deleted_at IS NULL`).get(copyId) as
    | { class_id: string; period_id: string; fingerprint: string }
    | undefined;
  if (!row) throw notFound('Бумажная копия');
  return compareFingerprint(ctx, row.class_id, row.period_id, unpackFingerprint(row.fingerprint));
}

/** The stored fingerprint of a copy of the class and period against the data now. */
export function compareFingerprint(ctx: Ctx, classId: string, periodId: string, old: Record<string, string>): CopyFreshness {
  const d = copyData(ctx, classId, periodId);
  return freshnessAgainst(ctx, d, digestOf(d).items, old);
}

/** A stored fingerprint against the class's data read now (`now`: its items, digestOf(d).items). */
export function freshnessAgainst(ctx: Ctx, d: CopyData, now: Map<string, string>, old: Record<string, string>): CopyFreshness {

  // The subject of each item now; of an item gone, from its (tombstoned or moved) row.
  const subjectName = new Map<string, string>();
  const subjectOf = new Map<string, string>();
  for (const u of d.units) {
    subjectName.set(u.subjectId, u.subject);
    for (const l of u.lessons) subjectOf.set(`l:${l.id}`, u.subjectId);
    for (const m of u.marks) subjectOf.set(`m:${m.id}`, u.subjectId);
    for (const a of u.absences) subjectOf.set(`a:${a.id}`, u.subjectId);
  }
  for (const s of d.attested) subjectName.set(s.id, s.name);

  const diffs: { key: string; how: How }[] = [];
  for (const [k, h] of Object.entries(old)) {
    const n = now.get(k);
    if (n === undefined) diffs.push({ key: k, how: 'removed' });
    else if (n !== h) diffs.push({ key: k, how: 'changed' });
  }
  for (const k of now.keys()) if (!(k in old)) diffs.push({ key: k, how: 'added' });
  if (!diffs.length) return { upToDate: true, changes: [] };

  const gone = diffs.filter((x) => x.how === 'removed' && /^[lma]:/.test(x.key)).map((x) => x.key);
  if (gone.length) {
    const ids = (p: string) => JSON.stringify(gone.filter((k) => k.startsWith(p)).map((k) => k.slice(2)));
    const rows = ctx.db.raw
      .prepare(
        `SELECT 'l:' || id AS k, subject_id AS s FROM lesson WHERE id IN (SELECT value FROM json_each(@l))
         UNION ALL SELECT 'm:' || id, subject_id FROM mark WHERE id IN (SELECT value FROM json_each(@m))
         UNION ALL SELECT 'a:' || a.id, l.subject_id FROM attendance a JOIN lesson l ON l.id = a.lesson_id WHERE a.id IN (SELECT value FROM json_each(@a))`,
      )
      .all({ l: ids('l:'), m: ids('m:'), a: ids('a:') }) as { k: string; s: string }[];
    for (const r of rows) subjectOf.set(r.k, r.s);
  }
  const periodSubject = (k: string) => k.split(':')[2]!;
  const wanted = new Set([...diffs.map((x) => (x.key.startsWith('p:') ? periodSubject(x.key) : subjectOf.get(x.key))).filter((s): s is string => !!s && !subjectName.has(s))]);
  if (wanted.size)
    for (const r of ctx.db.raw.prepare(`SELECT id, name FROM subject WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...wanted])) as { id: string; name: string }[])
      subjectName.set(r.id, r.name);

  // Group: a line per (kind, how), with the subjects named.
  const groups = new Map<string, { n: number; subjects: Set<string> }>();
  const add = (line: string, subject: string | undefined) => {
    const g = groups.get(line) ?? groups.set(line, { n: 0, subjects: new Set() }).get(line)!;
    g.n++;
    if (subject) g.subjects.add(subjectName.get(subject) ?? '?');
  };
  for (const { key, how } of diffs) {
    const kind = key === 'head' ? 'head' : key.slice(0, 1);
    const subject = kind === 'p' ? periodSubject(key) : subjectOf.get(key);
    if (kind === 'l' && how === 'changed') {
      // «when.topic.homework»: which of the three parts changed.
      const [a0, a1, a2] = old[key]!.split('.');
      const [b0, b1, b2] = now.get(key)!.split('.');
      if (a0 !== b0) add('lesson:changed', subject);
      if (a1 !== b1) add('topic:changed', subject);
      if (a2 !== b2) add('homework:changed', subject);
    } else add(`${kind}:${how}`, subject);
  }
  const order = ['m', 'p', 'a', 'topic', 'homework', 'lesson', 'l', 's', 'head'];
  const hows: How[] = ['changed', 'added', 'removed'];
  const changes: string[] = [];
  for (const kind of order)
    for (const how of hows) {
      const g = groups.get(`${kind}:${how}`);
      if (!g) continue;
      const subj = g.subjects.size ? ` (${[...g.subjects].sort((a, b) => a.localeCompare(b, 'ru')).join(', ')})` : '';
      const word = { changed: 'изменена', added: 'добавлена', removed: 'удалена' }[how];
      switch (kind) {
        case 'm':
          changes.push(`${countLine(g.n, ['отметка', 'отметки', 'отметок'], how)}${subj}`);
          break;
        case 'a':
          changes.push(`${countLine(g.n, ['отметка', 'отметки', 'отметок'], how, ' посещаемости')}${subj}`);
          break;
        case 'p':
          changes.push(`итоговая отметка ${word}: ${g.n}${subj}`);
          break;
        case 'topic':
          changes.push(`тема урока изменена: ${g.n}${subj}`);
          break;
        case 'homework':
          changes.push(`домашнее задание изменено: ${g.n}${subj}`);
          break;
        case 'lesson':
          changes.push(`дата или учитель урока изменены: ${g.n}${subj}`);
          break;
        case 'l':
          changes.push(`урок ${how === 'added' ? 'добавлен' : 'удалён'}: ${g.n}${subj}`);
          break;
        case 's':
          changes.push(`список класса: ${how === 'changed' ? 'изменены сведения' : how === 'added' ? 'добавлены ученики' : 'исключены ученики'}: ${g.n}`);
          break;
        case 'head':
          changes.push('сведения титульного листа изменены');
          break;
      }
    }
  return { upToDate: false, changes };
}
