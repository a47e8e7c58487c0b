// Credentials of the central system for newcomers and their parents (issue 12 point 5; R7, R12)
// and the production calendar their deadline is counted on. A request (credential_request) is
// office data pushed by sync; the central answers with the login and one-time password
// (credential_issue, pulled). The register «Журнал выдачи учётных данных», the slips per class, the
// handing recorded. Handlers: electron/core/credentials/ops.ts. Area `credentials` (roles.ts);
// the calendar's corrections are `setup`.
import { z } from 'zod';
import * as s from './schemas';
import { change, job, none, read, view, write } from './ops';
import type { ExportedFile } from './common';
import { calendarDayKinds, credentialHandings, type CalendarDayKind, type CredentialHanding, type CredentialRole } from './enums';

/** One day of the production calendar as the school has it. */
export interface CalendarDay {
  date: string;
  working: boolean;
  /** Why it is a day off (a holiday, a transfer, Saturday), or why a weekend day works; null on an ordinary day. */
  reason: string | null;
  /** The school's correction of the day, when there is one. */
  correction: { id: string; kind: CalendarDayKind; note: string | null } | null;
}

export interface CalendarYear {
  year: number;
  /** The shipped data covers the year (2026, 2027): transfers of days off included. */
  shipped: boolean;
  /** Only the days that are not ordinary: weekday days off, working weekend days, corrections. */
  exceptions: CalendarDay[];
  workingDays: number;
}

/**
 * waiting: sent or waiting to be sent (offline), not yet answered; failed: the central has the
 * request and did not issue the login (a pull brought the request back without an answer) — asked
 * for again with «Запросить снова» (credentials.retry); issued: the login is here; handed.
 */
export type CredentialState = 'waiting' | 'failed' | 'issued' | 'handed';

/** One line of the register: a request, what the central issued, how it was handed. */
export interface CredentialRow {
  id: string;
  studentId: string;
  studentName: string;
  className: string | null;
  classTeacherName: string | null;
  role: CredentialRole;
  /** The parent's name (role parent), or the student's. */
  recipientName: string;
  relation: string | null;
  arrivedOn: string;
  dueOn: string;
  requestedAt: string;
  state: CredentialState;
  login: string | null;
  /** Shown to those who change credentials only (they print the slips). */
  oneTimePassword: string | null;
  issuedAt: string | null;
  handedOn: string | null;
  handedTo: string | null;
  handedHow: CredentialHanding | null;
  handedBy: string | null;
  /** Not handed and past the due date (by today). */
  late: boolean;
}

/** The deadlines per class teacher (the home screen). */
export interface CredentialsDue {
  today: string;
  teachers: {
    teacherId: string | null;
    teacherName: string | null;
    classes: string[];
    /** Not handed, due within 3 working days (today included). */
    dueSoon: number;
    late: number;
    open: number;
    /** Not answered by the central (state failed): to be asked for again. */
    failed: number;
    /** The nearest due date among the open ones. */
    nearest: string | null;
  }[];
  /** Parents who refused the electronic service: no account, printed statements instead (R12). */
  refusedParents: { guardianId: string; name: string; students: string[]; classes: string[] }[];
}

export interface CredentialRequestResult {
  /** New requests made (the student's, each parent's); those already asked for are not repeated. */
  made: number;
  /** Parents left out: they refused the electronic service (R12). */
  refused: number;
  dueOn: string;
}

const handing = z.object({
  id: s.id,
  handedOn: s.dateField('Дата выдачи'),
  handedTo: s.required('Кому выданы', 'personName'),
  handedHow: s.choice('Как выданы', credentialHandings.values),
});

export const credentialsOps = {
  'calendar.year': read(view('setup'), z.object({ year: s.int('Год', 2000, 2100) })).returns<CalendarYear>(),
  'calendar.save': write(
    change('setup'),
    z.object({ date: s.dateField('Дата'), kind: s.choice('День', calendarDayKinds.values), note: s.optionalText('Основание', 'title') }),
  ).returns<CalendarDay>(),
  'calendar.remove': write(change('setup'), z.object({ id: s.id })).returns<void>(),
  /** The n-th working day after a date (the deadline calculator on the calendar page). */
  'calendar.addWorkingDays': read(view('setup'), z.object({ date: s.dateField('От даты'), days: s.int('Рабочих дней', 0, 250) })).returns<string>(),

  'credentials.list': read(
    view('credentials'),
    z.object({ classId: s.idField('Класс').nullable().optional(), state: s.choice('Состояние', ['all', 'open', 'waiting', 'failed', 'issued', 'handed', 'late']).default('all') }),
  ).returns<CredentialRow[]>(),
  'credentials.due': read(view('credentials'), none).returns<CredentialsDue>(),
  /** «Запросить учётные данные»: for a student (and their parents) not asked for yet, e.g. enrolled before this feature. */
  'credentials.request': write(change('credentials'), z.object({ studentId: s.idField('Ученик'), arrivedOn: s.dateField('Дата прибытия') })).returns<CredentialRequestResult>(),
  'credentials.hand': write(change('credentials'), handing).returns<CredentialRow>(),
  /** Un-marks a handing entered by mistake. */
  'credentials.unhand': write(change('credentials'), z.object({ id: s.id })).returns<CredentialRow>(),
  /** «Запросить снова»: a request the central did not answer (state failed) is sent again. */
  'credentials.retry': write(change('credentials'), z.object({ id: s.id })).returns<CredentialRow>(),
  'credentials.slipsPdf': job('Листки с учётными данными (PDF)', read(change('credentials'), z.object({ classId: s.optionalId })).returns<ExportedFile>()),
  'credentials.registerPdf': job(
    'Журнал выдачи учётных данных (PDF)',
    read(view('credentials'), z.object({ from: s.dateField('Период с').nullable().optional(), to: s.dateField('Период по').nullable().optional() })).returns<ExportedFile>(),
  ),
};
