// The register of credentials (R7): the rows with their state and deadline, the deadlines per class
// teacher for the home screen, the handing recorded (date, to whom, how, by whom),
// «Запросить учётные данные» for a student asked for by hand, and «Запросить снова» for a request
// the central did not answer.
import type { Ctx } from '../context';
import { todayOf } from '../context';
import type { CredentialRequestResult, CredentialRow, CredentialsDue } from '../../api/credentials';
import type { CredentialHanding } from '../../api/enums';
import { invalid } from '../../api/errors';
import { recordNotFound } from '../../../db/write';
import { act } from '../tx';
import { ruDate } from '../format';
import { addWorkingDays, loadCorrections } from '../calendar/calendar';
import { requestCredentialsFor } from './requests';
import * as q from './queries';

/** «Due soon»: due within this many working days from today (today included). */
export const DUE_SOON_WORKING_DAYS = 3;

function rowView(r: q.RequestRow, today: string, showPassword: boolean): CredentialRow {
  const state = r.handed_on ? 'handed' : r.login ? 'issued' : r.unanswered ? 'failed' : 'waiting';
  return {
    id: r.id, studentId: r.student_id, studentName: r.student_name, className: r.class_name, classTeacherName: r.teacher_name,
    role: r.role, recipientName: r.role === 'parent' ? (r.guardian_name ?? '') : r.student_name, relation: r.relation,
    arrivedOn: r.arrived_on, dueOn: r.due_on, requestedAt: r.requested_at, state,
    login: r.login, oneTimePassword: showPassword ? r.one_time_password : null, issuedAt: r.issued_at,
    handedOn: r.handed_on, handedTo: r.handed_to, handedHow: r.handed_how, handedBy: r.handed_by,
    late: !r.handed_on && r.due_on < today,
  };
}

const mayChange = (ctx: Ctx) => ctx.session.user?.access.credentials === 'change';

export function listCredentials(ctx: Ctx, classId: string | null | undefined, state: 'all' | 'open' | 'waiting' | 'failed' | 'issued' | 'handed' | 'late'): CredentialRow[] {
  const today = todayOf(ctx);
  const rows = q.requests(ctx.db, classId).map((r) => rowView(r, today, mayChange(ctx)));
  if (state === 'all') return rows;
  if (state === 'open') return rows.filter((r) => r.state !== 'handed');
  if (state === 'late') return rows.filter((r) => r.late);
  return rows.filter((r) => r.state === state);
}

export function credentialsDue(ctx: Ctx): CredentialsDue {
  const today = todayOf(ctx);
  const soon = addWorkingDays(today, DUE_SOON_WORKING_DAYS, loadCorrections(ctx.db));
  const byTeacher = new Map<string, CredentialsDue['teachers'][number]>();
  for (const r of q.requests(ctx.db)) {
    if (r.handed_on) continue;
    const key = r.teacher_id ?? `class:${r.class_id ?? ''}`;
    let t = byTeacher.get(key);
    if (!t) byTeacher.set(key, (t = { teacherId: r.teacher_id, teacherName: r.teacher_name, classes: [], dueSoon: 0, late: 0, open: 0, failed: 0, nearest: null }));
    if (r.class_name && !t.classes.includes(r.class_name)) t.classes.push(r.class_name);
    t.open++;
    if (!r.login && r.unanswered) t.failed++;
    if (r.due_on < today) t.late++;
    else if (r.due_on <= soon) t.dueSoon++;
    if (!t.nearest || r.due_on < t.nearest) t.nearest = r.due_on;
  }
  const refused = new Map<string, CredentialsDue['refusedParents'][number]>();
  for (const r of q.refusedParents(ctx.db)) {
    let p = refused.get(r.guardian_id);
    if (!p) refused.set(r.guardian_id, (p = { guardianId: r.guardian_id, name: r.name, students: [], classes: [] }));
    p.students.push(r.student_name);
    if (r.class_name && !p.classes.includes(r.class_name)) p.classes.push(r.class_name);
  }
  const teachers = [...byTeacher.values()].sort((a, b) => b.failed - a.failed || b.late - a.late || b.dueSoon - a.dueSoon || (a.teacherName ?? 'я').localeCompare(b.teacherName ?? 'я', 'ru'));
  return { today, teachers, refusedParents: [...refused.values()] };
}

