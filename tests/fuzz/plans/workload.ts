import type { workloadOps } from '../../../electron/api/workload';
import { type Plans } from '../plan';

export const workloadPlans = {
  'assignments.list': { sample: (f) => ({ teacherId: f.teacherId, classId: null, studyGroupId: null }) },
  'assignments.save': { sample: (f) => f.assignment },
  'assignments.remove': { sample: (f) => ({ id: f.spareAssignmentId }) },
  'assignments.fromCurriculum': { sample: (f) => ({ classId: f.classId }) },
  'workload.byTeacher': { sample: (f) => ({ teacherId: f.teacherId }) },
  'workload.byClass': { sample: (f) => ({ classId: f.classId }) },
} satisfies Plans<typeof workloadOps>;
