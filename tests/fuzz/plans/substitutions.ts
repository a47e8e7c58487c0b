import type { substitutionsOps } from '../../../electron/api/substitutions';
import type { Plans } from '../plan';

// First samples (issue 11): the substitutions' owner replaces the ids with the fixture's card,
// absence and change once the fixture has them.
const X = 'record-of-the-fixture';
export const substitutionsPlans = {
  'absences.list': { sample: () => ({ from: '2026-12-01', to: '2026-12-31' }) },
  'absences.save': { sample: (f) => ({ staffId: f.teacherId, dateFrom: '2026-12-02', dateTo: '2026-12-04', reason: 'illness', note: null }) },
  'absences.remove': { sample: () => ({ id: X }) },
  'substitutions.day': { sample: () => ({ date: '2026-12-02' }) },
  'substitutions.forAbsence': { sample: () => ({ absenceId: X }) },
  'substitutions.candidates': { sample: () => ({ date: '2026-12-02', cardId: X }) },
  'substitutions.assign': { sample: (f) => ({ date: '2026-12-02', cardId: X, substituteId: f.teacherId, roomId: null, note: null }) },
  'substitutions.change': { sample: () => ({ kind: 'cancel', date: '2026-12-02', cardId: X, note: null }) },
  'substitutions.remove': { sample: () => ({ id: X }) },
  'substitutions.daySheetPdf': { sample: () => ({ date: '2026-12-02' }), slow: true },
  'substitutions.journal': { sample: () => ({ month: '2026-12', teacherId: null, format: 'pdf' }), slow: true },
  'substitutions.indicator': { sample: (f) => ({ yearId: f.yearId }) },
} satisfies Plans<typeof substitutionsOps>;
