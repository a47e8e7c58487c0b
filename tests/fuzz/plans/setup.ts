import type { setupOps } from '../../../electron/api/setup';
import { none, type Plans } from '../plan';

export const setupPlans = {
  'setup.checklist': { sample: none },
  'school.get': { sample: none },
  'school.save': {
    sample: () => ({ fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 17»', shortName: 'МБОУ СОШ № 17', inn: null, address: null, phone: null, email: null, directorId: null }),
  },
  'years.list': { sample: none },
  'years.suggest': { sample: () => ({ startYear: 2027 }) },
  'years.save': { sample: (f) => f.year },
  'bells.list': { sample: (f) => ({ yearId: f.yearId }) },
  'bells.save': { sample: (f) => f.bells },
  'bells.suggest': { sample: () => ({ shift: 2 }) },
  'subjects.list': { sample: none },
  'subjects.save': { sample: (f) => ({ id: f.otherSubjectId, name: 'Черчение', shortName: 'Черч.', noAttestation: false, grading: 'five_point', sortOrder: 260 }) },
  'subjects.remove': { sample: (f) => ({ id: f.spareSubjectId }) },
  'subjects.addStandard': { sample: none },
  'rooms.list': { sample: none },
  'rooms.save': { sample: (f) => ({ id: f.roomId, number: '101', name: 'Кабинет математики', capacity: 30 }) },
  'rooms.remove': { sample: (f) => ({ id: f.spareRoomId }) },
  'staff.list': { sample: () => ({ search: 'иван' }) },
  'staff.save': { sample: (f) => f.staff },
  'staff.remove': { sample: (f) => ({ id: f.spareStaffId }) },
  'classes.list': { sample: none },
  'classes.save': { sample: (f) => ({ id: f.emptyClassId, grade: 11, letter: 'Я', shift: 1, classTeacherId: null, roomId: f.roomId }) },
  'classes.createMany': { sample: () => ({ gradeFrom: 10, gradeTo: 11, letters: ['Ю'], shift: 2 }) },
  'classes.remove': { sample: (f) => ({ id: f.emptyClassId }) },
  'curriculum.grid': { sample: none },
  'curriculum.set': { sample: (f) => ({ cells: [{ classId: f.classId, subjectId: f.subjectId, hours: 4.5 }] }) },
  'curriculum.applyStandard': { sample: () => ({ onlyEmpty: true }) },
} satisfies Plans<typeof setupOps>;
