// Academic debts (issue 15 point 2; R24; 273-ФЗ art. 58) on the demo school (2026/2027) with the
// year's marks as sync brings them: three students of a 7th grade with a «2» at the attestation in
// one subject and one with «н/а» in another. One clears the debt at the first retake, one at the
// second before the commission, one does not (the decision recorded); every refusal of the rules
// changes nothing; a deputy (parallels 5–9) changes the 7th grade's debts and not the 10th's; the
// notice, the schedule and the commission's protocol as PDF (qpdf, pdffonts, pdftotext, pdftoppm).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import type { Ctx } from '../../electron/core/context';
import type { OpInput, OpName } from '../../electron/api/contract';
import type { DebtRow } from '../../electron/api/debts';
import type { ExportedFile } from '../../electron/api/common';
import { demoCore } from '../support/core';
import { seedYearMarks } from '../support/yearMarks';
import { resultBytes } from '../support/files';

const ART = join(import.meta.dirname, '../artifacts/year-debts');
let today = '2027-06-01';
/** Moves the app's clock (the sessions count it as activity: no lock after «inactivity»). */
function setToday(d: string) {
  today = d;
  for (const c of [t.ctx, deputy]) c.session.lastActivity = Date.parse(`${d}T09:00:00Z`);
}
let t: Awaited<ReturnType<typeof demoCore>>;
let deputy: Ctx;
let yearId = '';
const id = { c7: '', c7b: '', c10: '', A: '', B: '', C: '', D: '', E: '', math: '', other: '', s10: '', s10b: '', unplanned: '' };
const name = { A: '', B: '', C: '', D: '', E: '', math: '' };
const debt = { A: '', B: '', C: '', D: '', E: '' };
let staff: string[] = [];

const all = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).all(...p) as R[];
const one = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).get(...p) as R;
const debtsDigest = () => JSON.stringify(all('SELECT * FROM academic_debt ORDER BY id'));

/** Refused with a message matching `message` (and a problem in `column`), nothing changed. */
async function refused<N extends OpName>(op: N, input: OpInput<N>, message: RegExp, column?: string, ctx: Ctx = t.ctx) {
  const before = debtsDigest();
  const r = await dispatch(ctx, op, input);
  expect(r.ok, `${op} should be refused: ${message}`).toBe(false);
  if (r.ok) return;
  expect(r.error.message).toMatch(message);
  if (column) expect(r.error.problems?.map((p) => p.column)).toContain(column);
  expect(debtsDigest()).toBe(before);
}

const row = async (debtId: string): Promise<DebtRow> => (await t.call('debts.list', { yearId })).rows.find((r) => r.id === debtId)!;
const save = (debtId: string, patch: Partial<OpInput<'debts.save'>>): OpInput<'debts.save'> => ({
  id: debtId, firstRetakeOn: null, firstResult: null, secondRetakeOn: null, secondResult: null, commission: [], note: null, ...patch,
});

