import { sql } from 'kysely';
import { guardianRow, studentRow } from '../rows';
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { GuardianDetails, Page, StudentDetails, StudentRow } from '../../api/types';
import { invalid, notFound, type Problem } from '../../api/errors';
import { act } from '../tx';
import { classNameSql } from '../../../db';
import { checkContacts } from '../setup/staff';
import { fullName } from '../format';
import { declineName } from '../../api/declension';
import { leaveAllGroups } from '../groups/membership';
import { closeMemberships, insertStudents, todayOf, updateStudent } from './membership';
import { className, ruFold } from '../../api/text';
import { orderForCardMove } from './cardMove';

const fold = ruFold;
const GUARDIAN_FIELD: Record<string, string> = { Телефон: 'phone', 'E-mail': 'email' };

export function listStudents(ctx: Ctx, i: OpParsed<'students.list'>): Page<StudentRow> {
  const { db } = ctx;
  let q = db.q
    .selectFrom('student as s')
    .leftJoin('school_class as c', 'c.id', 's.class_id')
    .where('s.deleted_at', 'is', null);
  if (i.classId) q = q.where('s.class_id', '=', i.classId);
  if (i.grade) q = q.where('c.grade', '=', i.grade);
  const needle = i.search?.trim();
  if (needle) {
    for (const word of fold(needle).split(/\s+/)) {
      const like = `%${word.replace(/[%_\\]/g, (m) => '\\' + m)}%`;
      q = q.where(
        sql<boolean>`ru_fold(s.last_name || ' ' || s.first_name || ' ' || coalesce(s.middle_name, '') || ' ' || coalesce(${sql.raw(classNameSql('c'))}, '') || ' ' || coalesce(s.snils, '')) like ${like} escape '\\'`,
      );
    }
  }
  const total = db.first(q.select(sql<number>`count(*)`.as('n')))?.n ?? 0;
  const dir = i.desc ? 'desc' : 'asc';
  const byName = [sql`ru_fold(s.last_name)`, sql`ru_fold(s.first_name)`, sql`ru_fold(coalesce(s.middle_name, ''))`];
  let ordered = q.select([
    's.id', 's.last_name', 's.first_name', 's.middle_name', 's.birth_date', 's.gender', 's.snils', 's.class_id', 'c.grade', 'c.letter',
    sql<string>`(select group_concat(g.last_name || ' ' || g.first_name || coalesce(' ' || g.middle_name, '') || ' (' || sg.relation || ')', '; ')
      from student_guardian sg join guardian g on g.id = sg.guardian_id
      where sg.student_id = s.id and sg.deleted_at is null and g.deleted_at is null)`.as('guardians'),
    sql<number>`(select coalesce(max(g.e_service_refused), 0) from student_guardian sg join guardian g on g.id = sg.guardian_id
      where sg.student_id = s.id and sg.deleted_at is null)`.as('refused'),
  ]);
  if (i.sort === 'class') ordered = ordered.orderBy('c.grade', dir).orderBy('c.letter', dir);
  if (i.sort === 'birthDate') ordered = ordered.orderBy('s.birth_date', dir);
  // Names break ties in alphabetical order; only a sort by name follows the direction.
  for (const k of byName) ordered = ordered.orderBy(k, i.sort === 'name' ? dir : 'asc');
  const rows = db.all(ordered.orderBy('s.id').limit(i.limit).offset(i.offset));
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      fullName: fullName(r),
      birthDate: r.birth_date,
      gender: r.gender,
      className: r.grade ? className({ grade: r.grade, letter: r.letter ?? '' }) : null,
      classId: r.class_id,
      snils: r.snils,
      guardians: r.guardians ?? '',
      eServiceRefused: r.refused === 1,
    })),
  };
}

export function getStudent(ctx: Ctx, id: string): StudentDetails {
  const { db } = ctx;
  const s = db.first(
    db.q.selectFrom('student as s').leftJoin('school_class as c', 'c.id', 's.class_id').selectAll('s').select(['c.grade', 'c.letter']).where('s.id', '=', id).where('s.deleted_at', 'is', null),
  );
  if (!s) throw notFound('Ученик');
  const guardians: GuardianDetails[] = db
    .all(
      db.q
        .selectFrom('student_guardian as sg')
        .innerJoin('guardian as g', 'g.id', 'sg.guardian_id')
        .selectAll('g')
        .select('sg.relation')
        .where('sg.student_id', '=', id)
        .where('sg.deleted_at', 'is', null)
        .where('g.deleted_at', 'is', null)
        .orderBy('sg.created_at'),
    )
    .map((g) => ({
      id: g.id,
      lastName: g.last_name,
      firstName: g.first_name,
      middleName: g.middle_name,
      relation: g.relation,
      phone: g.phone,
      email: g.email,
      pdConsentDate: g.pd_consent_date,
      eServiceRefused: g.e_service_refused === 1,
    }));
  return {
    id: s.id,
    lastName: s.last_name,
    firstName: s.first_name,
    middleName: s.middle_name,
    birthDate: s.birth_date,
    gender: s.gender,
    snils: s.snils,
    classId: s.class_id,
    className: s.grade ? className({ grade: s.grade, letter: s.letter ?? '' }) : null,
    classSince:
      db.first(db.q.selectFrom('class_membership').select('date_from').where('student_id', '=', id).where('deleted_at', 'is', null).where('date_to', 'is', null))?.date_from ?? null,
    address: s.address,
    personalFileNo: s.personal_file_no,
    guardians,
  };
}

