import { sql } from 'kysely';
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { Subject } from '../../api/types';
import type { Row } from '../../../db';
import { invalid, notFound } from '../../api/errors';
import { act } from '../tx';
import { STANDARD_SUBJECTS } from './standard';
import { plural } from '../../api/plural';
import { ruFold } from '../../api/text';

const toSubject = (r: Row<'subject'>): Subject => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  noAttestation: r.no_attestation === 1,
  grading: r.grading,
  sortOrder: r.sort_order,
  roomKind: r.room_kind,
});

export function listSubjects(ctx: Ctx): Subject[] {
  const { db } = ctx;
  return db.all(db.q.selectFrom('subject').selectAll().where('deleted_at', 'is', null).orderBy('sort_order').orderBy('name')).map(toSubject);
}

export function saveSubject(ctx: Ctx, i: OpParsed<'subjects.save'>): Subject {
  const { db } = ctx;
  return act(ctx, (w) => {
    // ru_fold, not SQLite's lower(): that one folds only Latin letters («ФИЗИКА» and «Физика» are one subject).
    const same = db.first(
      db.q.selectFrom('subject').select('id').where('deleted_at', 'is', null).where(sql<string>`ru_fold(name)`, '=', ruFold(i.name)),
    );
    if (same && same.id !== i.id) throw invalid(`Предмет «${i.name}» уже есть`, [{ column: 'Название', message: `Предмет «${i.name}» уже есть` }]);
    const values = { name: i.name, short_name: i.shortName, no_attestation: i.noAttestation ? 1 : 0, grading: i.grading, sort_order: i.sortOrder, room_kind: i.roomKind };
    if (i.id) {
      if (!db.first(db.q.selectFrom('subject').select('id').where('id', '=', i.id).where('deleted_at', 'is', null))) throw notFound('Предмет');
      return toSubject(w.update('subject', i.id, values));
    }
    return toSubject(w.insert('subject', values));
  });
}

export function removeSubject(ctx: Ctx, id: string): void {
  const { db } = ctx;
  act(ctx, (w) => {
    const used = db.first(
      db.q.selectFrom('curriculum_item').select((eb) => eb.fn.countAll<number>().as('n')).where('subject_id', '=', id).where('deleted_at', 'is', null).where('hours_per_week', '>', 0),
    );
    if (used && used.n > 0) throw invalid(`Предмет стоит в учебном плане ${used.n} ${plural(used.n, 'класса', 'классов', 'классов')}. Сначала уберите его часы из учебного плана.`);
    w.remove('subject', id);
  });
}

/** Adds the subjects of the federal curriculum that the school does not have yet. */
export function addStandardSubjects(ctx: Ctx): { added: number } {
  const have = new Set(listSubjects(ctx).map((s) => s.name.toLowerCase()));
  const missing = STANDARD_SUBJECTS.filter((s) => !have.has(s.name.toLowerCase()));
  act(ctx, (w) =>
    w.insertMany(
      'subject',
      missing.map((s) => ({ name: s.name, short_name: s.shortName, no_attestation: s.noAttestation ? 1 : 0, grading: s.grading, sort_order: s.sortOrder, room_kind: s.roomKind ?? null })),
    ),
  );
  return { added: missing.length };
}
