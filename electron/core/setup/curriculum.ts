import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { CurriculumGrid } from '../../api/types';
import { invalid, notFound } from '../../api/errors';
import { act } from '../tx';
import { listClasses } from './classes';
import { listSubjects } from './subjects';
import { MAX_WEEKLY_HOURS, STANDARD_HOURS } from './standard';
import { parallelFilter, requireClassIds } from '../auth/parallels';

export function curriculumGrid(ctx: Ctx): CurriculumGrid {
  const { db } = ctx;
  const classes = listClasses(ctx);
  const ids = new Set(classes.map((c) => c.id));
  const cells = db
    .all(db.q.selectFrom('curriculum_item').select(['class_id', 'subject_id', 'hours_per_week']).where('deleted_at', 'is', null))
    .filter((c) => ids.has(c.class_id))
    .map((c) => ({ classId: c.class_id, subjectId: c.subject_id, hours: c.hours_per_week }));
  return {
    classes: classes.map((c) => ({ id: c.id, name: c.name, grade: c.grade, maxWeekly: MAX_WEEKLY_HOURS[c.grade] ?? 34 })),
    subjects: listSubjects(ctx).map((s) => ({ id: s.id, name: s.name, shortName: s.shortName })),
    cells,
  };
}

export function setCurriculum(ctx: Ctx, i: OpParsed<'curriculum.set'>): { changed: number } {
  const { db } = ctx;
  const seen = new Set<string>();
  for (const [idx, cell] of i.cells.entries()) {
    const key = `${cell.classId}:${cell.subjectId}`;
    if (seen.has(key)) throw invalid('Одна и та же клетка учебного плана указана дважды', [{ row: idx + 1, column: 'Часы', message: 'Одна и та же клетка учебного плана указана дважды' }]);
    seen.add(key);
  }
  let changed = 0;
  act(ctx, (w) => {
    requireClassIds(ctx, i.cells.map((c) => c.classId)); // R8: a deputy, only the classes of their parallels
    // The deciding reads inside the transaction: the classes and subjects are still there.
    const classes = new Set(db.all(db.q.selectFrom('school_class').select('id').where('deleted_at', 'is', null)).map((c) => c.id));
    const subjects = new Set(db.all(db.q.selectFrom('subject').select('id').where('deleted_at', 'is', null)).map((c) => c.id));
    for (const cell of i.cells) {
      if (!classes.has(cell.classId)) throw notFound('Класс');
      if (!subjects.has(cell.subjectId)) throw notFound('Предмет');
      if (Math.round(cell.hours * 2) !== cell.hours * 2) throw invalid(`Часы указываются целыми или с половиной (0,5): «${cell.hours}»`);
      const existing = db.first(
        db.q.selectFrom('curriculum_item').select(['id', 'hours_per_week']).where('class_id', '=', cell.classId).where('subject_id', '=', cell.subjectId).where('deleted_at', 'is', null),
      );
      if (existing) {
        if (cell.hours === 0) w.remove('curriculum_item', existing.id);
        else if (existing.hours_per_week !== cell.hours) w.update('curriculum_item', existing.id, { hours_per_week: cell.hours });
        else continue;
        changed++;
      } else if (cell.hours > 0) {
        w.insert('curriculum_item', { class_id: cell.classId, subject_id: cell.subjectId, hours_per_week: cell.hours });
        changed++;
      }
    }
  });
  return { changed };
}

/**
 * Fills the curriculum from the federal basic plan for every class (only empty classes by default);
 * for a deputy director, every class of their parallels (R8).
 */
export function applyStandardCurriculum(ctx: Ctx, onlyEmpty: boolean): { changed: number } {
  return ctx.db.tx(() => {
    const mine = parallelFilter(ctx);
    const grid = curriculumGrid(ctx);
    const byName = new Map(grid.subjects.map((s) => [s.name, s.id]));
    const filled = new Set(grid.cells.map((c) => c.classId));
    const cells: { classId: string; subjectId: string; hours: number }[] = [];
    const missing = new Set<string>();
    for (const c of grid.classes) {
      if ((onlyEmpty && filled.has(c.id)) || !mine(c.grade)) continue;
      for (const [name, hours] of Object.entries(STANDARD_HOURS[c.grade] ?? {})) {
        const subjectId = byName.get(name);
        if (subjectId) cells.push({ classId: c.id, subjectId, hours });
        else missing.add(name);
      }
    }
    if (missing.size) throw invalid(`Нет предметов: ${[...missing].join(', ')}. Добавьте стандартный перечень предметов.`);
    if (!cells.length) return { changed: 0 };
    return setCurriculum(ctx, { cells });
  });
}
