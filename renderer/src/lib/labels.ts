import type { Gender, StaffRole } from '../../../electron/api/types';
import { SHIFTS, genders, gradeEditWindows, gradings, periodKinds, roomKinds, shiftLabel, staffRoles } from '../../../electron/api/enums';
import { gradeRanges } from '../../../electron/api/grades';
export { gradeRanges };

// The labels of the enums are defined once, in electron/api/enums.ts (the core's documents and the
// audit log use the same); here only the names the screens import.
export const ROLE_LABELS = staffRoles.labels;
export const ROLES: readonly StaffRole[] = staffRoles.values;

export const GRADING_LABELS = gradings.labels;
export const GRADING_OPTIONS = gradings.options;

export const WINDOW_LABELS = gradeEditWindows.labels;
export const WINDOW_OPTIONS = gradeEditWindows.options;

export const PERIOD_KIND_OPTIONS = periodKinds.options;

export const GENDER_LABELS = genders.labels;
export const GENDER_OPTIONS = genders.options;
export const GENDER_SHORT: Record<Gender, string> = { m: 'м', f: 'ж' };

export const GRADES = Array.from({ length: 11 }, (_, i) => i + 1);
export const GRADE_OPTIONS = GRADES.map((g) => ({ value: String(g), label: `${g} класс` }));
export const SHIFT_OPTIONS = SHIFTS.map((s) => ({ value: String(s), label: shiftLabel(s) }));

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

/** Kinds of rooms (issue 11): a room's kind, and the kind a subject's lessons need. */
export const ROOM_KIND_OPTIONS = roomKinds.options;
export const ROOM_KIND_LABELS = roomKinds.labels;