beforeAll(async () => {
  t = await demoCore(100, () => new Date(`${today}T09:00:00Z`));
  yearId = one<{ id: string }>('SELECT id FROM academic_year').id;
  const cls = (grade: number) => one<{ id: string }>(`SELECT c.id FROM school_class c WHERE c.grade = ? ORDER BY (SELECT count(*) FROM student s WHERE s.class_id = c.id) DESC, c.letter LIMIT 1`, grade).id;
  id.c7 = cls(7);
  id.c10 = cls(10);
  const pupils = (classId: string) =>
    all<{ id: string; n: string }>(`SELECT s.id, s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS n FROM student s WHERE s.class_id = ? ORDER BY s.last_name, s.first_name`, classId);
  const p7 = pupils(id.c7);
  const p10 = pupils(id.c10);
  // Three in one 7th grade, the fourth in the next one (the demo has three students a class).
  id.c7b = one<{ id: string }>(`SELECT id FROM school_class WHERE grade = 7 AND id <> ? ORDER BY letter LIMIT 1`, id.c7).id;
  const p7b = pupils(id.c7b);
  (['A', 'B', 'C'] as const).forEach((k, i) => ((id[k] = p7[i]!.id), (name[k] = p7[i]!.n)));
  id.D = p7b[0]!.id;
  name.D = p7b[0]!.n;
  id.E = p10[0]!.id;
  name.E = p10[0]!.n;
  const attested = (classId: string) =>
    all<{ id: string; name: string }>(
      `SELECT s.id, s.name FROM curriculum_item ci JOIN subject s ON s.id = ci.subject_id WHERE ci.class_id = ? AND ci.hours_per_week > 0 AND s.no_attestation = 0 AND s.grading = 'five_point' AND ci.deleted_at IS NULL ORDER BY s.sort_order`,
      classId,
    );
  const [s1, s2] = attested(id.c7);
  if (attested(id.c7b)[1]!.id !== s2!.id) throw new Error('7th grades with different curricula');
  id.math = s1!.id;
  name.math = s1!.name;
  id.other = s2!.id;
  [id.s10, id.s10b] = attested(id.c10).map((x) => x.id) as [string, string];
  id.unplanned = one<{ id: string }>(`SELECT id FROM subject WHERE id NOT IN (SELECT subject_id FROM curriculum_item WHERE class_id = ? AND hours_per_week > 0) LIMIT 1`, id.c7).id;
  seedYearMarks(t.db, {
    yearId,
    overrides: [
      { studentId: id.A, subjectId: id.math, attestation: '2' },
      { studentId: id.B, subjectId: id.math, attestation: '2' },
      { studentId: id.C, subjectId: id.math, attestation: '2' },
      { studentId: id.D, subjectId: id.other, attestation: 'na' },
      { studentId: id.E, subjectId: id.s10, attestation: '2' },
    ],
  });
  staff = all<{ id: string }>(`SELECT id FROM staff WHERE deleted_at IS NULL ORDER BY last_name LIMIT 4`).map((r) => r.id);
  const dep = t.demo.users.find((u) => u.role === 'deputy')!;
  deputy = { ...t.ctx, session: new Session(false) };
  expect((await dispatch(deputy, 'auth.login', { login: dep.login, password: dep.password })).ok).toBe(true);
  expect((await dispatch(deputy, 'auth.changePassword', { oldPassword: dep.password, newPassword: 'Завуч2027год' })).ok).toBe(true);
  mkdirSync(ART, { recursive: true });
}, 120_000);

afterAll(() => t?.cleanup());

