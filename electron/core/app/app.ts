import type { Ctx } from '../context';
import type { AppInfo, DemoResult } from '../../api/types';
import { invalid } from '../../api/errors';
import { schoolRow } from '../setup/school';
import { isoDay } from '../format';
import { act } from '../tx';
import { insertStudents } from '../students/membership';
import { generateDemoSchool } from '../../demo';
import pkg from '../../../package.json';
import { createUser, userCount } from '../auth/users';
import type { AppRole } from '../../api/types';
import { checkpoint, progress } from '../job';
import { countWith, WORDS } from '../../api/plural';

export function appInfo(ctx: Ctx): AppInfo {
  const school = schoolRow(ctx);
  return {
    version: pkg.version,
    dbPath: ctx.db.path,
    schemaVersion: ctx.db.schemaVersion(),
    host: ctx.host,
    hasSchool: school !== undefined,
    schoolName: school?.short_name ?? null,
    today: isoDay(ctx.now()),
  };
}

/** Fills an empty database with the demo school, as one transaction. */
export async function loadDemo(ctx: Ctx, opts: { students: number; seed: number }): Promise<DemoResult> {
  if (schoolRow(ctx) || userCount(ctx) > 0)
    throw invalid('Демонстрационную школу можно открыть только в пустой базе данных: в этой базе уже есть школа или пользователи.');
  const t0 = performance.now();
  progress(ctx, 0, 3, 'Создание демонстрационной школы');
  const d = generateDemoSchool({ students: opts.students, seed: opts.seed });
  progress(ctx, 1, 3, `Запись: ${countWith(d.students.length, WORDS.student)}, ${countWith(d.classes.length, WORDS.class)}`);
  act(ctx, (w) => {
    // Staff before the school (director_id) and classes (class_teacher_id); parents before links.
    w.insertMany('staff', d.staff);
    w.insert('school', d.school);
    w.insertMany('academic_year', d.years);
    w.insertMany('study_period', d.studyPeriods);
    w.insertMany('holiday', d.holidays);
    w.insertMany('bell_schedule', d.bellSchedules);
    w.insertMany('bell', d.bells);
    w.insertMany('subject', d.subjects);
    w.insertMany('staff_qualification', d.staffQualifications);
    w.insertMany('room', d.rooms);
    w.insertMany('school_class', d.classes);
    w.insertMany('curriculum_item', d.curriculum);
    // Every demo student is in their class from the first day of the year (issue 9: dated memberships).
    insertStudents(w, d.students, d.years[0]!.start_date);
    w.insertMany('guardian', d.guardians);
    w.insertMany('student_guardian', d.studentGuardians);
    w.insertMany('class_division', d.divisions);
    w.insertMany('subgroup', d.subgroups);
    w.insertMany('subgroup_member', d.subgroupMembers);
    w.insertMany('study_group', d.studyGroups);
    w.insertMany('study_group_member', d.studyGroupMembers);
    w.insertMany('teaching_assignment', d.assignments);
    checkpoint(ctx); // cancelled: the transaction rolls back, the database stays empty
  });
  progress(ctx, 2, 3, 'Учётные записи');
  // One account per role, each with a one-time password to be changed at first login, each
  // belonging to the staff member who does that job (the deputy: the one for grades 5–9).
  const cardOf = (role: string, grades?: number[]) =>
    d.staff.find((x) => JSON.parse(x.roles).includes(role) && (!grades || x.deputy_grades === JSON.stringify(grades)))?.id ?? null;
  const accounts: { login: string; role: AppRole; staffId: string | null; grades: number[] }[] = [
    { login: 'admin', role: 'sysadmin', staffId: cardOf('sysadmin'), grades: [] },
    { login: 'secretary', role: 'secretary', staffId: cardOf('secretary'), grades: [] },
    { login: 'deputy', role: 'deputy', staffId: cardOf('deputy', [5, 6, 7, 8, 9]), grades: [5, 6, 7, 8, 9] },
    { login: 'director', role: 'director', staffId: cardOf('director'), grades: [] },
  ];
  const users: DemoResult['users'] = [];
  for (const a of accounts) {
    const { password } = await createUser(ctx, { login: a.login, staffId: a.staffId, displayName: a.staffId ? undefined : 'Демонстрационный Пользователь', role: a.role, deputyGrades: a.grades });
    users.push({ login: a.login, role: a.role, password });
  }
  return { students: d.students.length, classes: d.classes.length, staff: d.staff.length, ms: Math.round(performance.now() - t0), users };
}
