// Results of API operations, as the renderer sees them (camelCase, booleans as booleans). Each
// feature declares its own beside its operations (electron/api/<feature>.ts); gathered here for
// the code that imports them from one place.
export type * from './common';
export type * from './app';
export type * from './auth';
export type * from './audit';
export type * from './backup';
export type * from './setup';
export type * from './students';
export type * from './transfer';
export type * from './groups';
export type * from './workload';
export type * from './jobs';
export type * from './journal';
export type * from './sync';
export type * from './timetable';
export type * from './substitutions';
export type * from './enrollment';
export type * from './formation';
export type * from './indicators';
export type * from './term';
export type * from './termFiles';
export type * from './summary';
export type * from './monitoring';
export type * from './statements';
export type * from './paperRegister';
export type * from './paperArchive';
export type * from './home';
export type * from './rollover';
export type * from './promotion';
export type * from './debts';
export type * from './yearCheck';
export type {
  AppRole,
  AuditAction,
  DivisionMethod,
  ExportList,
  Gender,
  GradeEditWindow,
  Grading,
  ImportKind,
  PeriodKind,
  RuleSplitBy,
  SplitBy,
  StaffRole,
  StudentSort,
  StudyGroupKind,
} from './enums';
