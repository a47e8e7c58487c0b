// The pure distribution of a first-grade cohort over classes (electron/core/formation/distribute.ts,
// issue 12 point 2): properties over random cohorts and pairs — every child placed once, sizes
// within 1, each gender's count within 2 across the classes, pairs kept (or reported), the same
// result for the same input in any order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distribute, type FormChild, type FormPair } from '../../electron/core/formation/distribute';

const RUNS = Number(process.env.FORMATION_RUNS ?? 150);

const child = (i: number, gender: FormChild['gender'], age: number): FormChild => ({ id: `c${String(i).padStart(4, '0')}`, gender, age });

/** A cohort of m/f children aged 6.5–8 and a number of classes that leaves each at least 4 children. */
const cohort = fc
  .record({
    genders: fc.array(fc.constantFrom<'m' | 'f'>('m', 'f'), { minLength: 8, maxLength: 90 }),
    ages: fc.array(fc.double({ min: 6.5, max: 8, noNaN: true }), { minLength: 90, maxLength: 90 }),
    k: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ genders, ages, k, seed }) => ({
    children: genders.map((g, i) => child(i, g, ages[i]!)),
    classes: Math.max(1, Math.min(k, Math.floor(genders.length / 4))),
    seed,
  }));

/**
 * Feasible pairs: «together» within small disjoint groups (2–3 children), «apart» between children
 * of different groups, a few of each, so a distribution keeping them all exists.
 */
function pairsFor(n: number, k: number, picks: number[]): FormPair[] {
  const ids = Array.from({ length: n }, (_, i) => child(i, null, 0).id);
  const pairs: FormPair[] = [];
  const groupOf = new Map<number, number>();
  let p = 0;
  const next = () => picks[p++ % picks.length]! % n;
  const groups = Math.min(3, Math.floor(n / 12));
  for (let g = 0; g < groups; g++) {
    const a = next();
    const b = next();
    if (a === b || groupOf.has(a) || groupOf.has(b)) continue;
    groupOf.set(a, g).set(b, g);
    pairs.push({ firstId: ids[a]!, secondId: ids[b]!, together: true });
  }
  if (k >= 2)
    for (let x = 0; x < Math.min(4, Math.floor(n / 10)); x++) {
      const a = next();
      const b = next();
      if (a === b || (groupOf.has(a) && groupOf.get(a) === groupOf.get(b))) continue;
      if (groupOf.has(a) || groupOf.has(b)) continue; // keep it simple: apart only between free children
      pairs.push({ firstId: ids[a]!, secondId: ids[b]!, together: false });
    }
  return pairs;
}

function check(input: { children: FormChild[]; classes: number; seed: number }, pairs: FormPair[]) {
  const r = distribute({ ...input, pairs });
  const placed = r.classes.flat();
  // Every child exactly once.
  expect(placed.length).toBe(input.children.length);
  expect(new Set(placed)).toEqual(new Set(input.children.map((c) => c.id)));
  // Sizes within 1.
  const sizes = r.classes.map((c) => c.length);
  expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  // Each gender within 2 across the classes.
  const gender = new Map(input.children.map((c) => [c.id, c.gender]));
  for (const g of ['m', 'f'] as const) {
    const counts = r.classes.map((c) => c.filter((id) => gender.get(id) === g).length);
    expect(Math.max(...counts) - Math.min(...counts), `${g}: ${counts.join(',')}`).toBeLessThanOrEqual(2);
  }
  // Pairs kept, and nothing reported for feasible pairs.
  const classOf = new Map(r.classes.flatMap((c, i) => c.map((id) => [id, i] as const)));
  for (const p of pairs) {
    if (p.together) expect(classOf.get(p.firstId)).toBe(classOf.get(p.secondId));
    else expect(classOf.get(p.firstId)).not.toBe(classOf.get(p.secondId));
  }
  expect(r.problems).toEqual([]);
  return r;
}

describe('distribute: properties', () => {
  it('places every child once, sizes within 1, genders within 2, pairs kept', () => {
    fc.assert(
      fc.property(cohort, fc.array(fc.nat(10_000), { minLength: 20, maxLength: 20 }), (input, picks) => {
        check(input, pairsFor(input.children.length, input.classes, picks));
      }),
      { numRuns: RUNS, seed: 20261201 },
    );
  }, 300_000);

  it('is deterministic: the same result for the same input and seed, whatever the input order', () => {
    fc.assert(
      fc.property(cohort, fc.array(fc.nat(10_000), { minLength: 20, maxLength: 20 }), (input, picks) => {
        const pairs = pairsFor(input.children.length, input.classes, picks);
        const a = distribute({ ...input, pairs });
        const b = distribute({ ...input, children: [...input.children].reverse(), pairs: [...pairs].reverse() });
        expect(b).toEqual(a);
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: 7 },
    );
  }, 300_000);

  it('balances age: the classes’ mean ages close to each other (120 children into 5 classes)', () => {
    const rand = (() => {
      let s = 42;
      return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    })();
    const children = Array.from({ length: 120 }, (_, i) => child(i, i % 2 ? 'm' : 'f', 6.5 + rand() * 1.5));
    const r = check({ children, classes: 5, seed: 1 }, []);
    const age = new Map(children.map((c) => [c.id, c.age]));
    const means = r.classes.map((c) => c.reduce((s, id) => s + age.get(id)!, 0) / c.length);
    expect(Math.max(...means) - Math.min(...means)).toBeLessThan(0.05);
    const sd = r.classes.map((c, i) => Math.sqrt(c.reduce((s, id) => s + (age.get(id)! - means[i]!) ** 2, 0) / c.length));
    expect(Math.max(...sd) - Math.min(...sd)).toBeLessThan(0.1);
  });

  it('given sizes are kept (surplus places left in the largest class)', () => {
    const children = Array.from({ length: 50 }, (_, i) => child(i, i % 3 ? 'm' : 'f', 7));
    const r = distribute({ children, classes: 2, sizes: [20, 32], pairs: [], seed: 1 });
    expect(r.classes.map((c) => c.length)).toEqual([20, 30]);
    expect(r.problems).toEqual([]);
  });

  it('reports what cannot hold instead of breaking it silently', () => {
    const children = Array.from({ length: 20 }, (_, i) => child(i, i % 2 ? 'm' : 'f', 7));
    const [a, b, c] = children.map((x) => x.id);
    // a with b, b with c, yet a apart from c: contradictory.
    const pairs: FormPair[] = [
      { firstId: a!, secondId: b!, together: true },
      { firstId: b!, secondId: c!, together: true },
      { firstId: a!, secondId: c!, together: false },
    ];
    const r = distribute({ children, classes: 2, pairs, seed: 3 });
    expect(r.problems).toEqual([{ kind: 'pair_broken', firstId: a, secondId: c, together: false }]);
    // Too few places: reported, the rest still placed once.
    const small = distribute({ children, classes: 2, sizes: [8, 8], pairs: [], seed: 3 });
    expect(small.problems).toEqual([{ kind: 'no_room', places: 16, children: 20 }]);
    expect(small.classes.flat()).toHaveLength(16);
    // A group kept together bigger than any class.
    const chain: FormPair[] = children.slice(0, 12).slice(1).map((x, i) => ({ firstId: children[i]!.id, secondId: x.id, together: true }));
    const big = distribute({ children, classes: 2, pairs: chain, seed: 3 });
    expect(big.problems[0]).toMatchObject({ kind: 'group_too_big', size: 12 });
    expect(big.problems.filter((p) => p.kind === 'pair_broken').length).toBeGreaterThan(0);
  });
});
