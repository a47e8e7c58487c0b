// The feature «Группы и нагрузка», its workload part (R3): who teaches which class, subgroup or
// study group how many hours, and each teacher's and class's totals. Handlers: electron/core/workload/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { change, none, read, view, write } from './ops';
import type { TeacherHours, ValidationResult } from './groups';

export type AssignmentTarget = 'class' | 'subgroup' | 'group';

export interface Assignment {
  id: string;
  teacherId: string;
  teacherName: string;
  subjectId: string;
  subjectName: string;
  target: AssignmentTarget;
  classId: string | null;
  className: string | null;
  subgroupId: string | null;
  subgroupName: string | null;
  studyGroupId: string | null;
  studyGroupName: string | null;
  /** «5А», «5А, 1 подгруппа», «Учебная группа «…»». */
  label: string;
  hoursPerWeek: number;
}

export interface FromCurriculumResult {
  created: number;
  hours: number;
  /** What no qualified teacher could take (no staff member lists the subject). */
  unassigned: { label: string; subjectName: string; hours: number }[];
}

export interface TeacherWorkload {
  teacherId: string;
  fullName: string;
  position: string;
  /** Weekly hours of one rate (ставка) for this person's teaching. */
  normHours: number;
  maxHours: number;
  totalHours: number;
  /** totalHours / normHours, two decimals. */
  rates: number;
  overMax: boolean;
  /** One line per subject: «5А, 5Б, 7А (1 подгруппа)» and the hours. */
  subjects: { subjectId: string; subjectName: string; classes: string; hours: number }[];
  assignments: Assignment[];
}

export interface CoveragePart {
  /** null: the whole class. */
  subgroupId: string | null;
  label: string; // «весь класс», «1 подгруппа»
  teachers: TeacherHours[];
  assignedHours: number;
  /** planHours − assignedHours: > 0 uncovered, < 0 too many. */
  missingHours: number;
}

export interface ClassCoverage {
  classId: string;
  className: string;
  planHours: number;
  /** True when every curriculum hour of every part has a teacher and nothing is over. */
  complete: boolean;
  subjects: { subjectId: string; subjectName: string; planHours: number; divided: boolean; parts: CoveragePart[]; complete: boolean }[];
}

export const workloadOps = {
  'assignments.list': read(
    view('groups'),
    z.object({ teacherId: s.optionalId, classId: s.optionalId, studyGroupId: s.optionalId }).optional().default({}),
  ).returns<Assignment[]>(),
  /** Target: a study group (studyGroupId), a subgroup (subgroupId), or a whole class (classId + subjectId). */
  'assignments.save': write(
    change('groups'),
    z.object({
      id: s.optionalId,
      teacherId: s.id,
      subjectId: s.optionalId,
      classId: s.optionalId,
      subgroupId: s.optionalId,
      studyGroupId: s.optionalId,
      hoursPerWeek: s.weeklyHours,
    }),
  ).returns<Assignment>(),
  'assignments.remove': write(change('groups'), z.object({ id: s.id })).returns<void>(),
  /** Gives every curriculum hour without a teacher (of one class, or of the school) to a qualified teacher. */
  'assignments.fromCurriculum': write(change('groups'), z.object({ classId: s.optionalId })).returns<FromCurriculumResult>(),
  'workload.byTeacher': read(view('groups'), z.object({ teacherId: s.optionalId }).optional().default({})).returns<TeacherWorkload[]>(),
  'workload.byClass': read(view('groups'), z.object({ classId: s.optionalId }).optional().default({})).returns<ClassCoverage[]>(),
  /** Every problem of subgroups, study groups and workload, each with a code and a Russian message. */
  'setup.validate': read(view('groups'), none).returns<ValidationResult>(),
};
