// The valid input of an operation for the contract fuzzer (tests/fuzz/harness.ts) and the school
// it refers to. Samples live per feature in tests/fuzz/plans/<feature>.ts.
import type { OpInput, OpName, OpDef } from '../../electron/api/contract';
import type { Session } from '../../electron/core/auth/session';
import type { demoCore } from '../support/core';

export type Core = Awaited<ReturnType<typeof demoCore>>;

export const FUZZ_PASSWORD = ['Фаззер2026', 'Фаззер2027'] as const;

/** Records of the demo school the valid inputs refer to, and throwaway ones for the removals. */
export interface Fixture {
  core: Core;
  adminId: string;
  fuzzerId: string;
  targetUserId: string;
  /** The fuzzer's current password (auth.changePassword switches it). */
  password: string;
  authSession: Session;
  yearId: string;
  year: OpInput<'years.save'>;
  bells: OpInput<'bells.save'>;
  classId: string;
  className: string;
  emptyClassId: string;
  subjectId: string;
  otherSubjectId: string;
  spareSubjectId: string;
  divisionSubjectId: string;
  /** A second division of the class, for subgroups.remove (the first stays for the printed lists). */
  spareDivisionSubjectId: string;
  subgroupId: string;
  secondSubgroupId: string;
  studentId: string;
  spareStudentId: string;
  student: OpInput<'students.save'>;
  teacherId: string;
  spareStaffId: string;
  staff: OpInput<'staff.save'>;
  roomId: string;
  spareRoomId: string;
  groupId: string;
  spareGroupId: string;
  group: OpInput<'studyGroups.save'>;
  groupMembers: string[];
  assignment: OpInput<'assignments.save'>;
  spareAssignmentId: string;
  rule: OpInput<'groups.rule.save'>;
  settings: OpInput<'settings.save'>;
  correctionId: string;
  backupDir: string;
  backupFile: string;
  /** A CSV of one student, granted to the admin's session as an input file: its id (a fresh one each time, a committed import uses it up). */
  csv: () => string;
  /** A FET file given to the core (timetable.importFet). */
  fet: () => string;
  /** Issue 11: a timetable version with its cards (one of them `cardId`), a spare version and a spare busy time to remove. */
  timetableId: string;
  spareTimetableId: string;
  cardId: string;
  spareUnavailableId: string;
  /** Ids of real records: random inputs pick from them, so that they reach the handlers' logic. */
  ids: string[];
  /** Substitutions (issue 11): a lesson on Wednesday 02.12.2026 of an absent teacher, a free substitute, an absence to remove, a change to remove. */
  subst: { cardId: string; absenceId: string; spareAbsenceId: string; changeId: string; substituteId: string };
  /** Credentials (issue 12): a calendar correction to remove, a request the central answered, a student not asked for. */
  cred: { spareDayId: string; requestId: string; freshStudentId: string };
  /** Orders (issue 12): tests/fuzz/plans/orders.ts orderRecords. */
  orders: { draftId: string; spareDraftId: string; signedId: string; studentId: string };
}

export interface Plan<N extends OpName> {
  sample: (f: Fixture) => OpInput<N>;
  /** Slow by nature (a backup, a restore, an import, password hashing): fewer calls. */
  slow?: boolean;
  /** Acts on the session: called on the fuzzer's own session, so the admin's stays. */
  auth?: boolean;
}

export const none = () => ({});

/** The samples of one feature's operations: exactly one per operation. */
export type Plans<O extends Record<string, OpDef>> = { [N in keyof O & OpName]: Plan<N> };
