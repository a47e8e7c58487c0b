// Issue 8: the secretary keeps the contingent with the parents and registers correction requests;
// correcting the data and marking a request corrected stays the administrator's (R26). Telling the
// reporter is the office's: the secretary who took the report may mark it.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { OpInput, OpName } from '../../electron/api/contract';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import type { Ctx } from '../../electron/core/context';
import type { CorrectionRequest, StudentDetails } from '../../electron/api/types';
import { tempCore } from '../support/core';

let t: Awaited<ReturnType<typeof tempCore>>;
let secretary: Ctx;
let classId: string;
const changes = () => (t.db.raw.prepare('SELECT (SELECT count(*) FROM sync_change) + (SELECT count(*) FROM audit_log) AS n').get() as { n: number }).n;
async function as<N extends OpName>(name: N, input: OpInput<N>) {
  return dispatch(secretary, name, input);
}

beforeAll(async () => {
  t = await tempCore(() => new Date('2026-09-02T09:00:00Z'));
  await t.call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
  classId = (await t.call('classes.save', { grade: 1, letter: 'А', shift: 1 })).id;
  const card = await t.call('staff.save', {
    lastName: 'Орлова', firstName: 'Нина', middleName: 'Петровна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
    position: 'Секретарь учебной части', roles: ['secretary'], deputyGrades: [], subjects: [], rateHours: 40,
  });
  const { password } = await t.call('users.save', { staffId: card.id, login: 'orlova', role: 'secretary', deputyGrades: [] });
  secretary = { ...t.ctx, session: new Session(false) };
  expect((await dispatch(secretary, 'auth.login', { login: 'orlova', password: password! })).ok).toBe(true);
}, 120_000);
afterAll(() => t?.cleanup());

describe('the secretary', () => {
  it('enrols a first-grader with two parents, and edits them', async () => {
    const guardian = (lastName: string, firstName: string, middleName: string, relation: string, phone: string) => ({
      lastName, firstName, middleName, relation, phone, email: null, pdConsentDate: '2026-08-20', eServiceRefused: false,
    });
    const saved = await as('students.save', {
      lastName: 'Сергеев', firstName: 'Артём', middleName: 'Ильич', birthDate: '2019-05-12', gender: 'm', snils: null, classId, address: 'ул. Школьная, 7', personalFileNo: 'С-12',
      guardians: [guardian('Сергеева', 'Анна', 'Викторовна', 'мать', '+7 916 123-45-67'), guardian('Сергеев', 'Илья', 'Петрович', 'отец', '8 (903) 765-43-21')],
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const s = saved.result as StudentDetails;
    const got = await as('students.get', { id: s.id });
    if (!got.ok) throw new Error(got.error.message);
    const back = got.result as StudentDetails;
    expect(back).toMatchObject({ lastName: 'Сергеев', className: '1А', personalFileNo: 'С-12' });
    expect(back.guardians.map((g) => [g.lastName, g.firstName, g.relation, g.phone])).toEqual([
      ['Сергеева', 'Анна', 'мать', '+7 (916) 123-45-67'],
      ['Сергеев', 'Илья', 'отец', '+7 (903) 765-43-21'],
    ]);
    // A new phone of the mother, the father unchanged.
    const edited = await as('students.save', { ...back, guardians: back.guardians.map((g, i) => (i === 0 ? { ...g, phone: '+7 916 000-00-01' } : g)) });
    if (!edited.ok) throw new Error(edited.error.message);
    expect((edited.result as StudentDetails).guardians.map((g) => g.phone)).toEqual(['+7 (916) 000-00-01', '+7 (903) 765-43-21']);
    const log = await t.call('audit.search', { actor: 'orlova', entity: 'guardian' });
    expect(log.total).toBe(3); // two added, one changed: in her name
  });

  it('registers a correction request and sees the register, but cannot mark it corrected; tells the reporter once it is', async () => {
    const r = await as('corrections.save', {
      reportedAt: '2026-09-02T08:30:00Z', reporter: 'Сергеева Анна Викторовна (мать)', reporterContact: '+7 916 000-00-01', description: 'В карточке ученика 1А неверная дата рождения',
    });
    if (!r.ok) throw new Error(r.error.message);
    const request = r.result as CorrectionRequest;
    const list = await as('corrections.list', { onlyOpen: true });
    expect(list.ok && (list.result as CorrectionRequest[]).map((x) => x.id)).toEqual([request.id]);

    const before = changes();
    const mark = await as('corrections.markCorrected', { id: request.id, resolution: 'Исправлено' });
    expect(mark.ok ? 'allowed' : mark.error.message).toBe('Недостаточно прав: раздел «Исправление ошибок в данных» нельзя изменять для роли «Секретарь».');
    expect(changes()).toBe(before);

    await t.call('corrections.markCorrected', { id: request.id, resolution: 'Дата рождения исправлена по свидетельству' });
    const told = await as('corrections.markNotified', { id: request.id });
    expect(told.ok && (told.result as CorrectionRequest).reporterNotifiedAt).toBe('2026-09-02T09:00:00.000Z');
    const line = (await t.call('audit.search', { entity: 'correction_request', entityId: request.id })).rows;
    expect(line.map((e) => e.actor)).toEqual(['orlova', 'admin', 'orlova']);
  });
});
