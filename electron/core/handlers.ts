import type { HandlerMap } from './context';
import { appInfo, loadDemo } from './app';
import { checklist } from './setup/checklist';
import { getSchool, saveSchool } from './setup/school';
import { listYears, saveYear, suggestYear } from './setup/years';
import { listBells, saveBells, suggestBells } from './setup/bells';
import { addStandardSubjects, listSubjects, removeSubject, saveSubject } from './setup/subjects';
import { listRooms, removeRoom, saveRoom } from './setup/rooms';
import { listStaff, removeStaff, saveStaff } from './setup/staff';
import { createClasses, listClasses, removeClass, saveClass } from './setup/classes';
import { applyStandardCurriculum, curriculumGrid, setCurriculum } from './setup/curriculum';
import { getStudent, listStudents, removeStudent, saveStudent } from './students/students';
import { commitImport, previewImport } from './transfer/import';
import { exportList } from './transfer/export';
import { authStatus, changePassword, listUsers, login, logout, resetPassword, saveUser, setDisabled, setupAdmin, unlock } from './auth/users';
import { getSettings, saveSettings } from './auth/settingsService';
import { auditFacets, exportAudit, searchAudit } from './audit/audit';
import { listCorrections, markCorrected, markNotified, saveCorrection } from './audit/corrections';
import { backupStatus, createBackup, inspectBackup, restoreBackup } from './backup/backup';
import { getRule, saveRule } from './groups/rule';
import { forClass, moveStudent, removeDivision, setSubgroupTeacher, split, splitAllEligible } from './groups/divisions';
import { pendingPlacements, placeSuggested } from './groups/pending';
import { getStudyGroup, listStudyGroups, removeStudyGroup, saveStudyGroup, setStudyGroupMembers } from './groups/studyGroups';
import { validateSetup } from './groups/validate';
import { fromCurriculum, listAssignments, removeAssignment, saveAssignment } from './workload/assignments';
import { workloadByClass, workloadByTeacher } from './workload/summary';
import { subgroupListsPdf } from './reports/subgroupLists';
import { studyGroupListsPdf } from './reports/studyGroupLists';
import { workloadXlsx } from './reports/workloadXlsx';

/** The one handler map behind the API contract; served by every host. */
export const handlers: HandlerMap = {
  'app.info': (_, ctx) => appInfo(ctx),
  'app.createSchool': (i, ctx) => saveSchool(ctx, i),
  'app.loadDemo': (i, ctx) => loadDemo(ctx, i),
  'auth.status': (_, ctx) => authStatus(ctx),
  'auth.setupAdmin': (i, ctx) => setupAdmin(ctx, i),
  'auth.login': (i, ctx) => login(ctx, i),
  'auth.logout': (_, ctx) => logout(ctx),
  'auth.lock': (_, ctx) => {
    ctx.session.locked = true;
  },
  'auth.unlock': (i, ctx) => unlock(ctx, i.password),
  'auth.changePassword': (i, ctx) => changePassword(ctx, i),
  'users.list': (_, ctx) => listUsers(ctx),
  'users.save': (i, ctx) => saveUser(ctx, i),
  'users.resetPassword': (i, ctx) => resetPassword(ctx, i.id),
  'users.setDisabled': (i, ctx) => setDisabled(ctx, i.id, i.disabled),
  'audit.search': (i, ctx) => searchAudit(ctx, i),
  'audit.export': (i, ctx) => exportAudit(ctx, i),
  'audit.facets': (_, ctx) => auditFacets(ctx),
  'corrections.list': (i, ctx) => listCorrections(ctx, i.onlyOpen),
  'corrections.save': (i, ctx) => saveCorrection(ctx, i),
  'corrections.markCorrected': (i, ctx) => markCorrected(ctx, i.id, i.resolution),
  'corrections.markNotified': (i, ctx) => markNotified(ctx, i.id),
  'settings.get': (_, ctx) => getSettings(ctx),
  'settings.save': (i, ctx) => saveSettings(ctx, i),
  'backup.status': (_, ctx) => backupStatus(ctx),
  'backup.create': (i, ctx) => createBackup(ctx, { dir: i.dir, password: i.password, unencrypted: i.unencrypted, reason: 'вручную' }),
  'backup.inspect': (i, ctx) => inspectBackup(ctx, i.file, i.password),
  'backup.restore': (i, ctx) => restoreBackup(ctx, i.file, i.password, i.otherDatabase),
  'setup.checklist': (_, ctx) => checklist(ctx),
  'school.get': (_, ctx) => getSchool(ctx),
  'school.save': (i, ctx) => saveSchool(ctx, i),
  'years.list': (_, ctx) => listYears(ctx),
  'years.suggest': (i) => suggestYear(i.startYear),
  'years.save': (i, ctx) => saveYear(ctx, i),
  'bells.list': (i, ctx) => listBells(ctx, i.yearId),
  'bells.save': (i, ctx) => saveBells(ctx, i),
  'bells.suggest': (i) => suggestBells(i.shift),
  'subjects.list': (_, ctx) => listSubjects(ctx),
  'subjects.save': (i, ctx) => saveSubject(ctx, i),
  'subjects.remove': (i, ctx) => removeSubject(ctx, i.id),
  'subjects.addStandard': (_, ctx) => addStandardSubjects(ctx),
  'rooms.list': (_, ctx) => listRooms(ctx),
  'rooms.save': (i, ctx) => saveRoom(ctx, i),
  'rooms.remove': (i, ctx) => removeRoom(ctx, i.id),
  'staff.list': (i, ctx) => listStaff(ctx, i.search),
  'staff.save': (i, ctx) => saveStaff(ctx, i),
  'staff.remove': (i, ctx) => removeStaff(ctx, i.id),
  'classes.list': (_, ctx) => listClasses(ctx),
  'classes.save': (i, ctx) => saveClass(ctx, i),
  'classes.createMany': (i, ctx) => createClasses(ctx, i),
  'classes.remove': (i, ctx) => removeClass(ctx, i.id),
  'curriculum.grid': (_, ctx) => curriculumGrid(ctx),
  'curriculum.set': (i, ctx) => setCurriculum(ctx, i),
  'curriculum.applyStandard': (i, ctx) => applyStandardCurriculum(ctx, i.onlyEmpty),
  'students.list': (i, ctx) => listStudents(ctx, i),
  'students.get': (i, ctx) => getStudent(ctx, i.id),
  'students.save': (i, ctx) => saveStudent(ctx, i),
  'students.remove': (i, ctx) => removeStudent(ctx, i.id),
  'import.preview': (i, ctx) => previewImport(ctx, i),
  'import.commit': (i, ctx) => commitImport(ctx, i),
  'export.list': (i, ctx) => exportList(ctx, i.list, i.students),
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
  'assignments.list': (i, ctx) => listAssignments(ctx, i),
  'assignments.save': (i, ctx) => saveAssignment(ctx, i),
  'assignments.remove': (i, ctx) => removeAssignment(ctx, i.id),
  'assignments.fromCurriculum': (i, ctx) => fromCurriculum(ctx, i.classId),
  'workload.byTeacher': (i, ctx) => workloadByTeacher(ctx, i.teacherId),
  'workload.byClass': (i, ctx) => workloadByClass(ctx, i.classId),
  'setup.validate': (_, ctx) => validateSetup(ctx),
  'reports.subgroupListsPdf': (i, ctx) => subgroupListsPdf(ctx, i.classId, i.subjectId),
  'reports.studyGroupListsPdf': (i, ctx) => studyGroupListsPdf(ctx, i.groupId),
  'reports.workloadXlsx': (_, ctx) => workloadXlsx(ctx),
};