describe('academic debts (issue 15 point 2)', () => {
  it('lists the year’s unsatisfactory attestation marks as candidates: «2» unsatisfactory, «н/а» absent', async () => {
    const c = await t.call('debts.candidates', { yearId });
    const mine = c.filter((x) => [id.A, id.B, id.C, id.D, id.E].includes(x.studentId));
    expect(mine.map((x) => [x.studentId, x.subjectId, x.mark, x.reason])).toEqual(
      expect.arrayContaining([
        [id.A, id.math, '2', 'unsatisfactory'],
        [id.B, id.math, '2', 'unsatisfactory'],
        [id.C, id.math, '2', 'unsatisfactory'],
        [id.D, id.other, 'na', 'absent'],
        [id.E, id.s10, '2', 'unsatisfactory'],
      ]),
    );
    // The seeded marks are 3–5 otherwise: these five are all.
    expect(c).toHaveLength(5);
    expect((await t.call('debts.candidates', { yearId, classId: id.c7 })).map((x) => x.studentId).sort()).toEqual([id.A, id.B, id.C].sort());
  });

  it('records the debts in one call and refuses a duplicate, a student not in a class of the year, a subject not attested', async () => {
    const item = (studentId: string, subjectId: string, reason: 'unsatisfactory' | 'absent' = 'unsatisfactory') => ({ studentId, subjectId, reason, recordedOn: '2027-05-31' });
    const stray = await t.call('students.save', { lastName: 'Бесклассный', firstName: 'Иван', middleName: null, birthDate: '2014-01-01', gender: 'm', snils: null, classId: null, address: null, personalFileNo: null, guardians: [] });
    await refused('debts.record', { yearId, items: [item(id.A, id.math), item(stray.id, id.math)] }, /Бесклассный Иван: в 2026\/2027 учебном году не учится ни в одном классе/, 'studentId');
    await refused('debts.record', { yearId, items: [item(id.A, id.unplanned)] }, /не аттестуется в 7/, 'subjectId');
    await refused('debts.record', { yearId, items: [item(id.A, id.math), item(id.A, id.math)] }, /уже зафиксирована/, 'subjectId');
    await refused('debts.record', { yearId, items: [{ ...item(id.A, id.math), recordedOn: '2027-06-02' }] }, /ещё не наступила/, 'recordedOn');
    await refused('debts.record', { yearId, items: [] }, /хотя бы одну/);
    const r = await t.call('debts.record', { yearId, items: [item(id.A, id.math), item(id.B, id.math), item(id.C, id.math), item(id.D, id.other, 'absent'), item(id.E, id.s10)] });
    expect(r.recorded).toBe(5);
    await refused('debts.record', { yearId, items: [item(id.A, id.math)] }, /уже зафиксирована/, 'subjectId');
    const list = await t.call('debts.list', { yearId });
    for (const k of ['A', 'B', 'C', 'D', 'E'] as const) debt[k] = list.rows.find((x) => x.studentId === id[k])!.id;
    expect(list.counts).toEqual({ open: 5, closed: 0, decided: 0 });
    const a = list.rows.find((x) => x.id === debt.A)!;
    expect(a).toMatchObject({ studentName: name.A, subjectName: name.math, deadline: '2028-05-31', status: 'open', next: 'назначить первую пересдачу' });
    expect(a.className).toMatch(/^7/);
    // Recorded: no candidate left.
    expect(await t.call('debts.candidates', { yearId })).toEqual([]);
  });

  it('filters, searches and sorts the list', async () => {
    const surname = name.B.split(' ')[0]!;
    expect((await t.call('debts.list', { yearId, search: surname.toLowerCase() })).rows.map((r) => r.id)).toContain(debt.B);
    expect((await t.call('debts.list', { yearId, classId: id.c10 })).rows.map((r) => r.id)).toEqual([debt.E]);
    expect((await t.call('debts.list', { yearId, subjectId: id.other })).rows.map((r) => r.id)).toEqual([debt.D]);
    const byStudent = (await t.call('debts.list', { yearId, sort: 'student' })).rows.map((r) => r.studentName);
    expect(byStudent).toEqual([...byStudent].sort((x, y) => x.localeCompare(y, 'ru')));
    const desc = (await t.call('debts.list', { yearId, sort: 'class', desc: true })).rows;
    expect(desc[0]!.id).toBe(debt.E);
  });

  it('closes a debt at the first retake; a result before its day is refused', async () => {
    await refused('debts.save', save(debt.A, { firstRetakeOn: '2027-06-10', firstResult: '4' }), /ещё не прошла/, 'firstResult');
    await refused('debts.save', save(debt.A, { firstRetakeOn: '2027-05-31' }), /после дня возникновения/, 'firstRetakeOn');
    await refused('debts.save', save(debt.A, { firstRetakeOn: '2028-06-01' }), /не позже 31\.05\.2028/, 'firstRetakeOn');
    await refused('debts.save', save(debt.A, { firstResult: '4' }), /укажите дату/, 'firstRetakeOn');
    const planned = await t.call('debts.save', save(debt.A, { firstRetakeOn: '2027-06-10' }));
    expect(planned).toMatchObject({ status: 'open', next: 'первая пересдача 10.06.2027', nextRetakeOn: '2027-06-10' });
    setToday('2027-06-15');
    expect((await row(debt.A)).next).toBe('внести результат первой пересдачи');
    const done = await t.call('debts.save', save(debt.A, { firstRetakeOn: '2027-06-10', firstResult: '4' }));
    expect(done).toMatchObject({ status: 'closed', firstResult: '4', next: null, canDecide: false });
    // No second retake once cleared (nor a third ever: two fields only).
    await refused('debts.save', save(debt.A, { firstRetakeOn: '2027-06-10', firstResult: '4', secondRetakeOn: '2027-09-15' }), /вторая пересдача не нужна/, 'secondRetakeOn');
    await refused('debts.decide', { id: debt.A, decision: 'repeat', decidedOn: '2027-06-15' }, /ликвидирована/);
  });

  it('closes a debt at the second retake before a commission of three; the rules of the second retake', async () => {
    await refused('debts.save', save(debt.B, { secondRetakeOn: '2027-09-15', commission: staff.slice(0, 3) }), /только после первой/, 'secondRetakeOn');
    await t.call('debts.save', save(debt.B, { firstRetakeOn: '2027-06-10', firstResult: '2' }));
    expect((await row(debt.B)).next).toBe('назначить вторую пересдачу');
    await refused('debts.decide', { id: debt.B, decision: 'repeat', decidedOn: '2027-06-15' }, /обе пересдачи не сданы/, 'decision');
    const first = { firstRetakeOn: '2027-06-10', firstResult: '2' as const };
    await refused('debts.save', save(debt.B, { ...first, secondRetakeOn: '2027-06-09' }), /после первой \(10\.06\.2027\)/, 'secondRetakeOn');
    await refused('debts.save', save(debt.B, { ...first, secondRetakeOn: '2028-06-01' }), /не позже 31\.05\.2028/, 'secondRetakeOn');
    await refused('debts.save', save(debt.B, { ...first, secondRetakeOn: '2027-09-15', commission: staff.slice(0, 2) }), /не менее 3 человек/, 'commission');
    await refused('debts.save', save(debt.B, { ...first, secondRetakeOn: '2027-09-15', commission: [staff[0]!, staff[1]!, staff[0]!] }), /указан дважды/);
    await refused('debts.save', save(debt.B, { ...first, secondRetakeOn: '2027-09-15', commission: [...staff.slice(0, 2), '01900000-0000-7000-8000-000000000000'] }), /сотрудник не найден/, 'commission');
    const planned = await t.call('debts.save', save(debt.B, { ...first, secondRetakeOn: '2027-09-15' }));
    expect(planned.next).toBe('назначить комиссию');
    await refused('debts.save', save(debt.B, { ...first, secondRetakeOn: '2027-09-15', secondResult: '3', commission: staff.slice(0, 3) }), /ещё не прошла/, 'secondResult');
    setToday('2027-09-20');
    await refused('debts.save', save(debt.B, { ...first, secondRetakeOn: '2027-09-15', secondResult: '3' }), /перед комиссией/, 'commission');
    const done = await t.call('debts.save', save(debt.B, { ...first, secondRetakeOn: '2027-09-15', secondResult: '3', commission: staff.slice(0, 3), note: 'контрольная работа' }));
    expect(done).toMatchObject({ status: 'closed', secondResult: '3', note: 'контрольная работа' });
    expect(done.commission.map((m) => m.id)).toEqual(staff.slice(0, 3));
  });

  it('leaves a debt failed twice open for the decision, records it, refuses retakes after it, and undoes it', async () => {
    const retakes = { firstRetakeOn: '2027-06-11', firstResult: '2' as const, secondRetakeOn: '2027-09-15', secondResult: '2' as const, commission: [staff[3]!, ...staff.slice(0, 2)] };
    const failed = await t.call('debts.save', save(debt.C, retakes));
    expect(failed).toMatchObject({ status: 'open', next: 'принять решение', canDecide: true });
    await refused('debts.decide', { id: debt.C, decision: 'repeat', decidedOn: '2027-09-14' }, /не раньше 15\.09\.2027/, 'decidedOn');
    await refused('debts.decide', { id: debt.C, decision: 'repeat', decidedOn: '2027-09-21' }, /ещё не наступила/, 'decidedOn');
    const decided = await t.call('debts.decide', { id: debt.C, decision: 'repeat', decidedOn: '2027-09-18' });
    expect(decided).toMatchObject({ status: 'decided', decision: 'repeat', decidedOn: '2027-09-18', next: null });
    await refused('debts.save', save(debt.C, { ...retakes, secondResult: '3' }), /сначала отмените решение/);
    await refused('debts.decide', { id: debt.C, decision: 'adapted', decidedOn: '2027-09-18' }, /уже принято/);
    await refused('debts.remove', { id: debt.C }, /только задолженность без пересдач/);
    expect(await t.call('debts.undecide', { id: debt.C })).toMatchObject({ status: 'open', decision: null });
    await t.call('debts.decide', { id: debt.C, decision: 'individual', decidedOn: '2027-09-18' });
    expect((await t.call('debts.list', { yearId })).counts).toEqual({ open: 2, closed: 2, decided: 1 });
  });

  it('lets the decision be taken when the year has passed without the retakes; removes a debt recorded by mistake', async () => {
    expect((await row(debt.D)).canDecide).toBe(false);
    setToday('2028-06-01');
    expect(await row(debt.D)).toMatchObject({ canDecide: true, next: 'срок истёк — принять решение' });
    setToday('2027-09-20');
    await refused('debts.remove', { id: debt.B }, /только задолженность без пересдач/);
    await t.call('debts.remove', { id: debt.D });
    expect((await t.call('debts.list', { yearId })).rows.map((r) => r.id)).not.toContain(debt.D);
    await refused('debts.remove', { id: debt.D }, /не найдена/);
  });

  it('lets a deputy change the debts of their parallels only', async () => {
    const list = await dispatch(deputy, 'debts.list', { yearId });
    expect(list.ok).toBe(true);
    if (list.ok) {
      const rows = (list.result as { rows: DebtRow[] }).rows;
      expect(rows.find((r) => r.id === debt.E)!.editable).toBe(false);
      expect(rows.find((r) => r.id === debt.C)!.editable).toBe(true);
    }
    await refused('debts.save', save(debt.E, { firstRetakeOn: '2027-06-10' }), /Вы отвечаете за параллели 5–9, класс 10\S* к ним не относится/, undefined, deputy);
    await refused('debts.record', { yearId, items: [{ studentId: id.E, subjectId: id.s10b, reason: 'unsatisfactory', recordedOn: '2027-05-31' }] }, /параллели 5–9/, undefined, deputy);
    await refused('debts.remove', { id: debt.E }, /параллели 5–9/, undefined, deputy);
    // The 7th grade's debts are the deputy's: a decided one is refused for the decision only; the decision is undone and taken again.
    await refused('debts.save', save(debt.C, {}), /отмените решение/, undefined, deputy);
    expect((await dispatch(deputy, 'debts.undecide', { id: debt.C })).ok).toBe(true);
    expect((await dispatch(deputy, 'debts.decide', { id: debt.C, decision: 'individual', decidedOn: '2027-09-18' })).ok).toBe(true);
  });

  it('prints the notice, the schedule and the commission’s protocol', async () => {
    const pdf = async (op: 'debts.noticePdf' | 'debts.schedulePdf' | 'debts.protocolPdf', input: object, file: string) => {
      const f = (await t.call(op, input as never)) as ExportedFile;
      const path = join(ART, file);
      writeFileSync(path, resultBytes(t.ctx.session, f));
      execFileSync('qpdf', ['--check', path]);
      expect(execFileSync('pdffonts', [path], { encoding: 'utf8' })).toMatch(/PTSerif-Regular\S*\s+CID TrueType\s+Identity-H\s+yes/);
      return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    };
    const notice = await pdf('debts.noticePdf', { yearId, classId: id.c7 }, 'notice.pdf');
    expect(notice).toMatch(/Уведомление родителям \(законным представителям\) об\s+академической задолженности/);
    // Only open debts: D removed, A, B closed, C decided — none in 7th grade; the 10th grade's E.
    expect(notice).toContain('Нет обучающихся');
    const noticeE = await pdf('debts.noticePdf', { yearId, studentIds: [id.E] }, 'notice-e.pdf');
    expect(noticeE).toContain(name.E);
    expect(noticeE).toMatch(/переводятся в следующий класс условно/);
    expect(noticeE).toContain('С уведомлением ознакомлен(а)');
    expect(noticeE).toMatch(/Лист 1 из 1/);
    const schedule = await pdf('debts.schedulePdf', { yearId, from: '2027-06-01', to: '2027-09-30' }, 'schedule.pdf');
    expect(schedule).toMatch(/График ликвидации академической\s+задолженности/);
    for (const k of ['A', 'B', 'C'] as const) expect(schedule).toContain(name[k].split(' ')[0]!);
    expect(schedule).toContain('15.09.2027');
    const protocol = await pdf('debts.protocolPdf', { yearId, subjectId: id.math, date: '2027-09-15' }, 'protocol.pdf');
    expect(protocol).toMatch(/Протокол повторной промежуточной\s+аттестации/);
    expect(protocol).toContain(name.B);
    expect(protocol).toContain(name.C);
    expect(protocol).toContain('задолженность ликвидирована');
    expect(protocol).toContain('задолженность не ликвидирована');
    expect(protocol).toContain('Председатель комиссии');
    expect(protocol).toContain('контрольная работа');
    const chair = one<{ last_name: string }>('SELECT last_name FROM staff WHERE id = ?', staff[0]).last_name;
    expect(protocol).toContain(chair);
    expect(protocol.match(/Член комиссии/g)!.length).toBeGreaterThanOrEqual(3);
    execFileSync('pdftoppm', ['-png', '-r', '60', join(ART, 'protocol.pdf'), join(ART, 'protocol')]);
    execFileSync('pdftoppm', ['-png', '-r', '60', join(ART, 'notice-e.pdf'), join(ART, 'notice')]);
    execFileSync('pdftoppm', ['-png', '-r', '60', join(ART, 'schedule.pdf'), join(ART, 'schedule')]);
    await refused('debts.protocolPdf', { yearId, id: debt.E } as never, /вторую пересдачу/);
  });
});
