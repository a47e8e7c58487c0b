// The generator (electron/core/timetable/generate.ts) on the 1000-student demo school: every card
// placed with no clash by docs/timetable.md (held to an independent pairwise verifier), pinned
// cards and cards outside the scope never move, teachers' unavailable times and room kinds kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCore } from '../support/core';
import { makeDemoCards, demoModel } from './support/demoModel';
import { applyPlacements, teacherWindows, verifyClashes } from './support/verify';
import { generate, type GenerateOutcome } from '../../electron/core/timetable/generate';
import type { ModelCard, TimetableModel } from '../../electron/core/timetable/model';

let core: Awaited<ReturnType<typeof demoCore>>;
let model: TimetableModel;
let full: GenerateOutcome;
/** The demo with the whole timetable placed by the first test. */
let placed: TimetableModel;

const where = (c: ModelCard) => `${c.weekday}:${c.lessonNo}:${c.roomId}`;

beforeAll(async () => {
  core = await demoCore(1000);
  model = demoModel(core.db, makeDemoCards(core.db));
}, 300_000);
afterAll(() => core?.cleanup());

describe('the verifier the generator is held to', () => {
  it('finds a teacher across shifts, a class and its subgroup, a study group pupil, odd against every week', () => {
    const by = (f: (c: ModelCard) => boolean) => model.cards.find(f)!;
    const sg = by((c) => c.studyGroupId !== null);
    const pupil = model.studyGroupStudents.get(sg.studyGroupId!)![0]!;
    const own = by((c) => c.classId === model.studentClass.get(pupil) && c.subgroupId === null);
    const sub = by((c) => c.subgroupId !== null);
    const whole = by((c) => c.classId === sub.classId && c.subgroupId === null);
    const t1 = by((c) => c.shift === 1 && c.teacherId === sg.teacherId && c.id !== sg.id);
    const at = (c: ModelCard, weekday: number, lessonNo: number, extra: Partial<ModelCard> = {}): ModelCard => ({ ...c, weekday, lessonNo, ...extra });
    const kinds = (cards: ModelCard[]) => verifyClashes({ ...model, cards }).map((x) => x.kind).sort();
    // Shift 2's first lesson (13:30) overlaps shift 1's sixth (13:25–14:10), not its fifth.
    expect(sg.shift).toBe(2);
    expect(kinds([at(sg, 1, 1), at(t1, 1, 6)])).toEqual(['teacher']);
    expect(kinds([at(sg, 1, 1), at(t1, 1, 5)])).toEqual([]);
    expect(kinds([at(sg, 2, 1), at(own, 2, 6)])).toEqual(['student']);
    expect(kinds([at(sub, 3, 2), at(whole, 3, 2)])).toContain('class');
    expect(kinds([at(whole, 4, 3, { weeks: 'odd' }), at(whole, 4, 3, { id: 'x', weeks: 'even' })])).toEqual([]);
    expect(kinds([at(whole, 4, 3, { weeks: 'odd' }), at(whole, 4, 3, { id: 'x', weeks: 'every' })])).toEqual(['class', 'room', 'teacher']);
  });
});

