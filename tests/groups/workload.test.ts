import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal, smallSchool, type Fixture } from './fixture';

describe('teaching assignments and workload (R3, тарификация)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await smallSchool();
    await f.call('subgroups.split', { classId: f.cls('5А').id, subjectId: f.subject('Иностранный язык').id, parts: 2, by: 'alphabet' });
    await f.call('subgroups.split', { classId: f.cls('5А').id, subjectId: f.subject('Труд').id, by: 'gender' });
  }, 120_000);
  afterAll(() => f.cleanup());

  it('assigns a teacher to a whole class, a subgroup and a study group, and refuses what does not fit', async () => {
    const { call, cls, subject, teachers } = f;
    const a = cls('5А');
    const whole = await call('assignments.save', { teacherId: teachers.math.id, classId: a.id, subjectId: subject('Математика').id, hoursPerWeek: 5 });
    expect(whole).toMatchObject({ target: 'class', label: '5А', teacherName: 'Кузнецов Илья Сергеевич', subjectName: 'Математика', hoursPerWeek: 5 });
    const eng = (await call('subgroups.forClass', { classId: a.id })).subjects.find((s) => s.subjectName.startsWith('Иностранный'))!.division!;
    const sub = await call('assignments.save', { teacherId: teachers.eng1.id, subgroupId: eng.subgroups[0]!.id, hoursPerWeek: 3 });
    expect(sub).toMatchObject({ target: 'subgroup', label: '5А, 1 подгруппа', classId: a.id, subjectId: subject('Иностранный язык').id });
    const g = await call('studyGroups.save', { name: 'Математика: подготовка к олимпиаде', kind: 'elective', subjectId: subject('Математика').id, hoursPerWeek: 1, teacherId: teachers.math.id });
    expect(g).toMatchObject({ kindLabel: 'Элективный курс', teacherName: 'Кузнецов Илья Сергеевич', hoursPerWeek: 1, memberCount: 0 });
    expect((await call('assignments.list', { studyGroupId: g.id }))[0]).toMatchObject({ target: 'group', label: 'учебная группа «Математика: подготовка к олимпиаде»' });

    expect((await refusal(call('assignments.save', { teacherId: teachers.math.id, classId: a.id, subjectId: subject('Математика').id, hoursPerWeek: 2 }))).message).toBe(
      'И. С. Кузнецов уже ведёт «Математика» (5А, 5 ч) — измените часы в этой строке.',
    );
    expect((await refusal(call('assignments.save', { teacherId: teachers.math.id, classId: a.id, hoursPerWeek: 2 }))).message).toBe(
      'Укажите класс и предмет (или подгруппу, или учебную группу).',
    );
    expect((await refusal(call('assignments.save', { teacherId: teachers.math.id, classId: a.id, subjectId: subject('Алгебра').id, hoursPerWeek: 1.3 }))).message).toBe(
      'Часы указываются целыми или с половиной (0,5)',
    );
    expect((await refusal(call('assignments.save', { teacherId: teachers.eng2.id, subgroupId: eng.subgroups[1]!.id, classId: cls('5Б').id, hoursPerWeek: 3 }))).message).toMatch(
      /Подгруппа «2 подгруппа» — это 5А, «Иностранный язык \(английский\)»: класс и предмет должны совпадать/,
    );
    expect((await refusal(call('assignments.save', { teacherId: teachers.eng2.id, studyGroupId: g.id, subjectId: subject('Музыка').id, hoursPerWeek: 1 }))).message).toMatch(
      /совпадать с предметом группы/,
    );
    // Changing the hours of a row.
    const changed = await call('assignments.save', { id: whole.id, teacherId: teachers.math.id, classId: a.id, subjectId: subject('Математика').id, hoursPerWeek: 4 });
    expect(changed.hoursPerWeek).toBe(4);
  });

  it('sets a subgroup teacher for all its curriculum hours, and removes it', async () => {
    const { call, cls, teachers } = f;
    const a = cls('5А');
    const eng = (await call('subgroups.forClass', { classId: a.id })).subjects.find((s) => s.subjectName.startsWith('Иностранный'))!.division!;
    const d = await call('subgroups.setTeacher', { subgroupId: eng.subgroups[1]!.id, teacherId: teachers.eng2.id });
    expect(d.subgroups.map((g) => [g.teacherName, g.teachers[0]?.hours])).toEqual([
      ['Петрова Анна Ивановна', 3],
      ['Сидорова Ольга Павловна', 3],
    ]);
    const none = await call('subgroups.setTeacher', { subgroupId: eng.subgroups[1]!.id, teacherId: null });
    expect(none.subgroups[1]!.teachers).toEqual([]);
    await call('subgroups.setTeacher', { subgroupId: eng.subgroups[1]!.id, teacherId: teachers.eng2.id });
  });

  it('fills every curriculum hour from the curriculum with qualified teachers, subgroups of boys and girls by a man and a woman', async () => {
    const { call, cls, subject } = f;
    // Enough qualified staff for the rest of the plan of 5А: one teacher per remaining subject.
    const plan = (await call('curriculum.grid')).cells.filter((c) => c.classId === cls('5А').id);
    const subjects = await call('subjects.list');
    const covered = new Set(['Математика', 'Иностранный язык (английский)', 'Труд (технология)']);
    for (const cell of plan) {
      const name = subjects.find((s) => s.id === cell.subjectId)!.name;
      if (covered.has(name)) continue;
      await call('staff.save', {
        lastName: `Предметник${cell.subjectId.slice(-4)}`, firstName: 'Ирина', middleName: 'Петровна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
        position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects: [name], rateHours: 18,
      });
    }
    const r = await call('assignments.fromCurriculum', { classId: cls('5А').id });
    expect(r.unassigned).toEqual([]);
    expect(r.created).toBeGreaterThan(8);
    const coverage = (await call('workload.byClass', { classId: cls('5А').id }))[0]!;
    expect(coverage.complete).toBe(true);
    expect(coverage.planHours).toBe(28);
    const tech = coverage.subjects.find((s) => s.subjectId === subject('Труд').id)!;
    expect(tech.divided).toBe(true);
    expect(tech.parts.map((p) => [p.label, p.teachers.map((t) => t.fullName), p.missingHours])).toEqual([
      ['Мальчики', ['Волков Андрей Петрович'], 0],
      ['Девочки', ['Белова Нина Юрьевна'], 0],
    ]);
    // Nothing is left to assign in 5А; 5Б gets the same teachers' hours.
    expect((await call('assignments.fromCurriculum', { classId: cls('5А').id })).created).toBe(0);
    expect((await call('assignments.fromCurriculum', { classId: cls('5Б').id })).unassigned).toEqual([]);
    // A subject nobody lists on the staff card stays open and is reported.
    const senior = await call('assignments.fromCurriculum', { classId: cls('10А').id });
    expect(senior.unassigned).toEqual(expect.arrayContaining([{ label: '10А', subjectName: 'Физика', hours: expect.any(Number) }]));
    expect((await call('workload.byClass', { classId: cls('10А').id }))[0]!.complete).toBe(false);
  });

  it('sums each teacher’s hours by subject and class, against the rate and the maximum', async () => {
    const { call, teachers } = f;
    const all = await call('workload.byTeacher', {});
    const math = all.find((w) => w.teacherId === teachers.math.id)!;
    // 5А: 4 hours by hand, the fifth from the curriculum; 5Б and 10А from the curriculum.
    expect(math.subjects.map((s) => [s.subjectName, s.classes, s.hours])).toEqual([
      ['Математика', '5А, 5Б, «Математика: подготовка к олимпиаде»', 11],
      ['Алгебра', '10А', 3],
      ['Геометрия', '10А', 2],
    ]);
    expect(math).toMatchObject({ totalHours: 16, normHours: 18, rates: 0.89, maxHours: 30, overMax: false });
    const eng = all.find((w) => w.teacherId === teachers.eng1.id)!;
    expect(eng.subjects[0]!.classes).toMatch(/^5А \(1 подгруппа\)/);
    // The list holds every teacher, alphabetically.
    const names = all.map((w) => w.fullName);
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, 'ru')));
  });

  it('refuses to remove a staff member who still has hours', async () => {
    const { call, teachers } = f;
    expect((await refusal(call('staff.remove', { id: teachers.math.id }))).message).toBe(
      'У сотрудника 16 ч в неделю по тарификации. Сначала передайте его часы другим учителям (Группы и нагрузка).',
    );
  });

  it('keeps study groups: members from several classes, hours following the group, removal', async () => {
    const { call, subject, teachers } = f;
    const g = await call('studyGroups.save', { name: 'Профильная математика 10А и 10Б', kind: 'profile', subjectId: subject('Алгебра').id, hoursPerWeek: 2, teacherId: teachers.math.id });
    const members = [f.students10[0]!, f.students10[1]!, f.students10[12]!, f.students10[12]!];
    const d = await call('studyGroups.setMembers', { groupId: g.id, studentIds: members });
    expect(d.members).toHaveLength(3);
    expect(d.classNames).toEqual(['10А', '10Б']);
    expect(d.members.map((m) => m.className)).toEqual(['10А', '10А', '10Б']);
    // The teacher's one assignment follows a change of hours.
    const saved = await call('studyGroups.save', { id: g.id, name: 'Профильная математика 10А и 10Б', kind: 'profile', subjectId: subject('Алгебра').id, hoursPerWeek: 3 });
    expect(saved.teachers).toEqual([{ teacherId: teachers.math.id, fullName: 'Кузнецов Илья Сергеевич', hours: 3 }]);
    expect((await refusal(call('studyGroups.save', { name: 'профильная математика 10а и 10б', kind: 'other', subjectId: subject('Алгебра').id, hoursPerWeek: 1 }))).message).toBe(
      'Учебная группа «профильная математика 10а и 10б» уже есть',
    );
    expect((await refusal(call('studyGroups.setMembers', { groupId: g.id, studentIds: ['nobody'] }))).message).toBe('1 ученик из выбранных не найден — возможно, он выбыл. Обновите список и выберите снова.');
    const shorter = await call('studyGroups.setMembers', { groupId: g.id, studentIds: [f.students10[0]!] });
    expect(shorter.memberCount).toBe(1);
    expect((await call('studyGroups.list')).map((x) => x.name)).toContain('Профильная математика 10А и 10Б');
    await call('studyGroups.remove', { id: g.id });
    expect((await call('studyGroups.list')).map((x) => x.name)).not.toContain('Профильная математика 10А и 10Б');
    expect(await call('assignments.list', { studyGroupId: g.id })).toEqual([]);
  });

  it('lets a deputy change workload, and a secretary or the director only look', async () => {
    const { call } = f;
    for (const [login, role] of [['zam', 'deputy'], ['sec', 'secretary'], ['dir', 'director']] as const) {
      const u = await call('users.save', { login, displayName: `Проверка ${login}`, role, deputyGrades: role === 'deputy' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] : [] });
      const { Session } = await import('../../electron/core/auth/session');
      const { createLocalClient } = await import('../../electron/core/dispatch');
      const ctx = { ...f.ctx, session: new Session(false) };
      const as = createLocalClient(ctx);
      await as('auth.login', { login, password: u.password! });
      expect((await as('workload.byTeacher', {})).length).toBeGreaterThan(0);
      const r = as('assignments.fromCurriculum', {});
      if (role === 'deputy') await r;
      else expect((await refusal(r)).message).toMatch(/Недостаточно прав: раздел «Группы и нагрузка» нельзя изменять/);
    }
  });
});
