import type { timetableOps } from '../../../electron/api/timetable';
import type { Plans } from '../plan';

// Issue 11: the fixture's timetable version (`timetableId`) with its cards (`cardId`), a spare
// version and a spare busy time for the removals.
export const timetablePlans = {
  'timetable.versions': { sample: (f) => ({ yearId: f.yearId }) },
  'timetable.saveVersion': { sample: (f) => ({ yearId: f.yearId, name: 'С 12.01.2027', validFrom: '2027-01-12', days: 5, fortnight: false, copyFrom: null }) },
  'timetable.removeVersion': { sample: (f) => ({ id: f.spareTimetableId }) },
  'timetable.makeCards': { sample: (f) => ({ timetableId: f.timetableId }) },
  'timetable.board': { sample: (f) => ({ timetableId: f.timetableId }) },
  'timetable.check': { sample: (f) => ({ timetableId: f.timetableId }) },
  'timetable.slotsFor': { sample: (f) => ({ cardId: f.cardId }) },
  'timetable.place': { sample: (f) => ({ cardId: f.cardId, weekday: 2, lessonNo: 3, roomId: null }) },
  'timetable.unplace': { sample: (f) => ({ cardId: f.cardId }) },
  'timetable.updateCard': { sample: (f) => ({ cardId: f.cardId, pinned: true }) },
  'timetable.unavailable.save': { sample: (f) => ({ timetableId: f.timetableId, staffId: f.teacherId, weekday: 5, shift: 1, lessonNo: null, reason: 'methodical_day' }) },
  'timetable.unavailable.remove': { sample: (f) => ({ id: f.spareUnavailableId }) },
  'timetable.rules': { sample: (f) => ({ timetableId: f.timetableId }) },
  'timetable.saveRules': { sample: (f) => ({ timetableId: f.timetableId, rules: JSON.stringify({ maxTeacherWindows: 2 }) }) },
  'timetable.generate': { sample: (f) => ({ timetableId: f.timetableId, scope: { kind: 'unplaced' }, seed: 1 }), slow: true },
  'timetable.exportFet': { sample: (f) => ({ timetableId: f.timetableId }), slow: true },
  'timetable.importFet': { sample: (f) => ({ yearId: f.yearId, file: f.fet(), name: 'Из FET', validFrom: '2027-01-13' }), slow: true },
} satisfies Plans<typeof timetableOps>;
