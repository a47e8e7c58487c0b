// Division of classes into subgroups (R4, 000 §3): by hand, balanced, by the alphabet, by gender,
// or as another subject's division; the subgroup's teacher (002 §3.5) is its teaching assignment.
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { ClassSubgroups, Division, SplitAllResult } from '../../api/types';
import type { NewRow, Writer } from '../../../db';
import type { DivisionMethod } from '../../../db/schema';
import { AppError, invalid, notFound } from '../../api/errors';
import { act } from '../tx';
import { key, loadSchool, personName, subjectName, type ClassInfo, type School, collate } from './load';
import { divide, subgroupNames, suggest, type Method } from './split';
import { readRule, ruleFor } from './rule';
import { divisionView } from './view';
import { countOf, countWith, WORDS } from '../../api/plural';
import { parallelFilter, requireParallels } from '../auth/parallels';
import { className } from '../../api/text';
import { closeMember } from './membership';
import { todayOf } from '../context';


function classOf(school: School, classId: string): ClassInfo {
  const c = school.classById.get(classId);
  if (!c) throw notFound('Класс');
  return c;
}

function liveSubject(school: School, subjectId: string) {
  const s = school.subjects.get(subjectId);
  if (!s || s.deleted_at) throw notFound('Предмет');
  return s;
}

export function forClass(ctx: Ctx, classId: string): ClassSubgroups {
  const school = loadSchool(ctx, { classId });
  const c = classOf(school, classId);
  const rule = readRule(ctx);
  const size = school.pupilsOf.get(classId)!.length;
  const subjectIds = new Set<string>();
  for (const id of school.subjectsOf.get(classId) ?? []) subjectIds.add(id);
  for (const d of school.divisionsOf.get(classId) ?? []) subjectIds.add(d.subject_id);
  const order = (id: string) => school.subjects.get(id)?.sort_order ?? 0;
  const subjects = [...subjectIds]
    .sort((a, b) => order(a) - order(b) || collate(subjectName(school, a), subjectName(school, b)))
    .map((subjectId) => {
      const d = school.divisionOf.get(key(classId, subjectId));
      const r = ruleFor(rule, subjectId, c.grade, size);
      return {
        subjectId,
        subjectName: subjectName(school, subjectId),
        hoursPerWeek: school.plan.get(key(classId, subjectId)) ?? 0,
        division: d ? divisionView(school, d) : null,
        rule: r ? { parts: r.parts, by: r.by } : null,
      };
    });
  return { classId, className: c.name, studentCount: size, subjects };
}

/**
 * Writes a division of a class for a subject: the division row, subgroups 1..parts (named by the
 * method; extra ones tombstoned with their assignments) and one membership per student. Rows that
 * do not change are not touched; a student who changes subgroup has the membership updated.
 */
