import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Division } from '../../electron/api/types';
import { refusal, smallSchool, studentInput, type Fixture } from './fixture';
import { upload } from '../support/files';

const sizes = (d: Division) => d.subgroups.map((g) => g.members.length);
const everyoneOnce = (d: Division, expected: number) => {
  const ids = d.subgroups.flatMap((g) => g.members.map((m) => m.id));
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(expected);
  expect(d.unplaced).toEqual([]);
};

describe('dividing a class into subgroups (R4, 000 §3)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await smallSchool();
  }, 120_000);
  afterAll(() => f.cleanup());

  it('divides automatically by the alphabet, balanced, by gender, and as another subject', async () => {
    const { call, cls, subject } = f;
    const a = cls('5А');
    const alpha = await call('subgroups.split', { classId: a.id, subjectId: subject('Иностранный язык').id, parts: 2, by: 'alphabet' });
    everyoneOnce(alpha, 26);
    expect(sizes(alpha)).toEqual([13, 13]);
    expect(alpha.method).toBe('alphabet');
    expect(alpha.subgroups[0]!.members.map((m) => m.fullName).slice(4, 7)).toEqual(['Егоров Максим Ильич', 'Ёлкин Артём Денисович', 'Жукова Дарья Андреевна']);

    const three = await call('subgroups.split', { classId: a.id, subjectId: subject('Математика').id, parts: 3, by: 'balanced' });
    everyoneOnce(three, 26);
    expect(sizes(three).sort()).toEqual([8, 9, 9]);

    const gender = await call('subgroups.split', { classId: a.id, subjectId: subject('Труд').id, by: 'gender' });
    everyoneOnce(gender, 26);
    expect(gender.subgroups.map((g) => g.name)).toEqual(['Мальчики', 'Девочки']);
    expect(gender.subgroups[0]!.members.every((m) => m.gender === 'm')).toBe(true);
    expect(gender.subgroups[1]!.members.every((m) => m.gender !== 'm')).toBe(true);

    const copy = await call('subgroups.split', { classId: a.id, subjectId: subject('Информатика').id, by: 'copy', copyFromSubjectId: subject('Иностранный язык').id });
    expect(copy.method).toBe('copy');
    expect(copy.subgroups.map((g) => g.members.map((m) => m.id))).toEqual(alpha.subgroups.map((g) => g.members.map((m) => m.id)));

    const view = await call('subgroups.forClass', { classId: a.id });
    expect(view.studentCount).toBe(26);
    expect(view.subjects.filter((s) => s.division).map((s) => s.subjectName)).toEqual(
      expect.arrayContaining(['Иностранный язык (английский)', 'Математика', 'Труд (технология)', 'Информатика']),
    );
    // The default rule divides English, informatics and technology in a class of 25 and more.
    expect(view.subjects.find((s) => s.subjectName.startsWith('Иностранный'))!.rule).toEqual({ parts: 2, by: 'balanced' });
    expect(view.subjects.find((s) => s.subjectName.startsWith('Труд'))!.rule).toEqual({ parts: 2, by: 'gender' });
    expect(view.subjects.find((s) => s.subjectName === 'Математика')!.rule).toBeNull();
  });

  it('refuses what cannot be divided, in Russian, and changes nothing', async () => {
    const { call, cls, subject } = f;
    const a = cls('5А');
    const before = await call('subgroups.forClass', { classId: a.id });
    expect((await refusal(call('subgroups.split', { classId: a.id, subjectId: subject('Труд').id, parts: 3, by: 'gender' }))).message).toBe(
      'По полу класс делится только на две подгруппы: мальчики и девочки.',
    );
    expect((await refusal(call('subgroups.split', { classId: a.id, subjectId: subject('Литература').id, by: 'copy', copyFromSubjectId: subject('Музыка').id }))).message).toBe(
      '5А: по предмету «Музыка» класс не разделён на подгруппы — копировать нечего.',
    );
    expect((await refusal(call('subgroups.split', { classId: a.id, subjectId: subject('Литература').id, by: 'copy' }))).message).toMatch(/Укажите предмет/);
    expect((await refusal(call('subgroups.split', { classId: a.id, subjectId: subject('Литература').id, parts: 11, by: 'balanced' }))).message).toBe('Подгрупп — от 2 до 10');
    await call('classes.createMany', { gradeFrom: 6, gradeTo: 6, letters: ['Я'], shift: 1 });
    const empty = (await call('classes.list')).find((c) => c.name === '6Я')!;
    expect((await refusal(call('subgroups.split', { classId: empty.id, subjectId: subject('Литература').id, by: 'balanced' }))).message).toMatch(/В классе 6Я нет учеников/);
    expect(await call('subgroups.forClass', { classId: a.id })).toEqual(before);
  });

  it('moves a student by hand to another subgroup; the division becomes manual', async () => {
    const { call, cls, subject } = f;
    const a = cls('5А');
    const d = (await call('subgroups.forClass', { classId: a.id })).subjects.find((s) => s.subjectName.startsWith('Иностранный'))!.division!;
    const who = d.subgroups[0]!.members[0]!;
    const moved = await call('subgroups.move', { studentId: who.id, subgroupId: d.subgroups[1]!.id });
    expect(moved.method).toBe('manual');
    expect(sizes(moved)).toEqual([12, 14]);
    expect(moved.subgroups[1]!.members.map((m) => m.id)).toContain(who.id);
    everyoneOnce(moved, 26);
    // The move is audited and synced (issue 9: dated): the old membership closes today and a new one
    // opens today — or, when the old one began today, it is removed instead (it lasted no day).
    const audit = f.db.raw.prepare("SELECT action, new_values FROM audit_log WHERE entity = 'subgroup_member' ORDER BY seq DESC LIMIT 2").all() as { action: string; new_values: string }[];
    expect(audit.map((a) => a.action)).toEqual(['insert', expect.stringMatching(/^(update|delete)$/)]);
    expect(JSON.parse(audit[0]!.new_values)).toMatchObject({ subgroup_id: d.subgroups[1]!.id, student_id: who.id, date_to: null });
    const history = f.db.raw.prepare('SELECT subgroup_id, date_to, deleted_at FROM subgroup_member WHERE student_id = ? AND division_id = ? ORDER BY created_at').all(who.id, d.id) as { subgroup_id: string; date_to: string | null; deleted_at: string | null }[];
    expect(history.filter((h) => h.date_to === null && h.deleted_at === null)).toEqual([{ subgroup_id: d.subgroups[1]!.id, date_to: null, deleted_at: null }]);
    // A student of another class cannot be put into 5А's subgroup.
    const other = f.students5B[0]!;
    expect((await refusal(call('subgroups.move', { studentId: other, subgroupId: d.subgroups[0]!.id }))).message).toMatch(/учится в 5Б, а подгруппа «1 подгруппа» — класса 5А/);
    // Dividing again, balanced, restores equal sizes moving one student only.
    const again = await call('subgroups.split', { classId: a.id, subjectId: subject('Иностранный язык').id, parts: 2, by: 'balanced' });
    expect(sizes(again)).toEqual([13, 13]);
    const before = new Map(moved.subgroups.flatMap((g) => g.members.map((m) => [m.id, g.number])));
    const changed = again.subgroups.flatMap((g) => g.members.filter((m) => before.get(m.id) !== g.number));
    expect(changed).toHaveLength(1);
  });

  it('divides again into fewer subgroups: the extra subgroup and its teacher go, nobody is lost', async () => {
    const { call, cls, subject, teachers } = f;
    const a = cls('5А');
    const three = (await call('subgroups.forClass', { classId: a.id })).subjects.find((s) => s.subjectName === 'Математика')!.division!;
    await call('subgroups.setTeacher', { subgroupId: three.subgroups[2]!.id, teacherId: teachers.math.id });
    const two = await call('subgroups.split', { classId: a.id, subjectId: subject('Математика').id, parts: 2, by: 'balanced' });
    everyoneOnce(two, 26);
    expect(sizes(two)).toEqual([13, 13]);
    expect(two.subgroups.map((g) => g.number)).toEqual([1, 2]);
    expect(await call('assignments.list', { teacherId: teachers.math.id })).toEqual([]);
  });

  it('undivides: division, subgroups and members are tombstoned; the first subgroup’s teacher keeps the class', async () => {
    const { call, cls, subject, teachers } = f;
    const a = cls('5А');
    const math = (await call('subgroups.forClass', { classId: a.id })).subjects.find((s) => s.subjectName === 'Математика')!.division!;
    await call('subgroups.setTeacher', { subgroupId: math.subgroups[0]!.id, teacherId: teachers.math.id });
    await call('subgroups.setTeacher', { subgroupId: math.subgroups[1]!.id, teacherId: teachers.eng1.id });
    await call('subgroups.remove', { classId: a.id, subjectId: subject('Математика').id });
    expect((await call('subgroups.forClass', { classId: a.id })).subjects.find((s) => s.subjectName === 'Математика')!.division).toBeNull();
    expect((await call('assignments.list', { classId: a.id })).filter((x) => x.subjectName === 'Математика').map((x) => [x.teacherName, x.target, x.hoursPerWeek])).toEqual([
      ['Кузнецов Илья Сергеевич', 'class', 5],
    ]);
    // Divided again, the class's teacher takes the first subgroup.
    const again = await call('subgroups.split', { classId: a.id, subjectId: subject('Математика').id, parts: 2, by: 'alphabet' });
    expect(again.subgroups.map((g) => g.teacherName)).toEqual(['Кузнецов Илья Сергеевич', null]);
    await call('subgroups.remove', { classId: a.id, subjectId: subject('Математика').id });
    const alive = f.db.raw.prepare('SELECT count(*) AS n FROM subgroup_member WHERE division_id = ? AND deleted_at IS NULL').get(math.id) as { n: number };
    expect(alive.n).toBe(0);
    const kept = f.db.raw.prepare('SELECT count(*) AS n FROM subgroup_member WHERE division_id = ?').get(math.id) as { n: number };
    expect(kept.n).toBeGreaterThan(0); // tombstones, no hard deletes
    expect((await refusal(call('subgroups.remove', { classId: a.id, subjectId: subject('Математика').id }))).message).toBe('5А не разделён на подгруппы по предмету «Математика».');
  });

  it('divides every class the rule names, keeping divided ones unless asked to divide again', async () => {
    const { call, cls, subject } = f;
    const rule = await call('groups.rule.get');
    expect(rule.isDefault).toBe(true);
    expect(rule.items.map((i) => [i.subjectName, i.gradeFrom, i.minStudents, i.by])).toEqual(
      expect.arrayContaining([['Иностранный язык (английский)', 2, 25, 'balanced'], ['Информатика', 1, 25, 'balanced'], ['Труд (технология)', 5, 25, 'gender']]),
    );
    // 5А (26) has English, informatics (copied) and technology divided already; 5Б (20) is too small.
    expect(await call('subgroups.splitAllEligible', {})).toEqual({ divided: 0, kept: 2, classes: 0 });
    // From 20 pupils, English in grades 5–9 only: 5Б gets divided; 10А, 10Б (12) stay whole.
    const saved = await call('groups.rule.save', {
      items: [{ subjectId: subject('Иностранный язык').id, gradeFrom: 5, gradeTo: 9, minStudents: 20, parts: 2, by: 'alphabet' }],
      maxTeacherHours: 27,
    });
    expect(saved).toMatchObject({ isDefault: false, maxTeacherHours: 27, teachingNormHours: 18 });
    expect(await call('subgroups.splitAllEligible', {})).toEqual({ divided: 1, kept: 1, classes: 1 });
    const b = (await call('subgroups.forClass', { classId: cls('5Б').id })).subjects.find((s) => s.subjectName.startsWith('Иностранный'))!.division!;
    expect(b.method).toBe('alphabet');
    expect(sizes(b)).toEqual([10, 10]);
    expect(await call('subgroups.splitAllEligible', { replace: true })).toEqual({ divided: 2, kept: 0, classes: 2 });
    const bad = await refusal(
      call('groups.rule.save', {
        items: [
          { subjectId: subject('Труд').id, gradeFrom: 5, gradeTo: 9, minStudents: 25, parts: 3, by: 'gender' },
          { subjectId: subject('Информатика').id, gradeFrom: 7, gradeTo: 5, minStudents: 25, parts: 2, by: 'balanced' },
          { subjectId: subject('Иностранный язык').id, gradeFrom: 2, gradeTo: 6, minStudents: 25, parts: 2, by: 'balanced' },
          { subjectId: subject('Иностранный язык').id, gradeFrom: 5, gradeTo: 11, minStudents: 20, parts: 2, by: 'balanced' },
        ],
        maxTeacherHours: 30,
      }),
    );
    expect(bad.problems.map((p) => p.message)).toEqual([
      '«Труд (технология)»: по полу класс делится только на две подгруппы (мальчики и девочки)',
      'Параллель «с» (7) больше параллели «по» (5)',
      'Для «Иностранный язык (английский)» в 5 классах правило указано дважды',
    ]);
    expect((await call('groups.rule.get')).maxTeacherHours).toBe(27);
  });
});

