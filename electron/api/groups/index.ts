// The feature «Группы и нагрузка», its groups part (R3, R4): the rule of division, subgroups,
// cross-class study groups and the validation of it all. The administrator and deputies change
// (deputies for their parallels, R8), the others view. Handlers: electron/core/groups/ops.ts.
import { z } from 'zod';
import * as s from '../schemas';
import { change, none, read, view, write } from '../ops';
import type * as T from './types';

export type * from './types';

export const groupsOps = {
  'groups.rule.get': read(view('groups'), none).returns<T.GroupsRule>(),
  'groups.rule.save': write(
    change('groups'),
    z.object({
      items: s.list(
        z.object({
          subjectId: s.id,
          gradeFrom: s.grade,
          gradeTo: s.grade,
          minStudents: s.int('Размер класса', 1, 60, 'Размер класса — от 1 до 60 учеников'),
          parts: s.parts,
          by: s.ruleSplitBy,
        }),
        'Правил деления',
        s.maxItems.ruleItems,
      ),
      maxTeacherHours: s.num('Максимальная нагрузка', 1, 60, { range: 'Максимальная нагрузка — от 1 до 60 часов' }),
      teachingNormHours: s.num('Норма часов за ставку', 1, 40, { range: 'Норма часов за ставку — от 1 до 40' }).default(18),
    }),
  ).returns<T.GroupsRule>(),

  'subgroups.forClass': read(view('groups'), z.object({ classId: s.id })).returns<T.ClassSubgroups>(),
  /** Divides (or divides again) a class for a subject; `parts` is ignored for 'copy'. Dividing a subject
   *  for the first time moves its whole-class assignments to the first subgroup. */
  'subgroups.split': write(
    change('groups'),
    z.object({ classId: s.id, subjectId: s.id, parts: s.parts.default(2), by: s.splitBy, copyFromSubjectId: s.optionalId }),
  ).returns<T.Division>(),
  /** Moves a student of the class into a subgroup (or places a newcomer there). */
  'subgroups.move': write(change('groups'), z.object({ studentId: s.id, subgroupId: s.id })).returns<T.Division>(),
  'subgroups.place': write(change('groups'), z.object({ studentId: s.id, subgroupId: s.id })).returns<T.Division>(),
  /** Places every pending student (of one class, or of the school) into the suggested subgroup. */
  'subgroups.placeSuggested': write(change('groups'), z.object({ classId: s.optionalId })).returns<{ placed: number }>(),
  /** The subgroup's one teacher for all its curriculum hours; null removes its assignments. */
  'subgroups.setTeacher': write(change('groups'), z.object({ subgroupId: s.id, teacherId: s.optionalId })).returns<T.Division>(),
  /** Undivides: division, subgroups and memberships are tombstoned; the first subgroup's teachers
   *  teach the whole class, the other subgroups' assignments are tombstoned. */
  'subgroups.remove': write(change('groups'), z.object({ classId: s.id, subjectId: s.id })).returns<void>(),
  /** Divides every class the rule says should be divided; `replace` divides already divided ones again. */
  'subgroups.splitAllEligible': write(change('groups'), z.object({ replace: z.boolean().default(false) })).returns<T.SplitAllResult>(),
  'subgroups.pending': read(view('groups'), z.object({ classId: s.optionalId, studentId: s.optionalId })).returns<T.PendingPlacement[]>(),

  'studyGroups.list': read(view('groups'), none).returns<T.StudyGroup[]>(),
  'studyGroups.get': read(view('groups'), z.object({ id: s.id })).returns<T.StudyGroupDetails>(),
  /** `teacherId`: omitted — assignments unchanged; null — removed; an id — that teacher for all the group's hours. */
  'studyGroups.save': write(
    change('groups'),
    z.object({
      id: s.optionalId,
      name: s.required('Название группы', 'title'),
      kind: s.studyGroupKind,
      subjectId: s.id,
      hoursPerWeek: s.weeklyHours,
      teacherId: s.optionalId,
    }),
  ).returns<T.StudyGroup>(),
  'studyGroups.remove': write(change('groups'), z.object({ id: s.id })).returns<void>(),
  'studyGroups.setMembers': write(
    change('groups'),
    z.object({ groupId: s.id, studentIds: s.list(s.id, 'Учеников в учебной группе', s.maxItems.studyGroupMembers) }),
  ).returns<T.StudyGroupDetails>(),

};