function writeDivision(
  w: Writer,
  school: School,
  c: ClassInfo,
  subjectId: string,
  method: DivisionMethod,
  names: readonly string[],
  place: ReadonlyMap<string, number>,
  /** The day the new memberships open and the changed ones close. */
  today: string,
  /** New memberships go here when given (the caller inserts many divisions' at once), else are inserted now. */
  newMembers?: NewRow<'subgroup_member'>[],
): string {
  const existing = school.divisionOf.get(key(c.id, subjectId));
  if (existing) w.update('class_division', existing.id, { method }); // no-op when the method is the same
  const divisionId = existing?.id ?? w.insert('class_division', { class_id: c.id, subject_id: subjectId, method }).id;
  const old = existing ? (school.subgroupsOf.get(existing.id) ?? []) : [];
  const idOf = new Map<number, string>();
  for (const g of old) {
    if (g.number <= names.length) {
      if (g.name !== names[g.number - 1]) w.update('subgroup', g.id, { name: names[g.number - 1]! });
      idOf.set(g.number, g.id);
    }
  }
  const added = w.insertMany(
    'subgroup',
    names.flatMap((name, i) => (idOf.has(i + 1) ? [] : [{ division_id: divisionId, number: i + 1, name }])),
  );
  for (const g of added) idOf.set(g.number, g.id);
  // A subject divided for the first time: whoever taught the whole class takes the first subgroup.
  if (!existing)
    for (const a of school.classAssignments.get(c.id) ?? [])
      if (a.subject_id === subjectId && a.subgroup_id === null) w.update('teaching_assignment', a.id, { subgroup_id: idOf.get(1)! });
  const current = new Map(existing ? (school.membersOf.get(existing.id) ?? []).map((m) => [m.student_id, m]) : []);
  const inserts: NewRow<'subgroup_member'>[] = newMembers ?? [];
  for (const [studentId, number] of place) {
    const subgroupId = idOf.get(number)!;
    const m = current.get(studentId);
    current.delete(studentId);
    const row = { division_id: divisionId, subgroup_id: subgroupId, student_id: studentId, date_from: today, date_to: null };
    if (!m) inserts.push(row);
    else if (m.subgroup_id !== subgroupId) {
      // Dated (issue 9): the old membership ends today, the new one begins today.
      closeMember(w, 'subgroup_member', m, today);
      inserts.push(row);
    }
  }
  for (const m of current.values()) closeMember(w, 'subgroup_member', m, today);
  if (!newMembers) w.insertMany('subgroup_member', inserts);
  for (const g of old) {
    if (g.number <= names.length) continue;
    for (const a of school.assignments) if (a.subgroup_id === g.id) w.remove('teaching_assignment', a.id);
    w.remove('subgroup', g.id);
  }
  return divisionId;
}

/** Who goes where for one class and subject; refusals in Russian. */
function plan(school: School, c: ClassInfo, subjectId: string, parts: number, by: Method | 'copy', copyFrom?: string | null) {
  const pupils = school.pupilsOf.get(c.id) ?? [];
  const subject = subjectName(school, subjectId);
  if (pupils.length === 0) throw invalid(`В классе ${c.name} нет учеников: сначала внесите учеников, затем делите класс на подгруппы.`);
  if (by === 'copy') {
    if (!copyFrom) throw invalid('Укажите предмет, деление по которому нужно повторить.');
    if (copyFrom === subjectId) throw invalid('Выберите другой предмет: деление копируется с другого предмета.');
    const source = school.divisionOf.get(key(c.id, copyFrom));
    if (!source) throw invalid(`${c.name}: по предмету «${subjectName(school, copyFrom)}» класс не разделён на подгруппы — копировать нечего.`);
    const groups = school.subgroupsOf.get(source.id) ?? [];
    const number = new Map(groups.map((g) => [g.id, g.number]));
    const place = new Map<string, number>();
    const sizes = groups.map((g) => ({ number: g.number, name: g.name, size: 0 }));
    for (const p of pupils) {
      const sg = school.memberOf.get(key(source.id, p.id));
      if (sg !== undefined) {
        place.set(p.id, number.get(sg)!);
        sizes[number.get(sg)! - 1]!.size++;
      }
    }
    // Students the source has not placed yet go where a newcomer would.
    for (const p of pupils) {
      if (place.has(p.id)) continue;
      const n = suggest(sizes, p.gender);
      place.set(p.id, n);
      sizes[n - 1]!.size++;
    }
    return { method: 'copy' as const, names: groups.map((g) => g.name), place };
  }
  if (by === 'gender' && parts !== 2) throw invalid('По полу класс делится только на две подгруппы: мальчики и девочки.');
  if (pupils.length < parts)
    throw invalid(`Нельзя разделить ${c.name} (${countWith(pupils.length, WORDS.student)}) на ${countOf(parts, 'подгруппу', 'подгруппы', 'подгрупп')} по предмету «${subject}».`);
  const existing = school.divisionOf.get(key(c.id, subjectId));
  const previous = new Map<string, number>();
  if (existing) {
    const number = new Map((school.subgroupsOf.get(existing.id) ?? []).map((g) => [g.id, g.number]));
    for (const m of school.membersOf.get(existing.id) ?? []) previous.set(m.student_id, number.get(m.subgroup_id) ?? 0);
  }
  return { method: by, names: subgroupNames(by, parts), place: divide(pupils, parts, by, previous) };
}

