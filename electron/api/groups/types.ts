// Results of the groups operations (R4): subgroups, the division rule, study groups, validation.
import type { DivisionMethod, Gender, RuleSplitBy, StudyGroupKind } from '../enums';

export interface StudentRef {
  id: string;
  fullName: string;
  gender: Gender | null;
}

export interface TeacherHours {
  teacherId: string;
  fullName: string;
  hours: number;
}

export interface Subgroup {
  id: string;
  number: number;
  name: string; // «1 подгруппа», «Мальчики»
  /** Teachers with their weekly hours: assignments of this subgroup and of the whole class for the subject. */
  teachers: TeacherHours[];
  /** The subgroup's teacher when there is exactly one, else null. */
  teacherId: string | null;
  teacherName: string | null;
  members: StudentRef[]; // in alphabetical order
}

export interface Division {
  id: string;
  classId: string;
  className: string;
  subjectId: string;
  subjectName: string;
  method: DivisionMethod;
  subgroups: Subgroup[];
  /** Students of the class in no subgroup of this division (newcomers): see 'subgroups.pending'. */
  unplaced: StudentRef[];
}

export interface ClassSubjectDivision {
  subjectId: string;
  subjectName: string;
  /** Weekly hours in the class's curriculum; 0 when the subject is divided but not in the curriculum. */
  hoursPerWeek: number;
  division: Division | null;
  /** What the division rule says for this class and subject, or null when it is not divided by the rule. */
  rule: { parts: number; by: RuleSplitBy } | null;
}

export interface ClassSubgroups {
  classId: string;
  className: string;
  studentCount: number;
  subjects: ClassSubjectDivision[];
}

/** One line of the division rule: which subject is divided, in which grades, from what class size. */
export interface DivisionRuleItem {
  subjectId: string;
  subjectName: string;
  gradeFrom: number;
  gradeTo: number;
  minStudents: number;
  parts: number;
  by: RuleSplitBy;
}

export interface GroupsRule {
  items: DivisionRuleItem[];
  /** No teacher may have more weekly hours than this (validation 'teacher_over_max'). */
  maxTeacherHours: number;
  /** Weekly teaching hours of one rate (ставка) for staff whose main post is not a teacher's. */
  teachingNormHours: number;
  /** True until the rule is saved: the items are the default for the school's subjects. */
  isDefault: boolean;
}

export interface SplitAllResult {
  divided: number; // divisions created or re-divided
  kept: number; // already divided, left as they were
  classes: number; // classes touched
}

export interface PendingPlacement {
  studentId: string;
  studentName: string;
  gender: Gender | null;
  classId: string;
  className: string;
  divisionId: string;
  subjectId: string;
  subjectName: string;
  subgroups: { id: string; number: number; name: string; size: number }[];
  /** The smallest subgroup (for a division by gender: the student's own). */
  suggestedSubgroupId: string;
  suggestedSubgroupName: string;
}

export interface StudyGroup {
  id: string;
  name: string;
  kind: StudyGroupKind;
  kindLabel: string; // «Элективный курс»
  subjectId: string;
  subjectName: string;
  hoursPerWeek: number;
  teachers: TeacherHours[];
  teacherId: string | null;
  teacherName: string | null;
  memberCount: number;
  classNames: string[]; // classes the members come from: «10А», «10Б»
}

export interface StudyGroupDetails extends StudyGroup {
  members: (StudentRef & { classId: string | null; className: string | null })[];
}

export type ProblemCode =
  | 'student_not_in_subgroup'
  | 'member_not_in_class'
  | 'subgroup_empty'
  | 'subgroup_no_teacher'
  | 'class_no_teacher'
  | 'hours_short'
  | 'hours_excess'
  | 'not_in_curriculum'
  | 'division_not_in_curriculum'
  | 'should_divide'
  | 'group_no_teacher'
  | 'group_empty'
  | 'teacher_over_max'
  | 'teacher_not_qualified'
  | 'teacher_removed';

export interface SetupProblem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  /** Russian, self-contained: names the class («5А»), subject, subgroup or group, and people by ФИО. */
  message: string;
  classId?: string;
  subjectId?: string;
  subgroupId?: string;
  studyGroupId?: string;
  teacherId?: string;
  studentId?: string;
}

export interface ValidationResult {
  problems: SetupProblem[];
  errors: number;
  warnings: number;
}