export function saveStudent(ctx: Ctx, i: OpParsed<'students.save'>): StudentDetails {
  const { db } = ctx;
  const problems: Problem[] = [];
  const c = checkContacts({ snils: i.snils }, problems);
  const today = todayOf(ctx);
  if (i.birthDate > today) problems.push({ column: 'Дата рождения', message: 'Дата рождения в будущем' });
  // The same representative twice: the same card, or the same full name.
  const seenGuardians = new Set<string>();
  i.guardians.forEach((g, idx) => {
    const keys = [`name:${ruFold([g.lastName, g.firstName, g.middleName ?? ''].join(' '))}`, ...(g.id ? [`id:${g.id}`] : [])];
    if (keys.some((k) => seenGuardians.has(k)))
      problems.push({ row: idx + 1, column: `Представитель ${idx + 1}`, message: `Представитель «${g.lastName} ${g.firstName}${g.middleName ? ` ${g.middleName}` : ''}» указан дважды` });
    for (const k of keys) seenGuardians.add(k);
  });
  const guardians = i.guardians.map((g, idx) => {
    const gp: Problem[] = [];
    const gc = checkContacts({ phone: g.phone, email: g.email }, gp);
    // Named as people say it: «Не удалось распознать телефон «123» у Ивановой Анны Петровны»; the
    // column is the card's field (guardians.0.phone), shown next to it.
    const who = declineName(g, 'genitive');
    problems.push(...gp.map((p) => ({ column: `guardians.${idx}.${GUARDIAN_FIELD[p.column ?? ''] ?? 'phone'}`, message: `${p.message} у ${who}` })));
    return { ...g, phone: gc.phone, email: gc.email };
  });
  if (problems.length) throw invalid(problems[0]!.message, problems);
  const id = act(ctx, (w) => {
    // Deciding reads inside the transaction (issue 9): the class and the СНИЛС as they are now.
    if (i.classId && !db.first(db.q.selectFrom('school_class').select('id').where('id', '=', i.classId).where('deleted_at', 'is', null))) throw notFound('Класс');
    if (c.snils) {
      const same = db.first(db.q.selectFrom('student').select('id').where('snils', '=', c.snils).where('deleted_at', 'is', null));
      if (same && same.id !== i.id) throw invalid(`Ученик со СНИЛС ${c.snils} уже есть в школе`, [{ column: 'СНИЛС', message: `Ученик со СНИЛС ${c.snils} уже есть в школе` }]);
    }
    const values = studentRow({ ...i, snils: c.snils });
    let studentId: string;
    if (i.id) {
      if (!db.first(db.q.selectFrom('student').select('id').where('id', '=', i.id).where('deleted_at', 'is', null))) throw notFound('Ученик');
      // Issue 9: a change of class closes the old membership on the day of the move and opens the new one
      // (and, R4, leaves the old class's subgroups: 'subgroups.pending' asks where to put the student).
      // Issue 12: a move to another class (not a correction) is made by a signed «О переводе в другой класс».
      const date = i.classFrom ?? todayOf(ctx);
      const orderId = orderForCardMove(ctx, w, i.id, i.classId ?? null, date);
      studentId = updateStudent(ctx, w, i.id, values, { classId: i.classId ?? null, date, orderId }).id;
    } else {
      const from = i.classFrom ?? todayOf(ctx);
      if (from > todayOf(ctx)) throw invalid('Дата зачисления в класс ещё не наступила', [{ column: 'classFrom', message: 'Дата зачисления в класс ещё не наступила' }]);
      studentId = insertStudents(w, [{ ...values, class_id: i.classId ?? null, birth_certificate: null }], from)[0]!.id;
    }
    const links = db.all(db.q.selectFrom('student_guardian').selectAll().where('student_id', '=', studentId).where('deleted_at', 'is', null));
    const kept = new Set<string>();
    for (const g of guardians) {
      const gv = guardianRow(g);
      const link = g.id ? links.find((l) => l.guardian_id === g.id) : undefined;
      if (link) {
        w.update('guardian', link.guardian_id, gv);
        w.update('student_guardian', link.id, { relation: g.relation });
        kept.add(link.id);
      } else {
        const guardianId = w.insert('guardian', gv).id;
        w.insert('student_guardian', { student_id: studentId, guardian_id: guardianId, relation: g.relation });
      }
    }
    for (const l of links) if (!kept.has(l.id)) w.remove('student_guardian', l.id);
    return studentId;
  });
  return getStudent(ctx, id);
}

export function removeStudent(ctx: Ctx, id: string): void {
  const { db } = ctx;
  act(ctx, (w) => {
    if (!db.first(db.q.selectFrom('student').select('id').where('id', '=', id))) throw notFound('Ученик');
    const today = todayOf(ctx);
    leaveAllGroups(ctx, w, id, today);
    closeMemberships(ctx, w, id, today);
    w.remove('student', id);
  });
}
