// Forming the first grades through the API (issue 12 point 2; acceptance: 120 children into 1А–1Д,
// sizes within 1, gender within 2 per class, pairs kept): propose, apply (the missing classes made,
// one transaction), move, pairs; who may do it (the area `contingent`: the secretary changes,
// deputies view). Real SQLite, the core served in-process with real sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpInput, OpName } from '../../electron/api/contract';
import type { FormationBoard, FormationProposal } from '../../electron/api/formation';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import type { Ctx } from '../../electron/core/context';
import { tempCore } from '../support/core';
import { cohortOf, insertApplications, insertPair } from './cohort';

let t: Awaited<ReturnType<typeof tempCore>>;
let yearId: string;
let ids: string[];
let secretary: Ctx;
let deputy: Ctx;
const LETTERS = ['А', 'Б', 'В', 'Г', 'Д'];
const rowCount = (sql: string, ...args: unknown[]) => (t.db.raw.prepare(sql).get(...args) as { n: number }).n;
const mutations = () => rowCount('SELECT count(*) AS n FROM sync_change');

async function login(login: string, role: 'secretary' | 'deputy'): Promise<Ctx> {
  const u = await t.call('users.save', { login, displayName: role === 'secretary' ? 'Орлова Нина Петровна' : 'Зайцева Ирина Львовна', role, deputyGrades: role === 'deputy' ? [1, 2, 3, 4] : [] });
  const ctx: Ctx = { ...t.ctx, session: new Session(false) };
  const r = await dispatch(ctx, 'auth.login', { login, password: u.password! });
  expect(r.ok).toBe(true);
  const np = 'НовыйПароль2026';
  expect((await dispatch(ctx, 'auth.changePassword', { oldPassword: u.password!, newPassword: np })).ok).toBe(true);
  return ctx;
}

async function as<N extends OpName>(ctx: Ctx, name: N, input: OpInput<N>) {
  return dispatch(ctx, name, input);
}

function spread(xs: number[]) {
  return Math.max(...xs) - Math.min(...xs);
}

function checkBalanced(classes: { size: number; boys: number; girls: number; meanAge: number | null }[]) {
  expect(spread(classes.map((c) => c.size))).toBeLessThanOrEqual(1);
  for (const c of classes) expect(Math.abs(c.boys - c.girls), `${c.boys} boys, ${c.girls} girls`).toBeLessThanOrEqual(2);
  expect(spread(classes.map((c) => c.boys))).toBeLessThanOrEqual(2);
  expect(spread(classes.map((c) => c.girls))).toBeLessThanOrEqual(2);
  expect(spread(classes.map((c) => c.meanAge!))).toBeLessThan(0.1);
}

beforeAll(async () => {
  t = await tempCore(() => new Date('2026-06-15T09:00:00Z'));
  await t.call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  yearId = (await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }))).id;
  // 1А and 1Б exist already (made in setup); 1В–1Д are made by apply.
  await t.call('classes.createMany', { gradeFrom: 1, gradeTo: 1, letters: ['А', 'Б'], shift: 1 });
  ids = insertApplications(t.db, yearId, cohortOf(120));
  // Not of the cohort: an application whose status does not allow enrollment.
  insertApplications(t.db, yearId, cohortOf(3, 9), { enrollable: false, firstNumber: 500 });
  secretary = await login('orlova', 'secretary');
  deputy = await login('zaitseva', 'deputy');
}, 120_000);
afterAll(() => t?.cleanup());

