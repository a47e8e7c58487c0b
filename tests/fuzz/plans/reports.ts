import type { reportsOps } from '../../../electron/api/reports';
import { none, type Plans } from '../plan';

export const reportsPlans = {
  'reports.subgroupListsPdf': { sample: (f) => ({ classId: f.classId, subjectId: null }), slow: true },
  'reports.studyGroupListsPdf': { sample: (f) => ({ groupId: f.groupId }), slow: true },
  'reports.workloadXlsx': { sample: none, slow: true },
} satisfies Plans<typeof reportsOps>;
