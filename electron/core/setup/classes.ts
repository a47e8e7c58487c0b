import { sql } from 'kysely';
import { currentYearOrNull } from '../year';
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { SchoolClass } from '../../api/types';
import { invalid, notFound } from '../../api/errors';
import { act } from '../tx';
import type { Writer } from '../../../db';
import { currentYearId } from './years';
import { dropClassGroups } from '../groups/membership';
import { countWith, WORDS } from '../../api/plural';
import { normalizeClassLetter } from '../../api/limits';
import { className } from '../../api/text';

/** Normalizes a class letter: trimmed, upper case, Latin look-alikes to Cyrillic (the contract refuses anything else). */
export const normalizeLetter = normalizeClassLetter;

export function listClasses(ctx: Ctx): SchoolClass[] {
  const { db } = ctx;
  const yearId = currentYearOrNull(ctx);
  if (!yearId) return [];
  const rows = db.all(
    db.q
      .selectFrom('school_class as c')
      .leftJoin('staff as t', 't.id', 'c.class_teacher_id')
      .leftJoin('room as r', 'r.id', 'c.room_id')
      .select([
        'c.id', 'c.grade', 'c.letter', 'c.shift', 'c.class_teacher_id', 'c.room_id', 'r.number as room_number',
        sql<string | null>`t.last_name || ' ' || t.first_name || coalesce(' ' || t.middle_name, '')`.as('teacher'),
        sql<number>`(select count(*) from student s where s.class_id = c.id and s.deleted_at is null)`.as('students'),
        sql<number>`(select coalesce(sum(hours_per_week), 0) from curriculum_item ci where ci.class_id = c.id and ci.deleted_at is null)`.as('hours'),
      ])
      .where('c.year_id', '=', yearId)
      .where('c.deleted_at', 'is', null)
      .orderBy('c.grade')
      .orderBy('c.letter'),
  );
  return rows.map((r) => ({
    id: r.id,
    grade: r.grade,
    letter: r.letter,
    name: className(r),
    shift: r.shift,
    classTeacherId: r.class_teacher_id,
    classTeacherName: r.teacher,
    roomId: r.room_id,
    roomNumber: r.room_number,
    studentCount: r.students,
    weeklyHours: r.hours,
  }));
}

function findClass(ctx: Ctx, yearId: string, grade: number, letter: string) {
  const { db } = ctx;
  return db.first(
    db.q.selectFrom('school_class').select('id').where('year_id', '=', yearId).where('grade', '=', grade).where('letter', '=', letter).where('deleted_at', 'is', null),
  );
}

/**
 * The class of the year with this parallel and letter, made (with no teacher and no room) when
 * missing, inside the caller's transaction: «Создать классы» and the forming of the first grades
 * (electron/core/formation) both make classes here.
 */
export function ensureClass(ctx: Ctx, w: Writer, yearId: string, grade: number, letter: string, shift: number): { id: string; created: boolean } {
  const same = findClass(ctx, yearId, grade, letter);
  if (same) return { id: same.id, created: false };
  return { id: w.insert('school_class', { year_id: yearId, grade, letter, shift, class_teacher_id: null, room_id: null }).id, created: true };
}

export function saveClass(ctx: Ctx, i: OpParsed<'classes.save'>): SchoolClass {
  const { db } = ctx;
  const id = act(ctx, (w) => {
    const yearId = currentYearId(ctx);
    const letter = normalizeLetter(i.letter);
    const same = findClass(ctx, yearId, i.grade, letter);
    if (same && same.id !== i.id) throw invalid(`Класс ${className({ grade: i.grade, letter })} уже есть`, [{ column: 'Литера', message: `Класс ${className({ grade: i.grade, letter })} уже есть` }]);
    if (i.classTeacherId && !db.first(db.q.selectFrom('staff').select('id').where('id', '=', i.classTeacherId).where('deleted_at', 'is', null)))
      throw notFound('Классный руководитель');
    if (i.roomId && !db.first(db.q.selectFrom('room').select('id').where('id', '=', i.roomId).where('deleted_at', 'is', null))) throw notFound('Кабинет');
    const values = { year_id: yearId, grade: i.grade, letter, shift: i.shift, class_teacher_id: i.classTeacherId ?? null, room_id: i.roomId ?? null };
    if (i.id) {
      if (!db.first(db.q.selectFrom('school_class').select('id').where('id', '=', i.id).where('deleted_at', 'is', null))) throw notFound('Класс');
      return w.update('school_class', i.id, values).id;
    }
    return w.insert('school_class', values).id;
  });
  return listClasses(ctx).find((c) => c.id === id)!;
}

export function createClasses(ctx: Ctx, i: OpParsed<'classes.createMany'>): { created: number; skipped: number } {
  if (i.gradeFrom > i.gradeTo) throw invalid('Параллель «с» больше параллели «по»');
  const yearId = currentYearId(ctx);
  const letters = [...new Set(i.letters.map(normalizeLetter))];
  let created = 0;
  let skipped = 0;
  act(ctx, (w) => {
    for (let g = i.gradeFrom; g <= i.gradeTo; g++)
      for (const letter of letters) {
        if (ensureClass(ctx, w, yearId, g, letter, i.shift).created) created++;
        else skipped++;
      }
  });
  return { created, skipped };
}

export function removeClass(ctx: Ctx, id: string): void {
  const { db } = ctx;
  act(ctx, (w) => {
    const n = db.first(db.q.selectFrom('student').select((eb) => eb.fn.countAll<number>().as('n')).where('class_id', '=', id).where('deleted_at', 'is', null))?.n ?? 0;
    if (n > 0) throw invalid(`В классе ${countWith(n, WORDS.student)}. Класс можно удалить только пустым: сначала переведите учеников.`);
    for (const ci of db.all(db.q.selectFrom('curriculum_item').select('id').where('class_id', '=', id).where('deleted_at', 'is', null))) w.remove('curriculum_item', ci.id);
    dropClassGroups(ctx, w, id);
    w.remove('school_class', id);
  });
}
