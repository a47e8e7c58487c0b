import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { School } from '../../api/types';
import type { Row } from '../../../db';
import { act } from '../tx';
import { invalid, notFound, type Problem } from '../../api/errors';
import { checkContacts } from './staff';

export function toSchool(r: Row<'school'>): School {
  return {
    id: r.id,
    fullName: r.full_name,
    shortName: r.short_name,
    inn: r.inn,
    address: r.address,
    phone: r.phone,
    email: r.email,
    directorId: r.director_id,
  };
}

export function schoolRow(ctx: Ctx): Row<'school'> | undefined {
  return ctx.db.first(ctx.db.q.selectFrom('school').selectAll().where('deleted_at', 'is', null).orderBy('created_at').limit(1));
}

export function getSchool(ctx: Ctx): School | null {
  const r = schoolRow(ctx);
  return r ? toSchool(r) : null;
}

export function saveSchool(ctx: Ctx, i: OpParsed<'school.save'>): School {
  const problems: Problem[] = [];
  const contacts = checkContacts({ phone: i.phone, email: i.email }, problems);
  if (problems.length) throw invalid(problems[0]!.message, problems);
  const { db } = ctx;
  if (i.directorId && !db.first(db.q.selectFrom('staff').select('id').where('id', '=', i.directorId).where('deleted_at', 'is', null))) throw notFound('Директор');
  return act(ctx, (w) => {
    const values = {
      full_name: i.fullName,
      short_name: i.shortName,
      inn: i.inn,
      address: i.address,
      phone: contacts.phone,
      email: contacts.email,
      director_id: i.directorId ?? null,
    };
    const existing = schoolRow(ctx);
    return toSchool(existing ? w.update('school', existing.id, values) : w.insert('school', { ...values, report_rules: '{}', paper_journal: 1 }));
  });
}
