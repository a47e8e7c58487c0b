// Printed lists and tables of «Группы и нагрузка»: PDF lists of subgroups and study groups, the
// workload as a spreadsheet. Handlers: electron/core/reports/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { none, read, view } from './ops';
import type { ExportedFile } from './common';

export const reportsOps = {
  'reports.subgroupListsPdf': read(view('groups'), z.object({ classId: s.id, subjectId: s.optionalId })).returns<ExportedFile>(),
  'reports.studyGroupListsPdf': read(view('groups'), z.object({ groupId: s.optionalId })).returns<ExportedFile>(),
  'reports.workloadXlsx': read(view('groups'), none).returns<ExportedFile>(),
};
