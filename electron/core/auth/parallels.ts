// R8: a deputy director changes what belongs to the classes of their parallels, and only that. The
// parallels are those on the deputy's staff card (`staff.deputy_grades`, accounts.ts); the account's
// copy is read only for an account not yet linked to a card. Every changing operation on class-bound
// data calls requireParallels (or filters by ownParallels for a whole-school action); the renderer
// shows other parallels read-only, but this is what enforces it. The timetable will use the same.
import type { Ctx } from '../context';
import { AppError, notFound } from '../../api/errors';
import { parseJsonArray } from '../format';
import { gradeRanges } from '../../api/grades';
import { className } from '../../api/text';
export { gradeRanges };

export interface ClassRef {
  grade: number;
  /** «10А» */
  name: string;
}


/** The parallels the acting user may change, or null when they may change every class (not a deputy). */
export function ownParallels(ctx: Ctx): number[] | null {
  const user = ctx.session.user;
  if (!user || user.role !== 'deputy') return null;
  const { db } = ctx;
  const row = db.first(
    db.q
      .selectFrom('app_user as u')
      .leftJoin('staff as s', 's.id', 'u.staff_id')
      .select(['u.staff_id', 'u.deputy_grades as own', 's.deputy_grades as card'])
      .where('u.id', '=', user.id),
  );
  if (!row) return user.deputyGrades;
  return parseJsonArray<number>(row.staff_id ? row.card : row.own);
}

/** A predicate for whole-school actions: is this parallel the acting user's to change? */
export function parallelFilter(ctx: Ctx): (grade: number) => boolean {
  const own = ownParallels(ctx);
  if (!own) return () => true;
  const set = new Set(own);
  return (grade) => set.has(grade);
}

/**
 * Refuses the action unless every class it changes is of the acting deputy's parallels:
 * «Вы отвечаете за параллели 5–9, класс 10А к ним не относится.» `group`: the classes are those of
 * a study group's students, named in the message.
 */
export function requireParallels(ctx: Ctx, classes: readonly ClassRef[], group?: string): void {
  const own = ownParallels(ctx);
  if (!own) return;
  const set = new Set(own);
  const foreign = [...new Map(classes.filter((c) => !set.has(c.grade)).map((c) => [c.name, c])).values()].sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'ru'));
  if (!foreign.length) return;
  const names = foreign.map((c) => c.name).join(', ');
  const what = group ? `в учебной группе «${group}» есть ученики ${names}` : foreign.length === 1 ? `класс ${names}` : `классы ${names}`;
  if (!own.length)
    throw new AppError('forbidden', `Вам не назначены параллели: ${what}, изменять это нельзя. Параллели заместителя директора указываются в его карточке сотрудника.`);
  const yours = own.length === 1 ? `параллель ${own[0]}` : `параллели ${gradeRanges(own)}`;
  if (group) throw new AppError('forbidden', `Вы отвечаете за ${yours}, а ${what}: группу изменяет администратор системы или заместитель директора по этим параллелям.`);
  const them = own.length === 1 ? 'к ней' : 'к ним';
  throw new AppError('forbidden', `Вы отвечаете за ${yours}, ${what} ${them} не ${foreign.length === 1 ? 'относится' : 'относятся'}.`);
}

/**
 * Refuses a change that reaches parallels other than the acting deputy's (the division rule is set
 * per range of parallels): «Вы отвечаете за параллели 5–9, а изменение затрагивает параллели 10–11 (…)».
 */
export function requireGrades(ctx: Ctx, grades: readonly number[], what: string): void {
  const own = ownParallels(ctx);
  if (!own) return;
  const foreign = [...new Set(grades)].filter((g) => !own.includes(g));
  if (!foreign.length) return;
  const yours = own.length === 0 ? 'Вам не назначены параллели' : `Вы отвечаете за ${own.length === 1 ? `параллель ${own[0]}` : `параллели ${gradeRanges(own)}`}`;
  const theirs = foreign.length === 1 ? `параллель ${foreign[0]}` : `параллели ${gradeRanges(foreign)}`;
  throw new AppError('forbidden', `${yours}, а ${what} затрагивает ${theirs}.`);
}

/** requireParallels for classes given by id (an unknown class: «Класс не найден»). */
export function requireClassIds(ctx: Ctx, classIds: readonly string[]): void {
  if (!ownParallels(ctx)) return;
  const ids = [...new Set(classIds)];
  if (!ids.length) return;
  const { db } = ctx;
  const rows: ClassRef[] = [];
  for (let k = 0; k < ids.length; k += 500)
    for (const c of db.all(db.q.selectFrom('school_class').select(['grade', 'letter']).where('id', 'in', ids.slice(k, k + 500))))
      rows.push({ grade: c.grade, name: className(c) });
  if (rows.length < ids.length) throw notFound('Класс');
  requireParallels(ctx, rows);
}

/**
 * A study group belongs to the parallels of its students: a deputy changes it only when every
 * student in it (and every one to be put in) is of their parallels. An empty group belongs to none
 * and is anyone's to fill. Students without a class do not bind it.
 */
export function requireStudentsParallels(ctx: Ctx, studentIds: readonly string[], group: string): void {
  if (!ownParallels(ctx)) return;
  const ids = [...new Set(studentIds)];
  const { db } = ctx;
  const rows: ClassRef[] = [];
  for (let k = 0; k < ids.length; k += 500)
    for (const c of db.all(
      db.q
        .selectFrom('student as s')
        .innerJoin('school_class as c', 'c.id', 's.class_id')
        .select(['c.grade', 'c.letter'])
        .distinct()
        .where('s.id', 'in', ids.slice(k, k + 500)),
    ))
      rows.push({ grade: c.grade, name: className(c) });
  requireParallels(ctx, rows, group);
}
