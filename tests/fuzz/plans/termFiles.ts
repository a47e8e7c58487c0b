import type { termFilesOps } from '../../../electron/api/termFiles';
import type { Plans } from '../plan';

export const termFilesPlans = {
  'term.byTeacher': { sample: (f) => ({ year: true, scope: 'class', classId: f.classId }) },
  'term.xlsx': { sample: (f) => ({ year: true, scope: 'class', classId: f.classId }), slow: true },
  'term.pdf': { sample: (f) => ({ year: true, scope: 'class', classId: f.classId }), slow: true },
  'term.classTeacher': { sample: (f) => ({ year: true, classId: f.classId }) },
  'term.classTeacherXlsx': { sample: (f) => ({ year: true, classId: f.classId }), slow: true },
  'term.classTeacherPdf': { sample: (f) => ({ year: true, classId: f.classId }), slow: true },
} satisfies Plans<typeof termFilesOps>;