export function requestForStudent(ctx: Ctx, studentId: string, arrivedOn: string): CredentialRequestResult {
  return act(ctx, (w) => {
    if (!q.studentExists(ctx.db, studentId)) throw recordNotFound('student');
    const r = requestCredentialsFor(ctx, w, studentId, arrivedOn);
    if (r.made === 0)
      throw invalid(
        r.refused
          ? 'Учётные данные ученику и родителям уже запрошены; родители, отказавшиеся от электронного сервиса, получают выписки на бумаге.'
          : 'Учётные данные этому ученику и его родителям уже запрошены.',
      );
    return r;
  });
}

/**
 * «Запросить снова»: a request the central did not answer (state failed) is asked for again — its
 * `requested_at` renewed, which sync pushes as a change of the request; the central issues the
 * account for a changed request that has none (central/store/push.ts), as for a new one.
 */
export function retryCredentials(ctx: Ctx, id: string): CredentialRow {
  act(ctx, (w) => {
    const r = q.requestById(ctx.db, id);
    if (!r) throw recordNotFound('credential_request');
    if (r.login) throw invalid('Центральная система уже выдала логин и пароль по этому запросу: запрашивать снова не нужно.');
    if (!r.unanswered)
      throw invalid('Запрос ещё не обработан центральной системой: он отправится при следующей синхронизации (страница «Синхронизация»). Запросить снова можно, когда центральная система не выдала логин.');
    w.update('credential_request', id, { requested_at: ctx.now().toISOString() });
  });
  return rowView(q.requestById(ctx.db, id)!, todayOf(ctx), mayChange(ctx));
}

function actorName(ctx: Ctx): string {
  return ctx.session.user?.displayName ?? ctx.actor;
}

export function handCredentials(ctx: Ctx, i: { id: string; handedOn: string; handedTo: string; handedHow: CredentialHanding }): CredentialRow {
  act(ctx, (w) => {
    const r = q.requestById(ctx.db, i.id);
    if (!r) throw recordNotFound('credential_request');
    if (!r.login) throw invalid('Центральная система ещё не выдала логин и пароль: выдать их пока нельзя. Дождитесь синхронизации.');
    if (i.handedOn < r.requested_at.slice(0, 10))
      throw invalid(`Дата выдачи (${ruDate(i.handedOn)}) раньше запроса (${ruDate(r.requested_at.slice(0, 10))}).`, [{ column: 'handedOn', message: `Дата выдачи раньше запроса (${ruDate(r.requested_at.slice(0, 10))})` }]);
    if (i.handedOn > todayOf(ctx)) throw invalid(`Дата выдачи (${ruDate(i.handedOn)}) ещё не наступила.`, [{ column: 'handedOn', message: `Дата выдачи ${ruDate(i.handedOn)} ещё не наступила` }]);
    w.update('credential_request', i.id, { handed_on: i.handedOn, handed_to: i.handedTo, handed_how: i.handedHow, handed_by: actorName(ctx) });
  });
  return rowView(q.requestById(ctx.db, i.id)!, todayOf(ctx), mayChange(ctx));
}

export function unhandCredentials(ctx: Ctx, id: string): CredentialRow {
  act(ctx, (w) => {
    const r = q.requestById(ctx.db, id);
    if (!r) throw recordNotFound('credential_request');
    if (!r.handed_on) throw invalid('Эти учётные данные ещё не отмечены как выданные.');
    w.update('credential_request', id, { handed_on: null, handed_to: null, handed_how: null, handed_by: null });
  });
  return rowView(q.requestById(ctx.db, id)!, todayOf(ctx), mayChange(ctx));
}