export function split(ctx: Ctx, i: OpParsed<'subgroups.split'>): Division {
  const school = loadSchool(ctx, { classId: i.classId });
  const c = classOf(school, i.classId);
  requireParallels(ctx, [c]); // R8: a deputy divides only the classes of their parallels
  liveSubject(school, i.subjectId);
  const p = plan(school, c, i.subjectId, i.parts, i.by, i.copyFromSubjectId);
  act(ctx, (w) => writeDivision(w, school, c, i.subjectId, p.method, p.names, p.place, todayOf(ctx)));
  return divisionFor(ctx, i.classId, i.subjectId);
}

export function divisionFor(ctx: Ctx, classId: string, subjectId: string): Division {
  const school = loadSchool(ctx, { classId });
  const d = school.divisionOf.get(key(classId, subjectId));
  if (!d) throw notFound('Деление на подгруппы');
  return divisionView(school, d);
}

/** Divides every class the rule says should be divided (a deputy's: of their parallels), in one transaction. */
export function splitAllEligible(ctx: Ctx, replace: boolean): SplitAllResult {
  const school = loadSchool(ctx);
  const rule = readRule(ctx);
  const mine = parallelFilter(ctx);
  let divided = 0;
  let kept = 0;
  const classes = new Set<string>();
  act(ctx, (w) => {
    const members: NewRow<'subgroup_member'>[] = [];
    for (const c of school.classes) {
      if (!mine(c.grade)) continue;
      const size = school.pupilsOf.get(c.id)!.length;
      for (const subjectId of school.subjectsOf.get(c.id) ?? []) {
        const k = key(c.id, subjectId);
        const r = ruleFor(rule, subjectId, c.grade, size);
        if (!r || size < r.parts) continue;
        if (!replace && school.divisionOf.has(k)) {
          kept++;
          continue;
        }
        const p = plan(school, c, subjectId, r.parts, r.by);
        writeDivision(w, school, c, subjectId, p.method, p.names, p.place, todayOf(ctx), members);
        divided++;
        classes.add(c.id);
      }
    }
    w.insertMany('subgroup_member', members);
  });
  return { divided, kept, classes: classes.size };
}

/** A student of the class into a subgroup: a move (the division becomes 'manual') or a newcomer's place. */
export function moveStudent(ctx: Ctx, studentId: string, subgroupId: string, asPlacement: boolean): Division {
  const { db } = ctx;
  const g = db.first(db.q.selectFrom('subgroup').selectAll().where('id', '=', subgroupId).where('deleted_at', 'is', null));
  if (!g) throw notFound('Подгруппа');
  const school = loadSchool(ctx, { classId: db.first(db.q.selectFrom('class_division').select('class_id').where('id', '=', g.division_id))?.class_id ?? '' });
  const d = school.divisions.find((x) => x.id === g.division_id);
  if (!d) throw notFound('Деление на подгруппы');
  const c = classOf(school, d.class_id);
  requireParallels(ctx, [c]);
  const s = school.students.get(studentId) ?? db.first(db.q.selectFrom('student').selectAll().where('id', '=', studentId).where('deleted_at', 'is', null));
  if (!s) throw notFound('Ученик');
  if (s.class_id !== c.id) {
    const other = s.class_id ? db.first(db.q.selectFrom('school_class').select(['grade', 'letter']).where('id', '=', s.class_id)) : undefined;
    throw invalid(`${personName(s)} ${other ? `учится в ${className(other)}` : 'не числится ни в одном классе'}, а подгруппа «${g.name}» — класса ${c.name}.`);
  }
  const current = (school.membersOf.get(d.id) ?? []).find((m) => m.student_id === studentId);
  if (current?.subgroup_id === subgroupId) return divisionView(school, d);
  act(ctx, (w) => {
    const today = todayOf(ctx);
    const row = { division_id: d.id, subgroup_id: subgroupId, student_id: studentId, date_from: today, date_to: null };
    if (current) {
      // Dated (issue 9): the old membership ends today and the new one begins.
      closeMember(w, 'subgroup_member', current, today);
      w.insert('subgroup_member', row);
      if (!asPlacement && d.method !== 'manual') w.update('class_division', d.id, { method: 'manual' });
    } else w.insert('subgroup_member', row);
  });
  return divisionFor(ctx, d.class_id, d.subject_id);
}

