// The school year: its periods and holidays, and the bell schedules of each shift.
import { z } from 'zod';
import * as s from '../schemas';
import { change, none, read, view, write } from '../ops';
import { periodKinds, type GradeEditWindow, type PeriodKind } from '../enums';

export interface StudyPeriodInput {
  kind: PeriodKind;
  number: number;
  name: string;
  startDate: string;
  endDate: string;
  gradeFrom: number;
  gradeTo: number;
}
export interface HolidayInput {
  name: string;
  startDate: string;
  endDate: string;
  gradeFrom: number;
  gradeTo: number;
}
export interface YearInput {
  id?: string | null;
  name: string;
  startDate: string;
  endDate: string;
  gradeEditWindow: GradeEditWindow;
  isCurrent: boolean;
  periods: StudyPeriodInput[];
  holidays: HolidayInput[];
}
export interface YearDetails extends YearInput {
  id: string;
  periods: (StudyPeriodInput & { id: string })[];
  holidays: (HolidayInput & { id: string })[];
}

export interface BellInput {
  lessonNo: number;
  startsAt: string;
  endsAt: string;
}
export interface BellScheduleDetails {
  id: string;
  yearId: string;
  shift: number;
  name: string;
  bells: (BellInput & { id: string })[];
}

function yearInput() {
  const period = z.object({
    kind: z.enum(periodKinds.values),
    number: s.int('Номер периода', 1, 4),
    name: s.required('Название периода', 'title'),
    startDate: s.isoDate,
    endDate: s.isoDate,
    gradeFrom: s.grade,
    gradeTo: s.grade,
  });
  const holiday = z.object({
    name: s.required('Название каникул', 'title'),
    startDate: s.isoDate,
    endDate: s.isoDate,
    gradeFrom: s.grade,
    gradeTo: s.grade,
  });
  return z.object({
    id: s.optionalId,
    name: s.required('Учебный год', 'title'),
    startDate: s.isoDate,
    endDate: s.isoDate,
    gradeEditWindow: s.gradeEditWindow,
    isCurrent: z.boolean().default(true),
    periods: s.list(period, 'Учебных периодов', s.maxItems.periods).min(1, 'Добавьте учебные периоды'),
    holidays: s.list(holiday, 'Каникул', s.maxItems.holidays),
  });
}

export const calendarOps = {
  'years.list': read(view('setup'), none).returns<YearDetails[]>(),
  'years.suggest': read(view('setup'), z.object({ startYear: s.int('Год начала', 2000, 2100) })).returns<YearInput>(),
  'years.save': write(change('setup'), yearInput()).returns<YearDetails>(),

  'bells.list': read(view('setup'), z.object({ yearId: s.id })).returns<BellScheduleDetails[]>(),
  'bells.save': write(
    change('setup'),
    z.object({
      id: s.optionalId,
      yearId: s.id,
      shift: s.shift,
      name: s.required('Название', 'title'),
      bells: s
        .list(z.object({ lessonNo: s.int('Номер урока', 0, 12), startsAt: s.hhmm, endsAt: s.hhmm }), 'Уроков в расписании звонков', s.maxItems.bells)
        .min(1, 'Добавьте хотя бы один урок'),
    }),
  ).returns<BellScheduleDetails>(),
  'bells.suggest': read(view('setup'), z.object({ shift: s.shift })).returns<BellInput[]>(),
};
