import type { Gender, GradeEditWindow, Grading, StaffRole } from '../../../electron/api/types';
import { gradeRanges } from '../../../electron/api/grades';
export { gradeRanges };

export const ROLE_LABELS: Record<StaffRole, string> = {
  director: 'Директор',
  deputy: 'Заместитель директора',
  sysadmin: 'Системный администратор',
  secretary: 'Секретарь',
  teacher: 'Учитель',
};
export const ROLES: StaffRole[] = ['director', 'deputy', 'sysadmin', 'secretary', 'teacher'];

export const GRADING_LABELS: Record<Grading, string> = {
  five_point: 'Пятибалльная',
  pass_fail: 'Зачёт/незачёт',
  none: 'Без отметок',
};
export const GRADING_OPTIONS = (Object.keys(GRADING_LABELS) as Grading[]).map((value) => ({ value, label: GRADING_LABELS[value] }));

export const WINDOW_LABELS: Record<GradeEditWindow, string> = {
  never: 'Никогда (до конца года)',
  '1w': '1 неделя',
  '2w': '2 недели',
  '3w': '3 недели',
  '1m': '1 месяц',
};
export const WINDOW_OPTIONS = (Object.keys(WINDOW_LABELS) as GradeEditWindow[]).map((value) => ({ value, label: WINDOW_LABELS[value] }));

export const GENDER_LABELS: Record<Gender, string> = { m: 'Мужской', f: 'Женский' };
export const GENDER_SHORT: Record<Gender, string> = { m: 'м', f: 'ж' };

export const GRADES = Array.from({ length: 11 }, (_, i) => i + 1);
export const GRADE_OPTIONS = GRADES.map((g) => ({ value: String(g), label: `${g} класс` }));
export const SHIFT_OPTIONS = [
  { value: '1', label: '1 смена' },
  { value: '2', label: '2 смена' },
  { value: '3', label: '3 смена' },
];

export const POSITIONS = [
  'Директор',
  'Заместитель директора по учебно-воспитательной работе',
  'Заместитель директора по воспитательной работе',
  'Учитель',
  'Учитель начальных классов',
  'Педагог-организатор',
  'Педагог-психолог',
  'Социальный педагог',
  'Учитель-логопед',
  'Педагог дополнительного образования',
  'Педагог-библиотекарь',
  'Секретарь',
  'Делопроизводитель',
  'Системный администратор',
];

export const RELATIONS = ['мать', 'отец', 'опекун', 'попечитель', 'бабушка', 'дедушка', 'законный представитель'];

