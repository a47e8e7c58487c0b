import type { Handlers } from '../context';
import type { groupsOps } from '../../api/groups';
import { getRule, saveRule } from './rule';
import { forClass, moveStudent, removeDivision, setSubgroupTeacher, split, splitAllEligible } from './divisions';
import { pendingPlacements, placeSuggested } from './pending';
import { getStudyGroup, listStudyGroups, removeStudyGroup, saveStudyGroup, setStudyGroupMembers } from './studyGroups';

export const groupsHandlers = {
  'groups.rule.get': (_, ctx) => getRule(ctx),
  'groups.rule.save': (i, ctx) => saveRule(ctx, i),
  'subgroups.forClass': (i, ctx) => forClass(ctx, i.classId),
  'subgroups.split': (i, ctx) => split(ctx, i),
  'subgroups.move': (i, ctx) => moveStudent(ctx, i.studentId, i.subgroupId, false),
  'subgroups.place': (i, ctx) => moveStudent(ctx, i.studentId, i.subgroupId, true),
  'subgroups.placeSuggested': (i, ctx) => placeSuggested(ctx, i.classId),
  'subgroups.setTeacher': (i, ctx) => setSubgroupTeacher(ctx, i.subgroupId, i.teacherId ?? null),
  'subgroups.remove': (i, ctx) => removeDivision(ctx, i.classId, i.subjectId),
  'subgroups.splitAllEligible': (i, ctx) => splitAllEligible(ctx, i.replace),
  'subgroups.pending': (i, ctx) => pendingPlacements(ctx, i),
  'studyGroups.list': (_, ctx) => listStudyGroups(ctx),
  'studyGroups.get': (i, ctx) => getStudyGroup(ctx, i.id),
  'studyGroups.save': (i, ctx) => saveStudyGroup(ctx, i),
  'studyGroups.remove': (i, ctx) => removeStudyGroup(ctx, i.id),
  'studyGroups.setMembers': (i, ctx) => setStudyGroupMembers(ctx, i.groupId, i.studentIds),
} satisfies Handlers<typeof groupsOps>;
