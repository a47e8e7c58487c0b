// Printed lists and tables of «Группы и нагрузка»: PDF lists of subgroups and study groups, the
// workload as a spreadsheet. Handlers: electron/core/reports/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { job, none, read, view } from './ops';
import type { ExportedFile } from './common';

export const reportsOps = {
  // Without a class: the lists of every class of the year that is divided, one after another.
  'reports.subgroupListsPdf': job('Списки подгрупп (PDF)', read(view('groups'), z.object({ classId: s.optionalId, subjectId: s.optionalId })).returns<ExportedFile>()),
  'reports.studyGroupListsPdf': job('Списки учебных групп (PDF)', read(view('groups'), z.object({ groupId: s.optionalId })).returns<ExportedFile>()),
  'reports.workloadXlsx': job('Нагрузка учителей (Excel)', read(view('groups'), none).returns<ExportedFile>()),
};
