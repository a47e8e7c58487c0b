// The curriculum (учебный план, R3): weekly hours of each subject in each class. The
// administrator, and a deputy director for their parallels (R8: requireParallels).
import { z } from 'zod';
import * as s from '../schemas';
import { change, none, read, view, write } from '../ops';

export interface CurriculumGrid {
  classes: { id: string; name: string; grade: number; maxWeekly: number }[];
  subjects: { id: string; name: string; shortName: string }[];
  cells: { classId: string; subjectId: string; hours: number }[];
}

export const curriculumOps = {
  'curriculum.grid': read(view('curriculum'), none).returns<CurriculumGrid>(),
  'curriculum.set': write(
    change('curriculum'),
    z.object({
      cells: s
        .list(z.object({ classId: s.id, subjectId: s.id, hours: s.curriculumHours }), 'Клеток учебного плана за один раз', s.maxItems.curriculumCells)
        .min(1, 'Нечего сохранять: не изменено ни одной клетки учебного плана'),
    }),
  ).returns<{ changed: number }>(),
  'curriculum.applyStandard': write(change('curriculum'), z.object({ onlyEmpty: z.boolean().default(true) })).returns<{ changed: number }>(),
};
