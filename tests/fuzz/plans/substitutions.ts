import type { substitutionsOps } from '../../../electron/api/substitutions';
import type { Plans } from '../plan';

// The fixture's records (harness.ts substitutionRecords): a Wednesday lesson of an absent teacher,
// a free substitute; a removal's sample removes a record of its own.
export const substitutionsPlans = {
  'absences.list': { sample: () => ({ from: '2026-12-01', to: '2026-12-31' }) },
  'absences.save': { sample: (f) => ({ staffId: f.teacherId, dateFrom: '2026-12-02', dateTo: '2026-12-04', reason: 'illness', note: null }) },
  'absences.remove': { sample: (f) => ({ id: f.subst.spareAbsenceId }) },
  'substitutions.day': { sample: () => ({ date: '2026-12-02' }) },
  'substitutions.forAbsence': { sample: (f) => ({ absenceId: f.subst.absenceId }) },
  'substitutions.candidates': { sample: (f) => ({ date: '2026-12-02', cardId: f.subst.cardId }) },
  'substitutions.assign': { sample: (f) => ({ date: '2026-12-02', cardId: f.subst.cardId, substituteId: f.subst.substituteId, roomId: null, note: null }) },
  'substitutions.change': { sample: (f) => ({ kind: 'cancel', date: '2026-12-02', cardId: f.subst.cardId, note: null }) },
  'substitutions.remove': { sample: (f) => ({ id: f.subst.changeId }) },
  'substitutions.daySheetPdf': { sample: () => ({ date: '2026-12-02' }), slow: true },
  'substitutions.journal': { sample: () => ({ month: '2026-12', teacherId: null, format: 'pdf' }), slow: true },
  'substitutions.indicator': { sample: (f) => ({ yearId: f.yearId }) },
} satisfies Plans<typeof substitutionsOps>;
