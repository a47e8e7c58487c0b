import type { timetableOps } from '../../../electron/api/timetable';
import type { Plans } from '../plan';

// First samples (issue 11): the timetable's owner replaces the ids with the fixture's timetable
// version, card and busy time once the fixture has them.
const T = 'timetable-of-the-fixture';
export const timetablePlans = {
  'timetable.versions': { sample: (f) => ({ yearId: f.yearId }) },
  'timetable.saveVersion': { sample: (f) => ({ yearId: f.yearId, name: 'С 12.01.2027', validFrom: '2027-01-12', days: 5, fortnight: false, copyFrom: null }) },
  'timetable.removeVersion': { sample: () => ({ id: T }) },
  'timetable.makeCards': { sample: () => ({ timetableId: T }) },
  'timetable.board': { sample: () => ({ timetableId: T }) },
  'timetable.check': { sample: () => ({ timetableId: T }) },
  'timetable.slotsFor': { sample: () => ({ cardId: T }) },
  'timetable.place': { sample: () => ({ cardId: T, weekday: 2, lessonNo: 3, roomId: null }) },
  'timetable.unplace': { sample: () => ({ cardId: T }) },
  'timetable.updateCard': { sample: () => ({ cardId: T, pinned: true }) },
  'timetable.unavailable.save': { sample: (f) => ({ timetableId: T, staffId: f.teacherId, weekday: 5, shift: 1, lessonNo: null, reason: 'methodical_day' }) },
  'timetable.unavailable.remove': { sample: () => ({ id: T }) },
  'timetable.rules': { sample: () => ({ timetableId: T }) },
  'timetable.saveRules': { sample: () => ({ timetableId: T, rules: { maxTeacherWindows: 2 } }) },
  'timetable.generate': { sample: () => ({ timetableId: T, scope: { kind: 'unplaced' }, seed: 1 }), slow: true },
  'timetable.exportFet': { sample: () => ({ timetableId: T }), slow: true },
  'timetable.importFet': { sample: (f) => ({ yearId: f.yearId, file: 'no-such-file', name: 'Из FET', validFrom: '2027-01-12' }), slow: true },
} satisfies Plans<typeof timetableOps>;
