// The school's classes (5А, 10Б…): their shift, class teacher and room.
import { z } from 'zod';
import * as s from '../schemas';
import { change, none, read, view, write } from '../ops';

export interface SchoolClass {
  id: string;
  grade: number;
  letter: string;
  name: string; // «5А»
  shift: number;
  classTeacherId: string | null;
  classTeacherName: string | null;
  roomId: string | null;
  roomNumber: string | null;
  studentCount: number;
  weeklyHours: number;
}

export const classesOps = {
  'classes.list': read(view('setup'), none).returns<SchoolClass[]>(),
  'classes.save': write(
    change('setup'),
    z.object({
      id: s.optionalId,
      grade: s.grade,
      letter: s.classLetter,
      shift: s.shift,
      classTeacherId: s.optionalId,
      roomId: s.optionalId,
    }),
  ).returns<SchoolClass>(),
  'classes.createMany': write(
    change('setup'),
    z.object({ gradeFrom: s.grade, gradeTo: s.grade, letters: s.list(s.classLetter, 'Литер', s.maxItems.letters).min(1, 'Укажите хотя бы одну литеру'), shift: s.shift }),
  ).returns<{ created: number; skipped: number }>(),
  'classes.remove': write(change('setup'), z.object({ id: s.id })).returns<void>(),
};
