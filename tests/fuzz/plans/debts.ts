import type { debtsOps } from '../../../electron/api/debts';
import type { Fixture, Plans } from '../plan';

/** The fixture's debt of a student in a subject (recorded by the sample of debts.record), or an id that names nothing. */
const debtOf = (f: Fixture, subjectId: string): string =>
  (f.core.db.raw.prepare('SELECT id FROM academic_debt WHERE student_id = ? AND subject_id = ? AND deleted_at IS NULL').get(f.studentId, subjectId) as { id: string } | undefined)?.id ??
  '00000000-0000-7000-8000-000000000000';

/** Three live staff cards: a commission. */
const commission = (f: Fixture): string[] =>
  (f.core.db.raw.prepare('SELECT id FROM staff WHERE deleted_at IS NULL ORDER BY last_name, first_name LIMIT 3').all() as { id: string }[]).map((r) => r.id);

export const debtsPlans = {
  'debts.list': { sample: (f) => ({ yearId: f.yearId, classId: f.classId, subjectId: null, status: 'open', search: 'а', sort: 'next', desc: false }) },
  'debts.candidates': { sample: (f) => ({ yearId: f.yearId, classId: f.classId }) },
  'debts.record': {
    sample: (f) => ({
      yearId: f.yearId,
      items: [
        { studentId: f.studentId, subjectId: f.subjectId, reason: 'unsatisfactory', recordedOn: '2026-11-20' },
        { studentId: f.studentId, subjectId: f.divisionSubjectId, reason: 'absent', recordedOn: '2026-11-20' },
      ],
    }),
  },
  'debts.save': {
    sample: (f) => ({
      id: debtOf(f, f.subjectId), firstRetakeOn: '2026-11-24', firstResult: '2', secondRetakeOn: '2026-11-27', secondResult: '2', commission: commission(f), note: 'письменная работа',
    }),
  },
  'debts.decide': { sample: (f) => ({ id: debtOf(f, f.subjectId), decision: 'individual', decidedOn: '2026-11-30' }) },
  'debts.undecide': { sample: (f) => ({ id: debtOf(f, f.subjectId) }) },
  'debts.remove': { sample: (f) => ({ id: debtOf(f, f.divisionSubjectId) }) },
  'debts.noticePdf': { sample: (f) => ({ yearId: f.yearId, classId: f.classId, studentIds: [f.studentId] }), slow: true },
  'debts.schedulePdf': { sample: (f) => ({ yearId: f.yearId, from: '2026-11-01', to: '2026-12-31', classId: null }), slow: true },
  'debts.protocolPdf': { sample: (f) => ({ yearId: f.yearId, id: debtOf(f, f.subjectId), subjectId: null, date: null }), slow: true },
} satisfies Plans<typeof debtsOps>;
