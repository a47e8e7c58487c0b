import type { Handlers } from '../context';
import type { workloadOps } from '../../api/workload';
import { fromCurriculum, listAssignments, removeAssignment, saveAssignment } from './assignments';
import { workloadByClass, workloadByTeacher } from './summary';
import { validateSetup } from './validate';

export const workloadHandlers = {
  'assignments.list': (i, ctx) => listAssignments(ctx, i),
  'assignments.save': (i, ctx) => saveAssignment(ctx, i),
  'assignments.remove': (i, ctx) => removeAssignment(ctx, i.id),
  'assignments.fromCurriculum': (i, ctx) => fromCurriculum(ctx, i.classId),
  'workload.byTeacher': (i, ctx) => workloadByTeacher(ctx, i.teacherId),
  'workload.byClass': (i, ctx) => workloadByClass(ctx, i.classId),
  'setup.validate': (_, ctx) => validateSetup(ctx),
} satisfies Handlers<typeof workloadOps>;