describe('newcomers and leavers: divisions follow the class list (R4)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await smallSchool();
    const { call, cls, subject } = f;
    await call('subgroups.split', { classId: cls('5А').id, subjectId: subject('Иностранный язык').id, parts: 2, by: 'alphabet' });
    await call('subgroups.split', { classId: cls('5А').id, subjectId: subject('Труд').id, by: 'gender' });
    await call('subgroups.split', { classId: cls('5Б').id, subjectId: subject('Иностранный язык').id, parts: 2, by: 'alphabet' });
  }, 120_000);
  afterAll(() => f.cleanup());

  it('takes a student who changes class out of the old subgroups and asks where to put them in the new class', async () => {
    const { call, cls } = f;
    const id = f.students5B[0]!; // a boy
    const s = await call('students.get', { id });
    expect(await call('subgroups.pending', {})).toEqual([]);
    await call('students.save', { ...s, classId: cls('5А').id, guardians: [] });
    const b = (await call('subgroups.forClass', { classId: cls('5Б').id })).subjects.find((x) => x.division)!.division!;
    expect(b.subgroups.flatMap((g) => g.members.map((m) => m.id))).not.toContain(id);
    const pending = await call('subgroups.pending', { classId: cls('5А').id });
    expect(pending.map((p) => [p.studentName, p.className, p.subjectName, p.suggestedSubgroupName])).toEqual([
      ['УченикА Пётр', '5А', 'Иностранный язык (английский)', '1 подгруппа'],
      ['УченикА Пётр', '5А', 'Труд (технология)', 'Мальчики'],
    ]);
    expect(pending[0]!.subgroups.map((g) => g.size)).toEqual([13, 13]);
    // The newcomer shows in the division until placed.
    const eng = (await call('subgroups.forClass', { classId: cls('5А').id })).subjects.find((x) => x.subjectName.startsWith('Иностранный'))!.division!;
    expect(eng.unplaced.map((u) => u.id)).toEqual([id]);
    const placed = await call('subgroups.place', { studentId: id, subgroupId: pending[0]!.subgroups[1]!.id });
    expect(placed.method).toBe('alphabet'); // placing a newcomer is not a manual move
    expect(placed.subgroups.map((g) => g.members.length)).toEqual([13, 14]);
    expect(await call('subgroups.pending', { studentId: id })).toHaveLength(1);
    expect(await call('subgroups.placeSuggested', { classId: cls('5А').id })).toEqual({ placed: 1 });
    expect(await call('subgroups.pending', {})).toEqual([]);
  });

  it('suggests the smallest subgroup, and a girl the girls', async () => {
    const { call, cls } = f;
    const girl = await call('students.save', { ...(await call('students.get', { id: f.students5B[1]! })), classId: cls('5А').id, guardians: [] });
    expect(girl.gender).toBe('f');
    const pending = await call('subgroups.pending', { classId: cls('5А').id });
    expect(pending.map((p) => p.suggestedSubgroupName)).toEqual(['1 подгруппа', 'Девочки']);
  });

  it('counts imported newcomers who wait for a subgroup', async () => {
    const { call } = f;
    const csv = ['Фамилия;Имя;Отчество;Дата рождения;Пол;Класс', 'Новенький;Олег;Игоревич;01.02.2015;м;5А', 'Другой;Олег;Игоревич;01.02.2015;м;10А'].join('\n');
    const r = await call('import.commit', { kind: 'students', file: upload(f.ctx.session, 'новые.csv', csv) });
    expect(r).toMatchObject({ imported: 2, placementsPending: 1 });
    expect((await call('subgroups.pending', {})).filter((p) => p.studentName === 'Новенький Олег Игоревич')).toHaveLength(2);
    expect(await call('subgroups.placeSuggested', {})).toEqual({ placed: 4 });
  });

  it('takes a student who leaves the school out of every subgroup and study group', async () => {
    const { call, cls, subject } = f;
    const id = f.students5A[0]!;
    const g = await call('studyGroups.save', { name: 'Кружок', kind: 'other', subjectId: subject('Математика').id, hoursPerWeek: 1 });
    await call('studyGroups.setMembers', { groupId: g.id, studentIds: [id, f.students5A[1]!] });
    await call('students.remove', { id });
    const view = await call('subgroups.forClass', { classId: cls('5А').id });
    for (const s of view.subjects.filter((x) => x.division)) expect(s.division!.subgroups.flatMap((x) => x.members.map((m) => m.id))).not.toContain(id);
    expect((await call('studyGroups.get', { id: g.id })).members.map((m) => m.id)).toEqual([f.students5A[1]!]);
    expect((await call('setup.validate')).problems.filter((p) => p.code === 'member_not_in_class')).toEqual([]);
  });

  it('removes an empty class with its divisions', async () => {
    const { call, subject } = f;
    await call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: ['Ю'], shift: 1 });
    const c = (await call('classes.list')).find((x) => x.name === '7Ю')!;
    const ids = [];
    for (const name of ['Временный', 'Проездом']) ids.push((await call('students.save', studentInput(c.id, name, 'Ученик', null, 'm'))).id);
    expect((await refusal(call('subgroups.split', { classId: c.id, subjectId: subject('Литература').id, parts: 3, by: 'alphabet' }))).message).toBe(
      'Нельзя разделить 7Ю (2 ученика) на 3 подгруппы по предмету «Литература».',
    );
    await call('subgroups.split', { classId: c.id, subjectId: subject('Литература').id, parts: 2, by: 'alphabet' });
    for (const id of ids) await call('students.save', { ...(await call('students.get', { id })), classId: null, guardians: [] });
    await call('classes.remove', { id: c.id });
    const live = f.db.raw.prepare('SELECT count(*) AS n FROM class_division WHERE class_id = ? AND deleted_at IS NULL').get(c.id) as { n: number };
    expect(live.n).toBe(0);
  });
});
