import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoSchool, type DemoSchool } from '../../electron/demo';
import { DEFAULT_MAX_TEACHER_HOURS } from '../../electron/core/groups/policy';
import { demoCore } from '../support/core';

const schools: [string, DemoSchool][] = [
  ['100 pupils', generateDemoSchool({ students: 100, seed: 3 })],
  ['1000 pupils', generateDemoSchool({ students: 1000 })],
  ['5000 pupils', generateDemoSchool({ students: 5000, seed: 7 })],
];

describe('the demo school’s subgroups and тарификация (R3, R4)', () => {
  for (const [label, d] of schools) {
    it(`${label}: languages and informatics divided from 25 pupils, technology into boys and girls; every pupil in one subgroup`, () => {
      const name = new Map(d.subjects.map((s) => [s.id, s.name]));
      const size = new Map<string, number>();
      for (const s of d.students) size.set(s.class_id!, (size.get(s.class_id!) ?? 0) + 1);
      const grade = new Map(d.classes.map((c) => [c.id, c.grade]));
      const divided = new Set(d.divisions.map((x) => `${x.class_id}:${x.subject_id}`));
      for (const ci of d.curriculum) {
        const n = name.get(ci.subject_id)!;
        const eligible = /иностранный язык|^информатика/i.test(n) || (n.startsWith('Труд') && grade.get(ci.class_id)! >= 5);
        expect(divided.has(`${ci.class_id}:${ci.subject_id}`), `${n}`).toBe(eligible && size.get(ci.class_id)! >= 25);
      }
      for (const x of d.divisions) {
        const subgroups = d.subgroups.filter((g) => g.division_id === x.id);
        expect(subgroups.map((g) => g.name)).toEqual(name.get(x.subject_id)!.startsWith('Труд') ? ['Мальчики', 'Девочки'] : ['1 подгруппа', '2 подгруппа']);
        const members = d.subgroupMembers.filter((m) => m.division_id === x.id).map((m) => m.student_id);
        const pupils = d.students.filter((s) => s.class_id === x.class_id).map((s) => s.id);
        expect([...members].sort()).toEqual([...pupils].sort());
      }
    });

    it(`${label}: every curriculum hour has a teacher, every teacher within ${DEFAULT_MAX_TEACHER_HOURS} hours`, () => {
      const plan = new Map(d.curriculum.map((c) => [`${c.class_id}:${c.subject_id}`, c.hours_per_week]));
      const division = new Map(d.divisions.map((x) => [`${x.class_id}:${x.subject_id}`, x.id]));
      const assigned = new Map<string, number>();
      for (const a of d.assignments) {
        const k = a.study_group_id ?? (a.subgroup_id ? `${a.class_id}:${a.subject_id}:${a.subgroup_id}` : `${a.class_id}:${a.subject_id}`);
        assigned.set(k, (assigned.get(k) ?? 0) + a.hours_per_week);
      }
      for (const [k, hours] of plan) {
        const div = division.get(k);
        if (!div) expect(assigned.get(k), k).toBe(hours);
        else for (const g of d.subgroups.filter((x) => x.division_id === div)) expect(assigned.get(`${k}:${g.id}`)).toBe(hours);
      }
      for (const g of d.studyGroups) expect(assigned.get(g.id)).toBe(g.hours_per_week);
      const load = new Map<string, number>();
      for (const a of d.assignments) load.set(a.teacher_id, (load.get(a.teacher_id) ?? 0) + a.hours_per_week);
      expect(Math.max(...load.values())).toBeLessThanOrEqual(DEFAULT_MAX_TEACHER_HOURS);
      // Boys' technology by men where the school has one, girls' by women.
      const gender = new Map(d.staff.map((s) => [s.id, s.gender]));
      const tech = d.subgroups.filter((g) => g.name === 'Мальчики');
      const byMen = tech.filter((g) => gender.get(d.assignments.find((a) => a.subgroup_id === g.id)!.teacher_id) === 'm').length;
      if (tech.length && d.staff.some((s) => s.position.includes('труда') && s.gender === 'm')) expect(byMen).toBeGreaterThan(tech.length / 2);
    });
  }

  it('has study groups across classes, each with members and a teacher', () => {
    const [, d] = schools[1]!;
    expect(d.studyGroups.map((g) => g.kind)).toEqual(['remedial', 'elective', 'profile']);
    const classOf = new Map(d.students.map((s) => [s.id, s.class_id]));
    for (const g of d.studyGroups) {
      const members = d.studyGroupMembers.filter((m) => m.group_id === g.id);
      expect(members.length).toBeGreaterThanOrEqual(10);
      expect(new Set(members.map((m) => classOf.get(m.student_id))).size).toBeGreaterThan(1);
    }
  });
});

describe('the demo school in the app', () => {
  let t: Awaited<ReturnType<typeof demoCore>>;
  beforeAll(async () => {
    t = await demoCore(1000);
  }, 120_000);
  afterAll(() => t.cleanup());

  it('loads with its divisions and assignments and passes validation without a single problem', async () => {
    const v = await t.call('setup.validate');
    expect(v.problems).toEqual([]);
    const coverage = await t.call('workload.byClass', {});
    expect(coverage.every((c) => c.complete)).toBe(true);
    expect((await t.call('studyGroups.list')).length).toBe(3);
    expect(await t.call('subgroups.pending', {})).toEqual([]);
  });
});
