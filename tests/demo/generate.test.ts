import { describe, expect, it } from 'vitest';
import { UUID_RE } from '../../db/ids';
import { DEMO_LIMITS, WEEKLY_LIMIT, generateDemoSchool, isValidSnils, snilsChecksum, type DemoSchool } from '../../electron/demo';
import { surnameForm, patronymic } from '../../electron/demo/names';

const demo = generateDemoSchool();
const big = generateDemoSchool({ students: 5000, seed: 7 });

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

function allRows(d: DemoSchool): { id: string }[] {
  return [
    d.school, ...d.years, ...d.studyPeriods, ...d.holidays, ...d.bellSchedules, ...d.bells, ...d.subjects, ...d.rooms,
    ...d.staff, ...d.classes, ...d.curriculum, ...d.students, ...d.guardians, ...d.studentGuardians,
    ...d.divisions, ...d.subgroups, ...d.subgroupMembers, ...d.studyGroups, ...d.studyGroupMembers, ...d.assignments,
  ];
}

function checkIntegrity(d: DemoSchool): void {
  const years = byId(d.years);
  const schedules = byId(d.bellSchedules);
  const subjects = byId(d.subjects);
  const rooms = byId(d.rooms);
  const staff = byId(d.staff);
  const classes = byId(d.classes);
  const students = byId(d.students);
  const guardians = byId(d.guardians);
  expect(staff.has(d.school.director_id ?? '')).toBe(true);
  for (const p of d.studyPeriods) expect(years.has(p.year_id)).toBe(true);
  for (const h of d.holidays) expect(years.has(h.year_id)).toBe(true);
  for (const s of d.bellSchedules) expect(years.has(s.year_id)).toBe(true);
  for (const b of d.bells) expect(schedules.has(b.schedule_id)).toBe(true);
  for (const c of d.classes) {
    expect(years.has(c.year_id)).toBe(true);
    expect(staff.has(c.class_teacher_id ?? '')).toBe(true);
    expect(rooms.has(c.room_id ?? '')).toBe(true);
  }
  for (const ci of d.curriculum) {
    expect(classes.has(ci.class_id)).toBe(true);
    expect(subjects.has(ci.subject_id)).toBe(true);
  }
  for (const s of d.students) expect(classes.has(s.class_id ?? '')).toBe(true);
  for (const l of d.studentGuardians) {
    expect(students.has(l.student_id)).toBe(true);
    expect(guardians.has(l.guardian_id)).toBe(true);
  }
  const ids = allRows(d).map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(UUID_RE);
}

describe('generateDemoSchool: determinism', () => {
  it('gives the same school byte for byte for the same seed', () => {
    const again = generateDemoSchool();
    expect(again).toEqual(demo);
    expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
    expect(JSON.stringify(generateDemoSchool({ students: 5000, seed: 7 }))).toBe(JSON.stringify(big));
  });

  it('gives different people and ids for a different seed', () => {
    const other = generateDemoSchool({ seed: 2 });
    expect(other.students.length).toBe(demo.students.length);
    expect(other.classes.length).toBe(demo.classes.length);
    const names = (d: DemoSchool) => d.students.map((s) => `${s.last_name} ${s.first_name} ${s.middle_name ?? ''}`);
    expect(names(other)).not.toEqual(names(demo));
    expect(other.staff.map((s) => s.last_name)).not.toEqual(demo.staff.map((s) => s.last_name));
    expect(other.school.id).not.toBe(demo.school.id);
  });

  it('rejects out-of-range options', () => {
    expect(() => generateDemoSchool({ students: DEMO_LIMITS.minStudents - 1 })).toThrow(RangeError);
    expect(() => generateDemoSchool({ students: DEMO_LIMITS.maxStudents + 1 })).toThrow(RangeError);
    expect(() => generateDemoSchool({ students: 1000.5 })).toThrow(RangeError);
    expect(() => generateDemoSchool({ seed: Number.NaN })).toThrow(RangeError);
    expect(() => generateDemoSchool({ yearStart: 1999 })).toThrow(RangeError);
  });
});

