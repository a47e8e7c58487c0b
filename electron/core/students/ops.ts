import type { Handlers } from '../context';
import type { studentsOps } from '../../api/students';
import { getStudent, listStudents, removeStudent, saveStudent } from './students';
import { classRosterOn } from './queries';

export const studentsHandlers = {
  'students.list': (i, ctx) => listStudents(ctx, i),
  'students.get': (i, ctx) => getStudent(ctx, i.id),
  'students.save': (i, ctx) => saveStudent(ctx, i),
  'students.remove': (i, ctx) => removeStudent(ctx, i.id),
  'students.rosterOn': (i, ctx) => classRosterOn(ctx, i.classId, i.date),
} satisfies Handlers<typeof studentsOps>;
