// The imported applications of the current year, for the «Заявления о приёме» list (issue 12).
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { EnrollmentApplicationRow } from '../../api/types';
import { ruKey } from '../../api/text';
import { requireAccess } from '../auth/guard';
import { fullName } from '../format';
import { currentYearOrNull } from '../year';

type ListInput = OpParsed<'enrollment.list'>;

export function listApplications(ctx: Ctx, i: ListInput): EnrollmentApplicationRow[] {
  requireAccess(ctx, 'contingent', 'view');
  const { db } = ctx;
  const yearId = currentYearOrNull(ctx);
  if (!yearId) return [];
  const apps = db.all(db.q.selectFrom('enrollment_application').selectAll().where('year_id', '=', yearId).where('deleted_at', 'is', null));
  const parents = new Map<string, string[]>();
  for (const p of db.all(
    db.q
      .selectFrom('enrollment_parent as p')
      .innerJoin('enrollment_application as a', 'a.id', 'p.application_id')
      .select(['p.application_id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.relation', 'p.phone'])
      .where('a.year_id', '=', yearId)
      .where('p.deleted_at', 'is', null)
      .orderBy('p.position'),
  ))
    parents.set(p.application_id, [...(parents.get(p.application_id) ?? []), [fullName(p), p.relation ? `(${p.relation})` : null, p.phone].filter(Boolean).join(' ')]);
  const search = ruKey(i.search ?? '');
  const rows: EnrollmentApplicationRow[] = apps
    .filter((a) => !i.enrollableOnly || a.enrollable === 1)
    .map((a) => ({
      id: a.id,
      regNumber: a.reg_number,
      appliedAt: a.applied_at,
      status: a.status,
      enrollable: a.enrollable === 1,
      preference: a.preference,
      sibling: a.sibling === 1,
      fullName: fullName(a),
      birthDate: a.birth_date,
      gender: a.gender,
      address: a.address,
      onTerritory: a.on_territory === null ? null : a.on_territory === 1,
      adaptedProgramme: a.adapted_programme === 1,
      parents: parents.get(a.id) ?? [],
      studentId: a.student_id,
    }))
    .filter((r) => !search || ruKey([r.regNumber, r.fullName, r.status, r.address ?? '', ...r.parents].join(' ')).includes(search));
  const key = (r: EnrollmentApplicationRow): string => {
    switch (i.sort) {
      case 'appliedAt':
        return r.appliedAt ?? '';
      case 'name':
        return ruKey(r.fullName);
      case 'birthDate':
        return r.birthDate;
      case 'status':
        return ruKey(r.status);
      default:
        // «2026-00012» and «12» alike: numbers by their value
        return r.regNumber.replace(/\d+/g, (n) => n.padStart(12, '0'));
    }
  };
  rows.sort((a, b) => key(a).localeCompare(key(b), 'ru') || a.regNumber.localeCompare(b.regNumber, 'ru'));
  if (i.desc) rows.reverse();
  return rows;
}
