import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemCode, SetupProblem } from '../../electron/api/types';
import { smallSchool, type Fixture } from './fixture';

/** Every code 'setup.validate' knows; the test fails when one is added without a case here. */
const ALL_CODES: Record<ProblemCode, 'error' | 'warning'> = {
  student_not_in_subgroup: 'error',
  member_not_in_class: 'error',
  subgroup_empty: 'warning',
  subgroup_no_teacher: 'error',
  class_no_teacher: 'error',
  hours_short: 'error',
  hours_excess: 'error',
  not_in_curriculum: 'warning',
  division_not_in_curriculum: 'warning',
  should_divide: 'warning',
  group_no_teacher: 'error',
  group_empty: 'warning',
  teacher_over_max: 'error',
  teacher_not_qualified: 'warning',
  teacher_removed: 'error',
};

describe('setup.validate: every problem with a code and a Russian message (R3, R4)', () => {
  let f: Fixture;
  let problems: SetupProblem[];
  const messages = (code: ProblemCode) => problems.filter((p) => p.code === code).map((p) => p.message);

  beforeAll(async () => {
    f = await smallSchool();
    const { call, cls, subject, teachers } = f;
    const a = cls('5А');
    const now = '2026-08-25T09:00:00.000Z';
    // Nothing is set up yet: every curriculum hour lacks a teacher, and the rule wants 5А divided.
    const eng = await call('subgroups.split', { classId: a.id, subjectId: subject('Иностранный язык').id, parts: 2, by: 'alphabet' });
    await call('subgroups.split', { classId: a.id, subjectId: subject('Физика').id, parts: 2, by: 'alphabet' });
    await call('subgroups.split', { classId: cls('10А').id, subjectId: subject('Информатика').id, by: 'gender' });
    // A newcomer from 5Б, not placed yet.
    await call('students.save', { ...(await call('students.get', { id: f.students5B[0]! })), classId: a.id, guardians: [] });
    // Changes that reached the database by sync, around the app: a pupil moved to 5Б, another left.
    f.db.raw.prepare('UPDATE student SET class_id = ? WHERE id = ?').run(cls('5Б').id, f.students5A[0]!);
    f.db.raw.prepare('UPDATE student SET deleted_at = ? WHERE id = ?').run(now, f.students5A[25]!);
    // Assignments: too few, too many, outside the curriculum, not qualified, by someone since removed.
    await call('assignments.save', { teacherId: teachers.math.id, classId: a.id, subjectId: subject('Математика').id, hoursPerWeek: 3 });
    await call('assignments.save', { teacherId: teachers.eng1.id, subgroupId: eng.subgroups[0]!.id, hoursPerWeek: 4 });
    await call('assignments.save', { teacherId: teachers.math.id, classId: a.id, subjectId: subject('Химия').id, hoursPerWeek: 2 });
    await call('assignments.save', { teacherId: teachers.eng2.id, classId: a.id, subjectId: subject('Музыка').id, hoursPerWeek: 1 });
    await call('assignments.save', { teacherId: teachers.techM.id, classId: a.id, subjectId: subject('Изобразительное').id, hoursPerWeek: 1 });
    f.db.raw.prepare('UPDATE staff SET deleted_at = ? WHERE id = ?').run(now, teachers.techM.id);
    await call('studyGroups.save', { name: 'Кружок «Юный математик»', kind: 'other', subjectId: subject('Математика').id, hoursPerWeek: 1 });
    await call('studyGroups.save', { name: 'Английский клуб', kind: 'elective', subjectId: subject('Иностранный язык').id, hoursPerWeek: 2, teacherId: teachers.eng2.id });
    const club = (await call('studyGroups.list')).find((g) => g.name === 'Английский клуб')!;
    await call('assignments.save', { teacherId: teachers.eng1.id, studyGroupId: club.id, hoursPerWeek: 1 });
    await call('studyGroups.setMembers', { groupId: club.id, studentIds: f.students10.slice(0, 5) });
    await call('groups.rule.save', { ...(await call('groups.rule.get')), maxTeacherHours: 4 });
    problems = (await call('setup.validate')).problems;
  }, 120_000);
  afterAll(() => f.cleanup());

  it('knows every code and marks errors and warnings', async () => {
    const r = await f.call('setup.validate');
    expect(new Set(r.problems.map((p) => p.code))).toEqual(new Set(Object.keys(ALL_CODES)));
    for (const p of r.problems) expect(p.severity, p.code).toBe(ALL_CODES[p.code]);
    expect(r.errors).toBe(r.problems.filter((p) => p.severity === 'error').length);
    expect(r.warnings).toBe(r.problems.length - r.errors);
  });

  it('student_not_in_subgroup: a pupil of a divided class in no subgroup', () => {
    expect(messages('student_not_in_subgroup')).toEqual([
      '5А, «Иностранный язык (английский)»: ученик УченикА Пётр не распределён по подгруппам',
      '5А, «Физика»: ученик УченикА Пётр не распределён по подгруппам',
    ]);
    const p = problems.find((x) => x.code === 'student_not_in_subgroup')!;
    expect(p).toMatchObject({ classId: f.cls('5А').id, subjectId: f.subject('Иностранный язык').id, studentId: f.students5B[0] });
  });

  it('member_not_in_class: a member who has moved to another class or left the school', () => {
    expect(messages('member_not_in_class')).toEqual([
      '5А, «Иностранный язык (английский)»: Андреев Иван Петрович числится в подгруппе «1 подгруппа», но учится в 5Б',
      '5А, «Иностранный язык (английский)»: Юдин Степан Маркович числится в подгруппе «2 подгруппа», но уже не учится в школе',
      '5А, «Физика»: Андреев Иван Петрович числится в подгруппе «1 подгруппа», но учится в 5Б',
      '5А, «Физика»: Юдин Степан Маркович числится в подгруппе «2 подгруппа», но уже не учится в школе',
    ]);
  });

  it('subgroup_empty: a subgroup without pupils', () => {
    expect(messages('subgroup_empty')).toEqual(['10А, «Информатика»: в подгруппе «Девочки» нет учеников']);
  });

  it('subgroup_no_teacher and class_no_teacher: curriculum hours nobody teaches', () => {
    expect(messages('subgroup_no_teacher')).toEqual(
      expect.arrayContaining([
        '5А, «Иностранный язык (английский)», подгруппа «2 подгруппа»: не назначен учитель (3 ч в неделю по учебному плану)',
        '10А, «Информатика», подгруппа «Мальчики»: не назначен учитель (1 ч в неделю по учебному плану)',
      ]),
    );
    expect(messages('class_no_teacher')).toEqual(expect.arrayContaining(['5А, «Русский язык»: не назначен учитель (5 ч в неделю по учебному плану)']));
    expect(messages('class_no_teacher').some((m) => m.startsWith('5А, «Математика»'))).toBe(false);
  });

  it('hours_short and hours_excess: assigned hours differ from the curriculum or the group', () => {
    expect(messages('hours_short')).toEqual(['5А, «Математика»: назначено 3 ч в неделю из 5 ч по учебному плану']);
    expect(messages('hours_excess')).toEqual([
      '5А, «Иностранный язык (английский)», подгруппа «1 подгруппа»: назначено 4 ч в неделю, а по учебному плану 3 ч',
      'Учебная группа «Английский клуб»: назначено 3 ч в неделю, а у группы 2 ч',
    ]);
  });

  it('not_in_curriculum and division_not_in_curriculum: a subject the class does not learn', () => {
    expect(messages('not_in_curriculum')).toEqual(['5А, «Химия»: назначено 2 ч в неделю (И. С. Кузнецов), но предмета нет в учебном плане класса']);
    expect(messages('division_not_in_curriculum')).toEqual(['5А: класс разделён на подгруппы по предмету «Физика», которого нет в учебном плане класса']);
  });

  it('should_divide: the rule divides the subject, the class is not divided', () => {
    expect(messages('should_divide')).toEqual([
      '5А (25 уч.): по правилу деления «Труд (технология)» ведётся в 2 подгруппах (по полу) с 25 учеников, а класс не разделён',
    ]);
  });

  it('group_no_teacher and group_empty: a study group without a teacher or pupils', () => {
    expect(messages('group_no_teacher')).toEqual(['Учебная группа «Кружок «Юный математик»»: не назначен учитель (1 ч в неделю)']);
    expect(messages('group_empty')).toEqual(['Учебная группа «Кружок «Юный математик»»: в группе нет учеников']);
  });

  it('teacher_over_max, teacher_not_qualified, teacher_removed: the teachers', () => {
    expect(messages('teacher_over_max')).toEqual(
      expect.arrayContaining(['Кузнецов Илья Сергеевич: 5 ч в неделю — больше допустимых 4 ч', 'Петрова Анна Ивановна: 5 ч в неделю — больше допустимых 4 ч']),
    );
    expect(messages('teacher_not_qualified')).toEqual([
      'Кузнецов Илья Сергеевич ведёт «Химия» (5А), но этого предмета нет в карточке сотрудника',
      'Сидорова Ольга Павловна ведёт «Музыка» (5А), но этого предмета нет в карточке сотрудника',
    ]);
    expect(messages('teacher_removed')).toEqual(['5А, «Изобразительное искусство»: учитель Волков Андрей Петрович удалён из списка сотрудников — назначьте другого']);
  });

  it('forgets a problem once it is mended', async () => {
    const { call, cls } = f;
    await call('subgroups.placeSuggested', { classId: cls('5А').id });
    const after = (await call('setup.validate')).problems;
    expect(after.filter((p) => p.code === 'student_not_in_subgroup')).toEqual([]);
    expect(after.length).toBe(problems.length - 2);
  });
});
