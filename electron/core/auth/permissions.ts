import type { OpName } from '../../api/contract';
import type { AppRole } from '../../api/types';
import { AREAS, ROLE_MATRIX, ROLE_LABELS, AREA_LABELS, type Area, type Access } from '../../api/roles';

// The matrix itself lives in electron/api/roles.ts: the renderer shows it to the administrator.
export { AREAS, ROLE_MATRIX, ROLE_LABELS, AREA_LABELS, type Area, type Access };

/**
 * What each operation needs. 'public': before login; 'session': any logged-in user (even one who
 * must change the password); otherwise an area and the access level. Every operation must be
 * listed: a new one without a line here does not compile.
 */
export type Need = 'public' | 'session' | { area: Area; access: 'view' | 'change' };
const view = (area: Area): Need => ({ area, access: 'view' });
const change = (area: Area): Need => ({ area, access: 'change' });

export const OP_NEEDS: Record<OpName, Need> = {
  'app.info': 'public',
  'app.createSchool': change('setup'),
  'app.loadDemo': 'public', // only into an empty database without users (checked by the handler)
  'auth.status': 'public',
  'auth.setupAdmin': 'public', // only while there are no users (checked by the handler)
  'auth.login': 'public',
  'auth.logout': 'session',
  'auth.lock': 'session',
  'auth.unlock': 'session',
  'auth.changePassword': 'session',
  'setup.checklist': view('setup'),
  'school.get': 'session',
  'school.save': change('setup'),
  'years.list': view('setup'),
  'years.suggest': view('setup'),
  'years.save': change('setup'),
  'bells.list': view('setup'),
  'bells.save': change('setup'),
  'bells.suggest': view('setup'),
  'subjects.list': view('setup'),
  'subjects.save': change('setup'),
  'subjects.remove': change('setup'),
  'subjects.addStandard': change('setup'),
  'rooms.list': view('setup'),
  'rooms.save': change('setup'),
  'rooms.remove': change('setup'),
  'staff.list': view('setup'),
  'staff.save': change('setup'),
  'staff.remove': change('setup'),
  'classes.list': view('setup'),
  'classes.save': change('setup'),
  'classes.createMany': change('setup'),
  'classes.remove': change('setup'),
  // R3, R8: the administrator, and a deputy director for their parallels (requireParallels).
  'curriculum.grid': view('curriculum'),
  'curriculum.set': change('curriculum'),
  'curriculum.applyStandard': change('curriculum'),
  'students.list': view('contingent'),
  'students.get': view('contingent'),
  'students.save': change('contingent'),
  'students.remove': change('contingent'),
  'import.preview': 'session', // the commit decides by kind
  'import.commit': 'session',
  'export.list': 'session', // decided by list
  'users.list': view('users'),
  'users.save': change('users'),
  'users.resetPassword': change('users'),
  'users.setDisabled': change('users'),
  'audit.search': view('audit'),
  'audit.export': view('audit'),
  'audit.facets': view('audit'),
  // R26: the office (administrator, secretary) registers requests and tells the reporter; only
  // the administrator, who corrects the data, marks one corrected.
  'corrections.list': view('corrections'),
  'corrections.save': change('corrections'),
  'corrections.markCorrected': change('fixes'),
  'corrections.markNotified': change('corrections'),
  'settings.get': 'session',
  'settings.save': change('users'),
  'backup.status': view('backups'),
  'backup.create': change('backups'),
  'backup.inspect': change('backups'), // it opens files: only for whoever may restore
  'backup.restore': change('backups'),
  // «Группы и нагрузка» (R3, R4): the administrator and deputies change, the others view.
  'groups.rule.get': view('groups'),
  'groups.rule.save': change('groups'),
  'subgroups.forClass': view('groups'),
  'subgroups.split': change('groups'),
  'subgroups.move': change('groups'),
  'subgroups.place': change('groups'),
  'subgroups.placeSuggested': change('groups'),
  'subgroups.setTeacher': change('groups'),
  'subgroups.remove': change('groups'),
  'subgroups.splitAllEligible': change('groups'),
  'subgroups.pending': view('groups'),
  'studyGroups.list': view('groups'),
  'studyGroups.get': view('groups'),
  'studyGroups.save': change('groups'),
  'studyGroups.remove': change('groups'),
  'studyGroups.setMembers': change('groups'),
  'assignments.list': view('groups'),
  'assignments.save': change('groups'),
  'assignments.remove': change('groups'),
  'assignments.fromCurriculum': change('groups'),
  'workload.byTeacher': view('groups'),
  'workload.byClass': view('groups'),
  'setup.validate': view('groups'),
  'reports.subgroupListsPdf': view('groups'),
  'reports.studyGroupListsPdf': view('groups'),
  'reports.workloadXlsx': view('groups'),
};

export function allows(role: AppRole, need: { area: Area; access: 'view' | 'change' }): boolean {
  const has = ROLE_MATRIX[role][need.area];
  return has === 'change' || (has === 'view' && need.access === 'view');
}
