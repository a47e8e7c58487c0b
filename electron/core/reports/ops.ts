import type { Handlers } from '../context';
import type { reportsOps } from '../../api/reports';
import { subgroupListsPdf } from './subgroupLists';
import { studyGroupListsPdf } from './studyGroupLists';
import { workloadXlsx } from './workloadXlsx';

export const reportsHandlers = {
  'reports.subgroupListsPdf': (i, ctx) => subgroupListsPdf(ctx, i.classId, i.subjectId),
  'reports.studyGroupListsPdf': (i, ctx) => studyGroupListsPdf(ctx, i.groupId),
  'reports.workloadXlsx': (_, ctx) => workloadXlsx(ctx),
} satisfies Handlers<typeof reportsOps>;
