import type { groupsOps } from '../../../electron/api/groups';
import { none, type Plans } from '../plan';

export const groupsPlans = {
  'groups.rule.get': { sample: none },
  'groups.rule.save': { sample: (f) => f.rule },
  'subgroups.forClass': { sample: (f) => ({ classId: f.classId }) },
  'subgroups.split': { sample: (f) => ({ classId: f.classId, subjectId: f.divisionSubjectId, parts: 2, by: 'alphabet' }) },
  'subgroups.move': { sample: (f) => ({ studentId: f.studentId, subgroupId: f.secondSubgroupId }) },
  'subgroups.place': { sample: (f) => ({ studentId: f.studentId, subgroupId: f.subgroupId }) },
  'subgroups.placeSuggested': { sample: (f) => ({ classId: f.classId }) },
  'subgroups.setTeacher': { sample: (f) => ({ subgroupId: f.subgroupId, teacherId: f.teacherId }) },
  'subgroups.remove': { sample: (f) => ({ classId: f.classId, subjectId: f.spareDivisionSubjectId }) },
  'subgroups.splitAllEligible': { sample: () => ({ replace: false }) },
  'subgroups.pending': { sample: (f) => ({ classId: f.classId, studentId: null }) },
  'studyGroups.list': { sample: none },
  'studyGroups.get': { sample: (f) => ({ id: f.groupId }) },
  'studyGroups.save': { sample: (f) => f.group },
  'studyGroups.remove': { sample: (f) => ({ id: f.spareGroupId }) },
  'studyGroups.setMembers': { sample: (f) => ({ groupId: f.groupId, studentIds: f.groupMembers }) },
} satisfies Plans<typeof groupsOps>;
