import type { workloadOps } from '../../../electron/api/workload';
import { none, type Plans } from '../plan';

export const workloadPlans = {
  'assignments.list': { sample: (f) => ({ teacherId: f.teacherId, classId: null, studyGroupId: null }) },
  'assignments.save': { sample: (f) => f.assignment },
  'assignments.remove': { sample: (f) => ({ id: f.spareAssignmentId }) },
  'assignments.fromCurriculum': { sample: (f) => ({ classId: f.classId }) },
  'workload.byTeacher': { sample: (f) => ({ teacherId: f.teacherId }) },
  'workload.byClass': { sample: (f) => ({ classId: f.classId }) },
  'setup.validate': { sample: none },
} satisfies Plans<typeof workloadOps>;