describe('generateDemoSchool: the school and its calendar', () => {
  it('is a municipal secondary school with a director', () => {
    expect(demo.school.full_name).toBe(
      'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 17»',
    );
    expect(demo.school.short_name).toBe('МБОУ СОШ № 17');
    expect(demo.school.inn).toMatch(/^\d{10}$/);
    const inn = (demo.school.inn ?? '').split('').map(Number);
    const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    expect((w.reduce((s, x, i) => s + x * inn[i]!, 0) % 11) % 10).toBe(inn[9]);
    const director = demo.staff.find((s) => s.id === demo.school.director_id);
    expect(JSON.parse(director?.roles ?? '[]')).toEqual(['director']);
  });

  it('has one current year 2026/2027 with quarters, half-years and holidays', () => {
    expect(demo.years).toHaveLength(1);
    expect(demo.years[0]).toMatchObject({
      name: '2026/2027', start_date: '2026-09-01', end_date: '2027-05-31', grade_edit_window: '2w', is_current: 1,
    });
    const periods = demo.studyPeriods.map((p) => [p.kind, p.number, p.name, p.start_date, p.end_date, p.grade_from, p.grade_to]);
    expect(periods).toEqual([
      ['quarter', 1, '1 четверть', '2026-09-01', '2026-10-24', 1, 9],
      ['quarter', 2, '2 четверть', '2026-11-05', '2026-12-28', 1, 9],
      ['quarter', 3, '3 четверть', '2027-01-11', '2027-03-21', 1, 9],
      ['quarter', 4, '4 четверть', '2027-04-01', '2027-05-26', 1, 9],
      ['half', 1, '1 полугодие', '2026-09-01', '2026-12-28', 10, 11],
      ['half', 2, '2 полугодие', '2027-01-11', '2027-05-26', 10, 11],
    ]);
    expect(demo.holidays.map((h) => h.name)).toEqual([
      'Осенние каникулы', 'Зимние каникулы', 'Дополнительные каникулы для первоклассников', 'Весенние каникулы',
    ]);
    const feb = demo.holidays[2]!;
    expect([feb.grade_from, feb.grade_to, feb.start_date.slice(0, 7)]).toEqual([1, 1, '2027-02']);
    // Holidays fall between quarters (the first-graders' February week lies inside the third);
    // half-years are split by the winter holidays and include the autumn and spring ones.
    const overlaps = (a: { start_date: string; end_date: string }, b: { start_date: string; end_date: string }) =>
      a.start_date <= b.end_date && b.start_date <= a.end_date;
    const quarters = demo.studyPeriods.filter((p) => p.kind === 'quarter');
    const halves = demo.studyPeriods.filter((p) => p.kind === 'half');
    for (const h of demo.holidays.filter((x) => x.grade_to > 1)) {
      for (const q of quarters) expect(overlaps(h, q)).toBe(false);
    }
    const winter = demo.holidays.find((h) => h.name === 'Зимние каникулы')!;
    for (const p of halves) expect(overlaps(winter, p)).toBe(false);
    expect(overlaps(feb, quarters[2]!)).toBe(true);
    for (const p of demo.studyPeriods) expect([0, 6]).not.toContain(new Date(p.start_date).getUTCDay());
  });

  it('gives a plausible calendar for another year', () => {
    const d = generateDemoSchool({ students: 100, yearStart: 2027 });
    expect(d.years[0]!.name).toBe('2027/2028');
    const dates = d.studyPeriods.filter((p) => p.kind === 'quarter').flatMap((p) => [p.start_date, p.end_date]);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]).toBe('2027-09-01');
    for (const p of d.studyPeriods) expect([0, 6]).not.toContain(new Date(p.start_date).getUTCDay());
  });

  it('rings 7 lessons from 8:30 in shift 1 and 6 lessons from 13:30 in shift 2', () => {
    const [s1, s2] = demo.bellSchedules;
    const b1 = demo.bells.filter((b) => b.schedule_id === s1!.id);
    const b2 = demo.bells.filter((b) => b.schedule_id === s2!.id);
    expect(s1!.shift).toBe(1);
    expect(s2!.shift).toBe(2);
    expect(b1.map((b) => `${b.starts_at}-${b.ends_at}`)).toEqual([
      '08:30-09:15', '09:25-10:10', '10:30-11:15', '11:35-12:20', '12:30-13:15', '13:25-14:10', '14:20-15:05',
    ]);
    expect(b2).toHaveLength(6);
    expect(b2[0]!.starts_at).toBe('13:30');
  });
});

