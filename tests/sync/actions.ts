// Random user actions of the convergence test (docs/sync-faults.md), through the app's real handlers
// (the same calls the screens make): each one is a user action, so one mutation when it changes
// something. They are chosen to clash with the other office computer and with the centre:
// new classes with a random grade and letter (natural keys «5А»), renamed subjects, the student and
// guardian fields the centre edits too (address, phone, e-mail), moves between classes, removals.
// A refusal by the app itself (a field check, «Класс 5А уже есть») is a user's mistake: nothing is
// written, the action counts as refused.
import type { LocalClient } from '../../electron/core/dispatch';
import type { Prng } from '../../electron/demo/prng';

export const ACTIONS = ['newClass', 'renameSubject', 'editStudent', 'editGuardian', 'moveStudent', 'removeClass', 'removeStudyGroup', 'editClass'] as const;
export type Action = (typeof ACTIONS)[number];

/** New classes take few names (5Г…9Д), so the two computers make the same one offline; removals free them again. */
const LETTERS = ['Г', 'Д'];
/** Most edits go to a few «hot» students (the smallest ids), which the centre edits too (harness.ts): field conflicts. */
export const HOT = 6;
export const hotFirst = <T extends { id: string }>(p: Prng, rows: readonly T[]): T => {
  const hot = [...rows].sort((x, y) => (x.id < y.id ? -1 : 1)).slice(0, HOT);
  return p.chance(0.7) && hot.length ? p.pick(hot) : p.pick(rows);
};
const SUBJECT_NAMES = ['Математика', 'Алгебра', 'Геометрия', 'Физика', 'Химия', 'Биология', 'История', 'Информатика', 'Музыка', 'Черчение', 'Астрономия', 'Экология'];
const STREETS = ['ул. Ленина', 'ул. Мира', 'пр. Победы', 'ул. Садовая', 'ул. Школьная'];
const SURNAMES = ['Иванов', 'Петров', 'Сидоров', 'Кузнецов', 'Смирнов', 'Попов'];

export const randomPhone = (p: Prng) => `+7 9${p.int(10, 99)} ${p.int(100, 999)}-${p.int(10, 99)}-${p.int(10, 99)}`;
export const randomEmail = (p: Prng) => `parent${p.int(1, 99999)}@example.ru`;
export const randomAddress = (p: Prng) => `г. Самара, ${p.pick(STREETS)}, д. ${p.int(1, 120)}, кв. ${p.int(1, 300)}`;

/** One random action; returns what it did ('noop' when there was nothing to act on). Throws the app's refusal. */
export async function randomAction(call: LocalClient, p: Prng, today: string): Promise<Action | 'noop'> {
  const action = p.weighted<Action>([
    ['newClass', 3],
    ['renameSubject', 2],
    ['editStudent', 4],
    ['editGuardian', 4],
    ['moveStudent', 2],
    ['removeClass', 1],
    ['removeStudyGroup', 1],
    ['editClass', 1],
  ]);
  switch (action) {
    case 'newClass': {
      await call('classes.save', { grade: p.int(5, 9), letter: p.pick(LETTERS), shift: p.int(1, 2), classTeacherId: null, roomId: null });
      return action;
    }
    case 'editClass': {
      const classes = await call('classes.list');
      if (classes.length === 0) return 'noop';
      const k = p.pick(classes);
      await call('classes.save', { id: k.id, grade: k.grade, letter: p.pick(LETTERS), shift: p.int(1, 2), classTeacherId: k.classTeacherId, roomId: k.roomId });
      return action;
    }
    case 'renameSubject': {
      const subjects = await call('subjects.list');
      if (subjects.length === 0) return 'noop';
      const s = p.pick(subjects);
      await call('subjects.save', { id: s.id, name: `${p.pick(SUBJECT_NAMES)} ${p.int(1, 99)}`, shortName: s.shortName, noAttestation: s.noAttestation, grading: s.grading, sortOrder: s.sortOrder });
      return action;
    }
    case 'removeClass': {
      const classes = await call('classes.list');
      // Mostly the empty ones (a class with students is refused by the app).
      const empty = classes.filter((k) => k.studentCount === 0);
      const pool = empty.length > 0 && p.chance(0.8) ? empty : classes;
      if (pool.length === 0) return 'noop';
      await call('classes.remove', { id: p.pick(pool).id });
      return action;
    }
    case 'removeStudyGroup': {
      const groups = await call('studyGroups.list');
      if (groups.length === 0) return 'noop';
      await call('studyGroups.remove', { id: p.pick(groups).id });
      return action;
    }
    case 'editStudent':
    case 'editGuardian':
    case 'moveStudent': {
      const page = await call('students.list', { limit: 10000 });
      if (page.rows.length === 0) return 'noop';
      const row = hotFirst(p, page.rows);
      const d = await call('students.get', { id: row.id });
      const input = {
        id: d.id,
        lastName: d.lastName,
        firstName: d.firstName,
        middleName: d.middleName,
        birthDate: d.birthDate,
        gender: d.gender,
        snils: d.snils,
        classId: d.classId,
        address: d.address,
        personalFileNo: d.personalFileNo,
        guardians: d.guardians.map((g) => ({ ...g })),
      } as Record<string, unknown> & { guardians: Record<string, unknown>[] };
      if (action === 'editStudent') {
        if (p.chance(0.7)) input.address = randomAddress(p);
        if (p.chance(0.3)) input.lastName = p.pick(SURNAMES) + (d.gender === 'f' ? 'а' : '');
        if (p.chance(0.2)) input.personalFileNo = `Л-${p.int(1, 9999)}`;
      } else if (action === 'editGuardian') {
        if (input.guardians.length === 0) return 'noop';
        const g = p.pick(input.guardians);
        if (p.chance(0.6)) g.phone = randomPhone(p);
        if (p.chance(0.5)) g.email = randomEmail(p);
      } else {
        const classes = (await call('classes.list')).filter((k) => k.id !== d.classId);
        if (classes.length === 0) return 'noop';
        input.classId = p.pick(classes).id;
        input.classFrom = today;
      }
      await call('students.save', input);
      return action;
    }
  }
}
