import type { studentsOps } from '../../../electron/api/students';
import { type Plans } from '../plan';

export const studentsPlans = {
  'students.list': { sample: (f) => ({ search: 'а', classId: f.classId, grade: 5, sort: 'birthDate', desc: true, offset: 0, limit: 20 }) },
  'students.get': { sample: (f) => ({ id: f.studentId }) },
  'students.save': { sample: (f) => f.student },
  'students.remove': { sample: (f) => ({ id: f.spareStudentId }) },
  'students.rosterOn': { sample: (f) => ({ classId: f.classId, date: '2026-11-12' }) },
} satisfies Plans<typeof studentsOps>;
