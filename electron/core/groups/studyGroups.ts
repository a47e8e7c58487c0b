// Study groups across classes (R4): electives, profile groups, remedial groups. The teacher of a
// group is its teaching assignment, like a subgroup's.
import { todayOf, type Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { StudyGroup, StudyGroupDetails, StudyGroupKind } from '../../api/types';
import type { Row } from '../../../db';
import { invalid, notFound } from '../../api/errors';
import { act } from '../tx';
import { currentYear, loadSchool, subjectName, type School } from './load';
import { byName } from './split';
import { studentRef, teacherHours } from './view';
import { countWith, plural, WORDS } from '../../api/plural';
import { studyGroupKinds } from '../../api/enums';
import { requireStudentsParallels } from '../auth/parallels';
import { ruKey } from '../../api/text';
import { closeMember } from './membership';

/**
 * R8: a study group belongs to the parallels of its students (parallels.ts): a deputy changes it
 * only when every student in it is of their parallels. Students are what binds a group to classes:
 * its name, subject or hours do not; a declared grade range could disagree with who is in it.
 */
function requireGroupParallels(ctx: Ctx, groupId: string, name: string, more: readonly string[] = []): void {
  const { db } = ctx;
  const members = db.all(db.q.selectFrom('study_group_member').select('student_id').where('group_id', '=', groupId).where('deleted_at', 'is', null).where('date_to', 'is', null));
  requireStudentsParallels(ctx, [...members.map((m) => m.student_id), ...more], name);
}

export const KIND_LABELS: Readonly<Record<StudyGroupKind, string>> = studyGroupKinds.labels;

const fold = ruKey;

function groupView(school: School, g: Row<'study_group'>): StudyGroup {
  const teachers = teacherHours(school, school.assignments.filter((a) => a.study_group_id === g.id));
  const one = teachers.length === 1 ? teachers[0]! : null;
  const members = school.groupMembers.get(g.id) ?? [];
  const classNames = new Set<string>();
  for (const id of members) {
    const c = school.classById.get(school.students.get(id)?.class_id ?? '');
    if (c) classNames.add(c.name);
  }
  const order = new Map(school.classes.map((c, i) => [c.name, i]));
  return {
    id: g.id,
    name: g.name,
    kind: g.kind,
    kindLabel: KIND_LABELS[g.kind],
    subjectId: g.subject_id,
    subjectName: subjectName(school, g.subject_id),
    hoursPerWeek: g.hours_per_week,
    teachers,
    teacherId: one?.teacherId ?? null,
    teacherName: one?.fullName ?? null,
    memberCount: members.length,
    classNames: [...classNames].sort((a, b) => order.get(a)! - order.get(b)!),
  };
}

export function listStudyGroups(ctx: Ctx): StudyGroup[] {
  const school = loadSchool(ctx, { people: false });
  return school.studyGroups.map((g) => groupView(school, g));
}

export function studyGroupDetails(school: School, g: Row<'study_group'>): StudyGroupDetails {
  const members = (school.groupMembers.get(g.id) ?? [])
    .map((id) => school.students.get(id))
    .filter((s) => s !== undefined)
    .sort(byName)
    .map((s) => {
      const c = school.classById.get(s.class_id ?? '');
      return { ...studentRef(s), classId: c?.id ?? null, className: c?.name ?? null };
    });
  return { ...groupView(school, g), members };
}

export function getStudyGroup(ctx: Ctx, id: string): StudyGroupDetails {
  const school = loadSchool(ctx);
  const g = school.studyGroups.find((x) => x.id === id);
  if (!g) throw notFound('Учебная группа');
  return studyGroupDetails(school, g);
}

export function saveStudyGroup(ctx: Ctx, i: OpParsed<'studyGroups.save'>): StudyGroup {
  const yearId = currentYear(ctx);
  if (!yearId) throw invalid('Сначала создайте учебный год (Настройка → Учебный год).');
  const school = loadSchool(ctx);
  const subject = school.subjects.get(i.subjectId);
  if (!subject || subject.deleted_at) throw notFound('Предмет');
  const same = school.studyGroups.find((g) => fold(g.name) === fold(i.name) && g.id !== i.id);
  if (same) throw invalid(`Учебная группа «${i.name}» уже есть`, [{ column: 'Название группы', message: `Учебная группа «${i.name}» уже есть` }]);
  const old = i.id ? school.studyGroups.find((g) => g.id === i.id) : undefined;
  if (i.id && !old) throw notFound('Учебная группа');
  if (old) requireGroupParallels(ctx, old.id, old.name);
  if (i.teacherId) {
    const t = school.staff.get(i.teacherId);
    if (!t || t.deleted_at) throw notFound('Сотрудник');
  }
  const id = act(ctx, (w) => {
    const values = { year_id: old?.year_id ?? yearId, name: i.name, subject_id: i.subjectId, kind: i.kind, hours_per_week: i.hoursPerWeek };
    const groupId = old ? w.update('study_group', old.id, values).id : w.insert('study_group', values).id;
    const own = school.assignments.filter((a) => a.study_group_id === groupId);
    if (i.teacherId === null) for (const a of own) w.remove('teaching_assignment', a.id);
    else if (i.teacherId) {
      const keep = own.length === 1 ? own[0]! : null;
      for (const a of own) if (a !== keep) w.remove('teaching_assignment', a.id);
      const row = { teacher_id: i.teacherId, subject_id: i.subjectId, class_id: null, subgroup_id: null, study_group_id: groupId, hours_per_week: i.hoursPerWeek };
      if (keep) w.update('teaching_assignment', keep.id, row);
      else w.insert('teaching_assignment', row);
    } else if (old) {
      // Teacher unchanged: one assignment that covered all hours follows a change of hours or subject.
      for (const a of own) {
        const patch: { subject_id: string; hours_per_week?: number } = { subject_id: i.subjectId };
        if (own.length === 1 && a.hours_per_week === old.hours_per_week) patch.hours_per_week = i.hoursPerWeek;
        w.update('teaching_assignment', a.id, patch);
      }
    }
    return groupId;
  });
  const after = loadSchool(ctx);
  return groupView(after, after.studyGroups.find((g) => g.id === id)!);
}

export function removeStudyGroup(ctx: Ctx, id: string): void {
  const { db } = ctx;
  act(ctx, (w) => {
    const g = db.first(db.q.selectFrom('study_group').select(['id', 'name']).where('id', '=', id).where('deleted_at', 'is', null));
    if (!g) throw notFound('Учебная группа');
    requireGroupParallels(ctx, g.id, g.name);
    for (const m of db.all(db.q.selectFrom('study_group_member').select('id').where('group_id', '=', id).where('deleted_at', 'is', null))) w.remove('study_group_member', m.id);
    for (const a of db.all(db.q.selectFrom('teaching_assignment').select('id').where('study_group_id', '=', id).where('deleted_at', 'is', null))) w.remove('teaching_assignment', a.id);
    w.remove('study_group', id);
  });
}

/** Replaces the members: those no longer listed leave today (their membership closes), new ones join today. */
export function setStudyGroupMembers(ctx: Ctx, groupId: string, studentIds: readonly string[]): StudyGroupDetails {
  const { db } = ctx;
  const group = db.first(db.q.selectFrom('study_group').select(['id', 'name']).where('id', '=', groupId).where('deleted_at', 'is', null));
  if (!group) throw notFound('Учебная группа');
  const wanted = [...new Set(studentIds)];
  const alive = new Set<string>();
  for (let k = 0; k < wanted.length; k += 500)
    for (const s of db.all(db.q.selectFrom('student').select('id').where('id', 'in', wanted.slice(k, k + 500)).where('deleted_at', 'is', null))) alive.add(s.id);
  const lost = wanted.filter((id) => !alive.has(id));
  if (lost.length)
    throw invalid(
      `${countWith(lost.length, WORDS.student)} из выбранных ${plural(lost.length, 'не найден', 'не найдены', 'не найдены')} — возможно, ${plural(lost.length, 'он выбыл', 'они выбыли', 'они выбыли')}. Обновите список и выберите снова.`,
    );
  const keep = new Set(wanted);
  const today = todayOf(ctx);
  act(ctx, (w) => {
    requireGroupParallels(ctx, group.id, group.name, wanted);
    const current = db.all(
      db.q.selectFrom('study_group_member').select(['id', 'student_id', 'date_from']).where('group_id', '=', groupId).where('deleted_at', 'is', null).where('date_to', 'is', null),
    );
    const have = new Set(current.map((m) => m.student_id));
    for (const m of current) if (!keep.has(m.student_id)) closeMember(w, 'study_group_member', m, today);
    w.insertMany('study_group_member', wanted.filter((id) => !have.has(id)).map((student_id) => ({ group_id: groupId, student_id, date_from: today, date_to: null })));
  });
  return getStudyGroup(ctx, groupId);
}