describe('generateDemoSchool: classes, staff and rooms', () => {
  it('has 40 classes for 1000 pupils, with А, Б, В in every parallel', () => {
    expect(demo.classes).toHaveLength(40);
    for (let g = 1; g <= 11; g++) {
      const letters = demo.classes.filter((c) => c.grade === g).map((c) => c.letter);
      expect(letters.slice(0, 3)).toEqual(['А', 'Б', 'В']);
    }
    const keys = demo.classes.map((c) => `${c.grade}${c.letter}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(demo.classes.every((c) => c.shift === 1)).toBe(true);
  });

  it('scales classes with the number of pupils and keeps class sizes 18–32', () => {
    for (const d of [demo, big]) {
      const sizes = new Map<string, number>();
      for (const s of d.students) sizes.set(s.class_id!, (sizes.get(s.class_id!) ?? 0) + 1);
      expect(sizes.size).toBe(d.classes.length);
      for (const n of sizes.values()) {
        expect(n).toBeGreaterThanOrEqual(18);
        expect(n).toBeLessThanOrEqual(32);
      }
    }
    expect(big.classes).toHaveLength(200);
    expect(generateDemoSchool({ students: 100 }).classes).toHaveLength(33);
  });

  it('puts part of grades 2–4 into the second shift in a big school', () => {
    const second = big.classes.filter((c) => c.shift === 2);
    expect(second.length).toBeGreaterThan(0);
    for (const c of second) expect(c.grade).toBeGreaterThanOrEqual(2);
    for (const c of second) expect(c.grade).toBeLessThanOrEqual(4);
  });

  it('has about 70 staff for 1000 pupils with the administration in place', () => {
    expect(demo.staff.length).toBeGreaterThanOrEqual(60);
    expect(demo.staff.length).toBeLessThanOrEqual(80);
    const roles = demo.staff.map((s) => JSON.parse(s.roles) as string[]);
    expect(roles.filter((r) => r.includes('director'))).toHaveLength(1);
    expect(roles.filter((r) => r.includes('deputy')).length).toBeGreaterThanOrEqual(3);
    expect(roles.filter((r) => r.includes('deputy')).length).toBeLessThanOrEqual(4);
    expect(roles.filter((r) => r.includes('sysadmin'))).toHaveLength(1);
    expect(roles.filter((r) => r.includes('secretary'))).toHaveLength(1);
    const uvr = demo.staff.filter((s) => s.position === 'Заместитель директора по УВР').map((s) => JSON.parse(s.deputy_grades));
    expect(uvr.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const subjectIds = new Set(demo.subjects.map((s) => s.id));
    for (const s of demo.staff) {
      const r = JSON.parse(s.roles) as string[];
      if (r.includes('teacher') && !r.includes('deputy')) expect(s.rate_hours).toBe(18);
      const own = demo.staffQualifications.filter((q) => q.staff_id === s.id);
      for (const q of own) expect(subjectIds.has(q.subject_id)).toBe(true);
      if (r.includes('teacher')) expect(own.length).toBeGreaterThan(0);
      expect(s.phone).toMatch(/^\+7 \(9\d\d\) \d{3}-\d{2}-\d{2}$/);
      const born = Number(s.birth_date!.slice(0, 4));
      expect(2026 - born).toBeGreaterThanOrEqual(21);
      expect(2026 - born).toBeLessThanOrEqual(68);
    }
    expect(demo.staff.filter((s) => s.position === 'Учитель начальных классов')).toHaveLength(
      demo.classes.filter((c) => c.grade <= 4).length,
    );
    expect(big.staff.length).toBe(Math.round(5000 / 14));
  });

  it('gives every class its own class teacher and a room big enough', () => {
    for (const d of [demo, big]) {
      const staff = byId(d.staff);
      const rooms = byId(d.rooms);
      const teachers = d.classes.map((c) => c.class_teacher_id);
      expect(new Set(teachers).size).toBe(teachers.length);
      const sizes = new Map<string, number>();
      for (const s of d.students) sizes.set(s.class_id!, (sizes.get(s.class_id!) ?? 0) + 1);
      for (const c of d.classes) {
        const t = staff.get(c.class_teacher_id!)!;
        expect(JSON.parse(t.roles)).toContain('teacher');
        if (c.grade <= 4) expect(t.position).toBe('Учитель начальных классов');
        expect(rooms.get(c.room_id!)!.capacity).toBeGreaterThanOrEqual(sizes.get(c.id)!);
      }
      // Rooms of one shift are not shared.
      const shift1Rooms = d.classes.filter((c) => c.shift === 1).map((c) => c.room_id);
      expect(new Set(shift1Rooms).size).toBe(shift1Rooms.length);
    }
    const numbers = demo.rooms.map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toContain('Спортзал');
    expect(numbers).toContain('Актовый зал');
    for (const r of demo.rooms.filter((x) => /^\d+$/.test(x.number))) {
      expect(r.capacity).toBeGreaterThanOrEqual(25);
      expect(r.capacity).toBeLessThanOrEqual(32);
    }
  });
});

describe('generateDemoSchool: subjects and curriculum', () => {
  it('has the federal subjects with the right grading', () => {
    const s = new Map(demo.subjects.map((x) => [x.name, x]));
    expect(s.get('Русский язык')).toMatchObject({ short_name: 'Рус. яз.', grading: 'five_point', no_attestation: 0 });
    expect(s.get('Основы религиозных культур и светской этики')?.grading).toBe('pass_fail');
    expect(s.get('Разговоры о важном')).toMatchObject({ grading: 'none', no_attestation: 1 });
    expect(s.get('Индивидуальный проект')?.no_attestation).toBe(1);
    expect(demo.subjects.length).toBeGreaterThanOrEqual(26);
  });

  it('keeps every class within the weekly load limit', () => {
    for (const d of [demo, big]) {
      const total = new Map<string, number>();
      const pairs = new Set<string>();
      for (const ci of d.curriculum) {
        total.set(ci.class_id, (total.get(ci.class_id) ?? 0) + ci.hours_per_week);
        const key = `${ci.class_id}/${ci.subject_id}`;
        expect(pairs.has(key)).toBe(false);
        pairs.add(key);
        expect(ci.hours_per_week).toBeGreaterThan(0);
      }
      for (const c of d.classes) {
        const t = total.get(c.id) ?? 0;
        expect(t).toBeLessThanOrEqual(WEEKLY_LIMIT[c.grade]!);
        expect(t).toBeGreaterThanOrEqual(WEEKLY_LIMIT[c.grade]! - 6);
      }
    }
  });

  it('follows the federal plan for grades 1 and 5', () => {
    const subjectName = new Map(demo.subjects.map((s) => [s.id, s.name]));
    const planOf = (grade: number) => {
      const c = demo.classes.find((x) => x.grade === grade && x.letter === 'В')!;
      return Object.fromEntries(
        demo.curriculum.filter((ci) => ci.class_id === c.id).map((ci) => [subjectName.get(ci.subject_id), ci.hours_per_week]),
      );
    };
    expect(planOf(1)).toMatchObject({
      'Русский язык': 5, 'Литературное чтение': 4, Математика: 4, 'Окружающий мир': 2, 'Изобразительное искусство': 1,
      Музыка: 1, 'Труд (технология)': 1, 'Физическая культура': 2, 'Разговоры о важном': 1,
    });
    expect(planOf(5)).toMatchObject({
      'Русский язык': 5, Литература: 3, 'Иностранный язык (английский)': 3, Математика: 5, История: 2, География: 1,
      Биология: 1, 'Изобразительное искусство': 1, Музыка: 1, 'Труд (технология)': 2, 'Физическая культура': 2,
      'Основы духовно-нравственной культуры народов России': 1,
    });
    expect(planOf(4)['Основы религиозных культур и светской этики']).toBe(1);
    expect(planOf(10)['Индивидуальный проект']).toBe(1);
  });
});

describe('generateDemoSchool: pupils and guardians', () => {
  it('has exactly the requested number of pupils, each in a class with 1–2 guardians', () => {
    expect(demo.students).toHaveLength(1000);
    expect(big.students).toHaveLength(5000);
    for (const d of [demo, big]) {
      const perStudent = new Map<string, number>();
      for (const l of d.studentGuardians) perStudent.set(l.student_id, (perStudent.get(l.student_id) ?? 0) + 1);
      for (const s of d.students) {
        expect(s.class_id).not.toBeNull();
        const n = perStudent.get(s.id) ?? 0;
        expect(n).toBeGreaterThanOrEqual(1);
        expect(n).toBeLessThanOrEqual(2);
      }
      for (const l of d.studentGuardians) expect(['мать', 'отец', 'законный представитель']).toContain(l.relation);
    }
  });

  it('gives every pupil and staff member a valid, unique SNILS', () => {
    for (const d of [demo, big]) {
      const all = [...d.students.map((s) => s.snils), ...d.staff.map((s) => s.snils)];
      for (const s of all) expect(isValidSnils(s ?? '')).toBe(true);
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('computes SNILS checksums by the rules', () => {
    expect(snilsChecksum('112233445')).toBe(95);
    expect(isValidSnils('112-233-445 95')).toBe(true);
    expect(isValidSnils('112-233-445 94')).toBe(false);
    expect(isValidSnils('001-001-998 00')).toBe(false); // not checked numbers are not issued here
    // Weighted sum < 100 → the sum; 100 and 101 → 00; above → mod 101, where 100 → 00.
    expect(snilsChecksum('001326678')).toBe(99); // sum 99
    expect(snilsChecksum('001508815')).toBe(0); // sum 100
    expect(snilsChecksum('001437544')).toBe(0); // sum 101
    expect(snilsChecksum('001318759')).toBe(1); // sum 102
    expect(snilsChecksum('006996682')).toBe(0); // sum 201, mod 101 = 100
    expect(snilsChecksum('069936894')).toBe(48); // sum 250
  });

  it('puts pupils into grades that match their age', () => {
    const grade = new Map(demo.classes.map((c) => [c.id, c.grade]));
    for (const s of demo.students) {
      const g = grade.get(s.class_id!)!;
      const ageOnSep1 = (Date.UTC(2026, 8, 1) - Date.parse(s.birth_date)) / (365.25 * 86_400_000);
      expect(ageOnSep1).toBeGreaterThan(g + 5.4);
      expect(ageOnSep1).toBeLessThan(g + 8.1);
    }
  });

  it('agrees names in gender: patronymics, surnames, fathers', () => {
    for (const s of demo.students) {
      if (s.middle_name) expect(s.middle_name.endsWith(s.gender === 'f' ? 'на' : 'ич')).toBe(true);
    }
    for (const s of demo.staff) expect(s.middle_name!.endsWith(s.gender === 'f' ? 'на' : 'ич')).toBe(true);
    const female = demo.students.filter((s) => s.gender === 'f');
    expect(female.filter((s) => /(ов|ев|ёв|ин|ский|цкий)$/.test(s.last_name))).toEqual([]);
    const male = demo.students.filter((s) => s.gender === 'm');
    expect(male.filter((s) => /(ова|ева|ина|ская|цкая)$/.test(s.last_name))).toEqual([]);
    const students = byId(demo.students);
    const guardians = byId(demo.guardians);
    let fathers = 0;
    for (const l of demo.studentGuardians) {
      const s = students.get(l.student_id)!;
      const g = guardians.get(l.guardian_id)!;
      if (l.relation === 'отец') {
        fathers++;
        expect(g.middle_name!.endsWith('ич')).toBe(true);
        expect(surnameForm(g.last_name, s.gender!)).toBe(s.last_name);
        expect(s.middle_name).toBe(patronymic(g.first_name, s.gender!));
      }
      if (l.relation === 'мать') expect(g.middle_name!.endsWith('на')).toBe(true);
    }
    expect(fathers).toBeGreaterThan(300);
    // The sample in the brief: male/female forms of the same surname exist.
    expect(surnameForm('Иванов', 'f')).toBe('Иванова');
    expect(surnameForm('Островский', 'f')).toBe('Островская');
    expect(surnameForm('Шевченко', 'f')).toBe('Шевченко');
    expect(surnameForm('Ким', 'f')).toBe('Ким');
  });

  it('fills addresses, personal files, consents and contacts realistically', () => {
    const files = demo.students.map((s) => s.personal_file_no);
    expect(new Set(files).size).toBe(files.length);
    for (const s of demo.students) {
      expect(s.personal_file_no).toMatch(/^[А-ЯЁ]-\d+$/);
      expect(s.personal_file_no!.slice(0, 1)).toBe(s.last_name.slice(0, 1));
      expect(s.address).toMatch(/г\. Новоозёрск, .+, д\. \d+/);
    }
    const g = demo.guardians;
    for (const x of g) expect(x.phone).toMatch(/^\+7 \(9\d\d\) \d{3}-\d{2}-\d{2}$/);
    const refused = g.filter((x) => x.e_service_refused === 1).length / g.length;
    expect(refused).toBeGreaterThan(0.01);
    expect(refused).toBeLessThan(0.06);
    const consent = g.filter((x) => x.pd_consent_date !== null);
    expect(consent.length / g.length).toBeGreaterThan(0.85);
    for (const x of consent) expect(x.pd_consent_date! >= '2026-08-01' && x.pd_consent_date! <= '2026-08-31').toBe(true);
    const withEmail = g.filter((x) => x.email !== null);
    expect(withEmail.length / g.length).toBeGreaterThan(0.5);
    for (const x of withEmail) expect(x.email).toMatch(/@example\.(com|org|net)$/);
  });

  it('lets a few per cent of pupils share guardians with a sibling', () => {
    const perGuardian = new Map<string, Set<string>>();
    for (const l of demo.studentGuardians) {
      const set = perGuardian.get(l.guardian_id) ?? new Set<string>();
      set.add(l.student_id);
      perGuardian.set(l.guardian_id, set);
    }
    const siblings = new Set<string>();
    for (const set of perGuardian.values()) if (set.size > 1) for (const s of set) siblings.add(s);
    expect(siblings.size / demo.students.length).toBeGreaterThan(0.02);
    expect(siblings.size / demo.students.length).toBeLessThan(0.15);
    // Siblings share the address.
    const students = byId(demo.students);
    for (const set of perGuardian.values()) {
      const addresses = new Set([...set].map((id) => students.get(id)!.address));
      expect(addresses.size).toBe(1);
    }
  });
});

describe('generateDemoSchool: integrity and speed', () => {
  it('links every *_id to an existing row, and ids are unique UUIDv7', () => {
    checkIntegrity(demo);
    checkIntegrity(big);
    checkIntegrity(generateDemoSchool({ students: 100, seed: 3 }));
    checkIntegrity(generateDemoSchool({ students: 1300, seed: 4 }));
  });

  // Speed is measured by `npm run bench` (demo_generate_5000_students), not here.
  it('generates the largest school', () => {
    expect(generateDemoSchool({ students: 5000, seed: 12 }).students).toHaveLength(5000);
  });
});
