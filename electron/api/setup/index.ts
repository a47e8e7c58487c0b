// The feature «Настройка школы»: the school, its year and bells, subjects, rooms, staff, classes and
// the curriculum. One file per part; the handlers: electron/core/setup/ops.ts.
import { schoolOps } from './school';
import { calendarOps } from './calendar';
import { subjectsOps } from './subjects';
import { roomsOps } from './rooms';
import { staffOps } from './staff';
import { classesOps } from './classes';
import { curriculumOps } from './curriculum';

export const setupOps = { ...schoolOps, ...calendarOps, ...subjectsOps, ...roomsOps, ...staffOps, ...classesOps, ...curriculumOps };

export type * from './school';
export type * from './calendar';
export type * from './subjects';
export type * from './rooms';
export type * from './staff';
export type * from './classes';
export type * from './curriculum';