describe('formation: 120 children into 1А–1Д', () => {
  let proposal: FormationProposal;
  let board: FormationBoard;

  it('the board shows the cohort unplanned before anything is formed (not the refused application)', async () => {
    const b = await t.call('formation.board');
    expect(b.unplanned).toHaveLength(120);
    expect(b.total).toMatchObject({ size: 120, boys: 60, girls: 60 });
    expect(b.classes.map((c) => c.name)).toEqual(['1А', '1Б']);
    expect(b.ageOn).toBe('2026-09-01');
  });

  it('proposes five classes: sizes within 1, gender within 2 per class, ages alike, pairs kept; nothing written', async () => {
    insertPair(t.db, ids[0]!, ids[1]!, true); // a boy and a girl together (twins)
    insertPair(t.db, ids[2]!, ids[4]!, true);
    insertPair(t.db, ids[4]!, ids[6]!, true); // three boys together
    insertPair(t.db, ids[10]!, ids[11]!, false);
    insertPair(t.db, ids[12]!, ids[14]!, false);
    const before = mutations();
    proposal = await t.call('formation.propose', { count: 5 });
    expect(mutations()).toBe(before);
    expect(proposal.classes.map((c) => c.name)).toEqual(['1А', '1Б', '1В', '1Г', '1Д']);
    expect(proposal.classes.map((c) => c.size)).toEqual([24, 24, 24, 24, 24]);
    expect(proposal.classes.filter((c) => c.classId).map((c) => c.name)).toEqual(['1А', '1Б']);
    checkBalanced(proposal.classes);
    const classOf = new Map(proposal.classes.flatMap((c) => c.children.map((k) => [k.id, c.name] as const)));
    expect(classOf.size).toBe(120);
    expect(classOf.get(ids[0]!)).toBe(classOf.get(ids[1]!));
    expect(classOf.get(ids[2]!)).toBe(classOf.get(ids[6]!));
    expect(classOf.get(ids[10]!)).not.toBe(classOf.get(ids[11]!));
    expect(classOf.get(ids[12]!)).not.toBe(classOf.get(ids[14]!));
    expect(proposal.problems).toEqual([]);
    // Deterministic: the same again; another variant differs.
    expect(await t.call('formation.propose', { count: 5 })).toEqual(proposal);
    const other = await t.call('formation.propose', { count: 5, seed: 2 });
    expect(other.classes.map((c) => c.children.map((k) => k.id))).not.toEqual(proposal.classes.map((c) => c.children.map((k) => k.id)));
  });

  it('apply writes the planned classes in one transaction and makes 1В–1Д', async () => {
    const before = rowCount('SELECT count(*) AS n FROM sync_mutation');
    board = await t.call('formation.apply', { classes: proposal.classes.map((c) => ({ letter: c.letter, applicationIds: c.children.map((k) => k.id) })) });
    expect(rowCount('SELECT count(*) AS n FROM sync_mutation')).toBe(before + 1);
    expect(board.classes.map((c) => c.name)).toEqual(['1А', '1Б', '1В', '1Г', '1Д']);
    expect(board.unplanned).toEqual([]);
    checkBalanced(board.classes);
    expect(board.problems).toEqual([]);
    for (const c of board.classes) {
      const planned = t.db.raw.prepare('SELECT id FROM enrollment_application WHERE planned_class_id = ? ORDER BY id').all(c.id) as { id: string }[];
      expect(planned.map((r) => r.id)).toEqual(proposal.classes.find((p) => p.letter === c.letter)!.children.map((k) => k.id).sort());
    }
    const made = t.db.raw.prepare(`SELECT letter, shift FROM school_class WHERE year_id = ? AND grade = 1 AND deleted_at IS NULL ORDER BY letter`).all(yearId);
    expect(made).toEqual(LETTERS.map((letter) => ({ letter, shift: 1 })));
    expect((await t.call('classes.list')).filter((c) => c.grade === 1).map((c) => c.name)).toEqual(['1А', '1Б', '1В', '1Г', '1Д']);
  });

  it('apply again changes only what moved; a child left out becomes unplanned', async () => {
    const [a, b] = proposal.classes;
    const moved = a!.children[0]!.id;
    const dropped = a!.children[1]!.id;
    const input = proposal.classes.map((c) => ({ letter: c.letter, applicationIds: c.children.map((k) => k.id).filter((id) => id !== moved && id !== dropped) }));
    input[1]!.applicationIds.push(moved);
    const before = rowCount(`SELECT count(*) AS n FROM sync_change WHERE entity = 'enrollment_application'`);
    board = await t.call('formation.apply', { classes: input });
    expect(rowCount(`SELECT count(*) AS n FROM sync_change WHERE entity = 'enrollment_application'`)).toBe(before + 2);
    expect(board.unplanned.map((c) => c.id)).toEqual([dropped]);
    expect(board.classes.find((c) => c.letter === b!.letter)!.children.some((k) => k.id === moved)).toBe(true);
  });

  it('move puts one child into another class; a move breaking a pair is shown as a problem, not refused', async () => {
    const [a, b] = board.classes;
    const unplanned = board.unplanned[0]!.id;
    board = await t.call('formation.move', { applicationId: unplanned, classId: a!.id });
    expect(board.unplanned).toEqual([]);
    expect(board.classes[0]!.children.some((k) => k.id === unplanned)).toBe(true);
    // ids[0] and ids[1] together: moving one of them apart is reported.
    const twin = ids[0]!;
    const twinClass = board.classes.find((c) => c.children.some((k) => k.id === twin))!;
    const elsewhere = twinClass.id === a!.id ? b! : a!;
    board = await t.call('formation.move', { applicationId: twin, classId: elsewhere.id });
    expect(board.problems).toHaveLength(1);
    expect(board.problems[0]).toMatch(/должны учиться в одном классе, а распределены в 1[А-Д] и 1[А-Д]/);
    board = await t.call('formation.move', { applicationId: twin, classId: twinClass.id });
    expect(board.problems).toEqual([]);
  });

  it('refuses a child not of the cohort, twice in one distribution, or a class not of the first grade', async () => {
    const refusedApp = (t.db.raw.prepare('SELECT id FROM enrollment_application WHERE enrollable = 0 LIMIT 1').get() as { id: string }).id;
    const fifth = await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    const before = mutations();
    const r1 = await as(secretary, 'formation.apply', { classes: [{ letter: 'А', applicationIds: [refusedApp] }] });
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error.message).toContain('не из числа зачисляемых в 1-й класс');
    const r2 = await as(secretary, 'formation.apply', { classes: [{ letter: 'А', applicationIds: [ids[5]!] }, { letter: 'Б', applicationIds: [ids[5]!] }] });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.message).toMatch(/указан в двух классах/);
    const r3 = await as(secretary, 'formation.move', { applicationId: ids[5]!, classId: fifth.id });
    expect(r3.ok).toBe(false);
    const r4 = await as(secretary, 'formation.propose', { count: 3, letters: ['А', 'Б'] });
    expect(r4.ok).toBe(false);
    if (!r4.ok) expect(r4.error.message).toBe('Литер указано 2, а классов 3: укажите по одной литере на класс');
    const r5 = await as(secretary, 'formation.apply', { classes: [{ letter: 'A', applicationIds: [] }] });
    expect(r5.ok).toBe(false);
    if (!r5.ok) expect(r5.error.message).toContain('латиницей');
    expect(mutations()).toBe(before);
  });

  it('pairs: saved, the same two again changes the rule, removed', async () => {
    const p = await t.call('formation.pairs.save', { firstId: ids[20]!, secondId: ids[21]!, together: true });
    expect(p).toMatchObject({ firstId: ids[20], secondId: ids[21], together: true });
    expect(p.firstName).toBe(board.classes.flatMap((c) => c.children).find((k) => k.id === ids[20])!.fullName);
    const again = await t.call('formation.pairs.save', { firstId: ids[21]!, secondId: ids[20]!, together: false });
    expect(again.id).toBe(p.id);
    expect(again.together).toBe(false);
    const same = await as(secretary, 'formation.pairs.save', { firstId: ids[20]!, secondId: ids[20]!, together: true });
    expect(same.ok).toBe(false);
    if (!same.ok) expect(same.error.problems?.[0]?.message ?? same.error.message).toContain('двух разных детей');
    await t.call('formation.pairs.remove', { id: p.id });
    expect((await t.call('formation.board')).pairs.some((x) => x.id === p.id)).toBe(false);
  });

  it('a constraint that cannot hold is reported in the proposal', async () => {
    // ids[0] with ids[1] together, then ids[0] apart from ids[1]'s partner chain: 0–1 together, 1–3 together, 0–3 apart.
    const a = await t.call('formation.pairs.save', { firstId: ids[1]!, secondId: ids[3]!, together: true });
    const b = await t.call('formation.pairs.save', { firstId: ids[0]!, secondId: ids[3]!, together: false });
    const p = await t.call('formation.propose', { count: 5 });
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatch(/должны учиться в разных классах, а оба в 1[А-Д]/);
    const small = await t.call('formation.propose', { count: 2, sizes: [30, 30] });
    expect(small.problems.some((x) => x.startsWith('Мест в классах (60) меньше, чем детей (120): не распределено 60 детей'))).toBe(true);
    await t.call('formation.pairs.remove', { id: a.id });
    await t.call('formation.pairs.remove', { id: b.id });
  });
});

describe('formation: who may', () => {
  it('the secretary forms the classes; a deputy sees the board and proposals but changes nothing', async () => {
    const b = await as(secretary, 'formation.board', {});
    expect(b.ok).toBe(true);
    const moved = await as(secretary, 'formation.move', { applicationId: ids[7]!, classId: null });
    expect(moved.ok).toBe(true);
    expect((await as(deputy, 'formation.board', {})).ok).toBe(true);
    expect((await as(deputy, 'formation.propose', { count: 5 })).ok).toBe(true);
    const before = mutations();
    for (const [name, input] of [
      ['formation.apply', { classes: [{ letter: 'А', applicationIds: [] }] }],
      ['formation.move', { applicationId: ids[7]!, classId: null }],
      ['formation.pairs.save', { firstId: ids[30]!, secondId: ids[31]!, together: true }],
    ] as const) {
      const r = await dispatch(deputy, name, input);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('forbidden');
    }
    expect(mutations()).toBe(before);
  });
});
