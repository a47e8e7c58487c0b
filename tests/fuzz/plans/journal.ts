import type { journalOps } from '../../../electron/api/journal';
import { none, type Plans } from '../plan';

export const journalPlans = {
  'journal.options': { sample: none },
  'journal.classJournal': { sample: (f) => ({ classId: f.classId, subjectId: f.subjectId }) },
  'journal.studentMarks': { sample: (f) => ({ studentId: f.studentId }) },
  'journal.changes': {
    sample: (f) => ({ from: '2026-09-01', to: '2027-05-31', classId: f.classId, subjectId: f.subjectId, teacherId: f.teacherId, search: 'Иванов', sort: 'student', desc: false, offset: 0, limit: 50 }),
  },
  'journal.changeFacets': { sample: none },
  'journal.changesXlsx': { sample: (f) => ({ teacherId: f.teacherId }), slow: true },
  'journal.changesPdf': { sample: (f) => ({ from: '2026-09-01', to: '2026-12-31', outsideOnly: true }), slow: true },
} satisfies Plans<typeof journalOps>;