/** One teacher for all the subgroup's curriculum hours (those the whole class does not have together). */
export function setSubgroupTeacher(ctx: Ctx, subgroupId: string, teacherId: string | null): Division {
  const { db } = ctx;
  const g = db.first(db.q.selectFrom('subgroup').selectAll().where('id', '=', subgroupId).where('deleted_at', 'is', null));
  if (!g) throw notFound('Подгруппа');
  const d = db.first(db.q.selectFrom('class_division').selectAll().where('id', '=', g.division_id));
  if (!d) throw notFound('Деление на подгруппы');
  const school = loadSchool(ctx, { classId: d.class_id });
  const c = classOf(school, d.class_id);
  requireParallels(ctx, [c]);
  const own = school.assignments.filter((a) => a.subgroup_id === subgroupId);
  const together = school.assignments.filter((a) => a.class_id === c.id && a.subject_id === d.subject_id && a.subgroup_id === null).reduce((s, a) => s + a.hours_per_week, 0);
  const hours = (school.plan.get(key(c.id, d.subject_id)) ?? 0) - together;
  act(ctx, (w) => {
    if (teacherId === null) {
      for (const a of own) w.remove('teaching_assignment', a.id);
      return;
    }
    const t = school.staff.get(teacherId);
    if (!t || t.deleted_at) throw notFound('Сотрудник');
    const subject = subjectName(school, d.subject_id);
    if (!school.plan.has(key(c.id, d.subject_id)))
      throw invalid(`${c.name}: предмета «${subject}» нет в учебном плане класса — сначала укажите его часы в учебном плане.`);
    if (hours <= 0) throw invalid(`${c.name}, «${subject}»: все часы по учебному плану уже ведутся со всем классом.`);
    const keep = own.length === 1 ? own[0]! : null;
    for (const a of own) if (a !== keep) w.remove('teaching_assignment', a.id);
    if (keep) w.update('teaching_assignment', keep.id, { teacher_id: teacherId, hours_per_week: hours });
    else w.insert('teaching_assignment', { teacher_id: teacherId, subject_id: d.subject_id, class_id: c.id, subgroup_id: subgroupId, study_group_id: null, hours_per_week: hours });
  });
  return divisionFor(ctx, d.class_id, d.subject_id);
}

/**
 * Undivides a class for a subject: division, subgroups and memberships are tombstoned; the first
 * subgroup's teachers go on teaching the whole class, the other subgroups' assignments are tombstoned.
 */
export function removeDivision(ctx: Ctx, classId: string, subjectId: string): void {
  const school = loadSchool(ctx, { classId });
  const c = classOf(school, classId);
  requireParallels(ctx, [c]);
  const d = school.divisionOf.get(key(classId, subjectId));
  if (!d) throw new AppError('not_found', `${c.name} не разделён на подгруппы по предмету «${subjectName(school, subjectId)}».`);
  const list = school.subgroupsOf.get(d.id) ?? [];
  const groups = new Set(list.map((g) => g.id));
  const rows = school.classAssignments.get(classId) ?? [];
  const together = new Set(rows.filter((a) => a.subject_id === subjectId && a.subgroup_id === null).map((a) => a.teacher_id));
  act(ctx, (w) => {
    for (const m of school.membersOf.get(d.id) ?? []) closeMember(w, 'subgroup_member', m, todayOf(ctx));
    for (const a of rows) {
      if (!a.subgroup_id || !groups.has(a.subgroup_id)) continue;
      if (a.subgroup_id === list[0]?.id && !together.has(a.teacher_id)) w.update('teaching_assignment', a.id, { subgroup_id: null });
      else w.remove('teaching_assignment', a.id);
    }
    for (const id of groups) w.remove('subgroup', id);
    w.remove('class_division', d.id);
  });
}
