import type { Handlers } from '../context';
import type { enrollmentOps } from '../../api/enrollment';
import { commitEnrollment, previewEnrollment } from './import';
import { listApplications } from './list';

export const enrollmentHandlers = {
  'enrollment.preview': (i, ctx) => previewEnrollment(ctx, i),
  'enrollment.commit': (i, ctx) => commitEnrollment(ctx, i),
  'enrollment.list': (i, ctx) => listApplications(ctx, i),
} satisfies Handlers<typeof enrollmentOps>;