describe('the generator on the 1000-student demo', () => {
  it('places every card with no clash and few teachers\' windows', () => {
    expect(model.cards.length).toBeGreaterThan(1000);
    expect(model.cards.every((c) => c.weekday === null)).toBe(true);
    const progress: [number, number][] = [];
    full = generate(model, { scope: { kind: 'all' }, seed: 1, onProgress: (d, t) => progress.push([d, t]) });
    expect(full.unplaced).toEqual([]);
    expect(full.placements.size).toBe(model.cards.length);
    placed = applyPlacements(model, full.placements);
    expect(verifyClashes(placed)).toEqual([]);
    expect(full.teacherWindows).toBe(teacherWindows(placed));
    // Few windows: at most one in twenty teacher-days (the demo reaches none or a few).
    expect(full.teacherWindows).toBeLessThanOrEqual(Math.ceil((new Set(model.cards.map((c) => c.teacherId)).size * model.days) / 20));
    // Progress: from the start to the end, never past the total.
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every(([d, t]) => d >= 0 && d <= t)).toBe(true);
    expect(progress[progress.length - 1]![0]).toBe(progress[progress.length - 1]![1]);
    console.log(`generate 1000: ${full.ms} ms, ${full.placements.size} cards, ${full.teacherWindows} teachers' windows`);
  }, 300_000);

  it('with the study groups in the first shift places all but the one lesson that cannot fit, still with no clash', () => {
    const first: TimetableModel = { ...model, cards: model.cards.map((c) => (c.studyGroupId ? { ...c, shift: 1 } : c)) };
    // Why one: some pupils have 36 lessons a week for the 35 first-shift slots.
    const week = first.slots.filter((s) => s.shift === 1).length * first.days;
    const need = new Map<string, number>();
    for (const c of first.cards) {
      const pupils = c.studyGroupId
        ? (first.studyGroupStudents.get(c.studyGroupId) ?? [])
        : c.subgroupId
          ? (first.subgroupStudents.get(c.subgroupId) ?? [])
          : [...first.studentClass].filter(([, k]) => k === c.classId).map(([s]) => s);
      for (const s of pupils) need.set(s, (need.get(s) ?? 0) + 1);
    }
    expect(Math.max(...need.values()) - week).toBe(1);
    const out = generate(first, { scope: { kind: 'all' }, seed: 2, effort: 0.1 });
    expect(out.unplaced).toHaveLength(1);
    expect(verifyClashes(applyPlacements(first, out.placements))).toEqual([]);
  }, 300_000);

  it('rebuilds one parallel: pinned cards and the other parallels stay where they were', () => {
    const grade7 = placed.cards.filter((c) => c.grade === 7);
    const pinned = new Set(grade7.filter((_, i) => i % 7 === 0).map((c) => c.id));
    const before: TimetableModel = { ...placed, cards: placed.cards.map((c) => (pinned.has(c.id) ? { ...c, pinned: true } : c)) };
    const out = generate(before, { scope: { kind: 'grade', grade: 7 }, seed: 3, effort: 0.2 });
    expect(out.unplaced).toEqual([]);
    const moved = [...out.placements.keys()];
    expect(moved.length).toBe(grade7.length - pinned.size);
    const byId = new Map(before.cards.map((c) => [c.id, c]));
    expect(moved.every((id) => byId.get(id)!.grade === 7 && !pinned.has(id))).toBe(true);
    const after = applyPlacements(before, out.placements);
    for (const c of after.cards) if (c.grade !== 7 || pinned.has(c.id)) expect(where(c)).toBe(where(byId.get(c.id)!));
    expect(verifyClashes(after)).toEqual([]);
    // A rebuild, not a copy: some of the parallel's lessons are elsewhere now.
    expect(moved.some((id) => where(after.cards.find((c) => c.id === id)!) !== where(byId.get(id)!))).toBe(true);
  }, 300_000);

  it("rebuilds one teacher's lessons and places only the unplaced ones when asked so", () => {
    const counts = new Map<string, number>();
    for (const c of placed.cards) counts.set(c.teacherId, (counts.get(c.teacherId) ?? 0) + 1);
    const teacherId = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const byTeacher = generate(placed, { scope: { kind: 'teacher', teacherId }, seed: 4, effort: 0.2 });
    expect(byTeacher.unplaced).toEqual([]);
    expect([...byTeacher.placements.keys()].sort()).toEqual(placed.cards.filter((c) => c.teacherId === teacherId).map((c) => c.id).sort());
    expect(verifyClashes(applyPlacements(placed, byTeacher.placements))).toEqual([]);

    // 40 cards taken off the board: only they are placed, every other card stays.
    const off = new Set(placed.cards.filter((_, i) => i % 29 === 0).map((c) => c.id));
    const partial: TimetableModel = { ...placed, cards: placed.cards.map((c) => (off.has(c.id) ? { ...c, weekday: null, lessonNo: null } : c)) };
    const out = generate(partial, { scope: { kind: 'unplaced' }, seed: 5, effort: 0.2 });
    expect(out.unplaced).toEqual([]);
    expect(new Set(out.placements.keys())).toEqual(off);
    expect(verifyClashes(applyPlacements(partial, out.placements))).toEqual([]);
  }, 300_000);

  it("keeps teachers' unavailable times and the rooms a subject needs", () => {
    const teachers = [...new Set(model.cards.map((c) => c.teacherId))].sort().slice(0, 6);
    const inf = [...model.names.subject].find(([, n]) => n === 'Информатика')![0];
    const computers = [...model.rooms].filter(([, r]) => r.kind === 'computer').map(([id]) => id);
    expect(computers.length).toBeGreaterThan(0);
    const constrained: TimetableModel = {
      ...model,
      // A methodical day for three teachers, the first two lessons of Monday and Tuesday for three others.
      unavailable: teachers.flatMap((staffId, i): TimetableModel["unavailable"] =>
        i < 3
          ? [{ staffId, weekday: i + 1, shift: 1, lessonNo: null, reason: 'methodical_day' as const }]
          : [1, 2].flatMap((weekday) => [1, 2].map((lessonNo) => ({ staffId, weekday, shift: 1, lessonNo, reason: 'unavailable' as const }))),
      ),
      subjectRoomKind: new Map([[inf, 'computer']]),
    };
    const out = generate(constrained, { scope: { kind: 'all' }, seed: 6, effort: 0.2 });
    expect(out.unplaced).toEqual([]);
    const after = applyPlacements(constrained, out.placements);
    expect(verifyClashes(after)).toEqual([]);
    // The informatics lessons held in the home rooms went to a computer room (or to none when all were taken).
    const infCards = after.cards.filter((c) => c.subjectId === inf);
    expect(infCards.every((c) => c.roomId === null || computers.includes(c.roomId))).toBe(true);
    expect(infCards.some((c) => c.roomId !== null)).toBe(true);
  }, 300_000);

  it('places double lessons and odd/even-week lessons with no clash', () => {
    // Grade 7: technology as a double lesson (its two hours as one card), geography's two hours as
    // one lesson of the odd weeks and one of the even weeks.
    const tech = [...model.names.subject].find(([, n]) => n === 'Труд (технология)')![0];
    const geo = [...model.names.subject].find(([, n]) => n === 'География')![0];
    const drop = new Set<string>();
    const cards = model.cards.flatMap((c): ModelCard[] => {
      if (drop.has(c.id)) return [];
      if (c.grade !== 7) return [c];
      const twin = model.cards.find((o) => o.id !== c.id && o.subjectId === c.subjectId && o.classId === c.classId && o.subgroupId === c.subgroupId && !drop.has(o.id));
      if (c.subjectId === tech && twin) {
        drop.add(twin.id);
        return [{ ...c, duration: 2 }];
      }
      if (c.subjectId === geo && twin) {
        drop.add(twin.id);
        return [{ ...c, weeks: 'odd' }, { ...twin, weeks: 'even' }];
      }
      return [c];
    });
    const fortnight: TimetableModel = { ...model, fortnight: true, cards };
    const doubles = cards.filter((c) => c.duration === 2).length;
    const odd = cards.filter((c) => c.weeks === 'odd').length;
    expect(doubles).toBeGreaterThan(0);
    expect(odd).toBeGreaterThan(0);
    const out = generate(fortnight, { scope: { kind: 'all' }, seed: 9, effort: 0.2 });
    expect(out.unplaced).toEqual([]);
    const after = applyPlacements(fortnight, out.placements);
    expect(verifyClashes(after)).toEqual([]);
    // A double lesson takes two lessons that both have a bell.
    for (const c of after.cards.filter((x) => x.duration === 2)) expect(after.slots.some((s) => s.shift === c.shift && s.lessonNo === c.lessonNo! + 1)).toBe(true);
  }, 300_000);

  it('is the same for the same seed, and stops on the signal with what it has', () => {
    const a = generate(model, { scope: { kind: 'all' }, seed: 7, effort: 0.05 });
    const b = generate(model, { scope: { kind: 'all' }, seed: 7, effort: 0.05 });
    expect([...b.placements]).toEqual([...a.placements]);

    const ctl = new AbortController();
    let calls = 0;
    const out = generate(model, {
      scope: { kind: 'all' },
      seed: 8,
      signal: ctl.signal,
      onProgress: () => {
        if (++calls === 3) ctl.abort();
      },
    });
    expect(out.placements.size + out.unplaced.length).toBe(model.cards.length);
    expect(out.unplaced.length).toBeGreaterThan(0);
    expect(verifyClashes(applyPlacements(model, out.placements))).toEqual([]);
  }, 300_000);
});
