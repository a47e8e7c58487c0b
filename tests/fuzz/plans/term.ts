import type { termOps } from '../../../electron/api/term';
import { none, type Plans } from '../plan';

export const termPlans = {
  'term.options': { sample: none },
  'term.report': { sample: (f) => ({ year: true, scope: 'class', classId: f.classId }) },
  'term.dynamics': { sample: (f) => ({ year: true, scope: 'class', classId: f.classId }) },
} satisfies Plans<typeof termOps>;
