// Forming the first grades (issue 12 point 2; R10): the pure distribution of a cohort over classes.
// No database here: the children come in as ids with gender and age, the result is which child goes
// into which class and the constraints that could not hold. Deterministic for the same input and
// seed (the input order does not matter: the children are sorted by id first).
//
// 1. The class sizes: even (within 1 of each other) unless given; given sizes are capacities, the
//    surplus taken from the largest.
// 2. The children kept together form blocks (union of the «together» pairs); blocks are placed
//    first, largest first, then the other children by gender in birth order, each into the class
//    furthest below its fair share of that gender, avoiding the classes of its «apart» partners.
// 3. Improvement by swapping two children of different classes (sizes stay) while it lowers the
//    cost: broken pairs (heavily; «together» over «apart»), the gender counts off their fair share, the classes' mean age and
//    age spread off the cohort's.
// What cannot hold is reported (`problems`), never silently broken.

import { prng } from '../random';

export interface FormChild {
  id: string;
  gender: 'm' | 'f' | null;
  /** Age in years (at the start of the school year). */
  age: number;
}

export interface FormPair {
  firstId: string;
  secondId: string;
  together: boolean;
}

export interface FormInput {
  children: readonly FormChild[];
  /** How many classes. */
  classes: number;
  /** The sizes of the classes (capacities); even when absent. */
  sizes?: readonly number[] | null;
  pairs: readonly FormPair[];
  seed: number;
}

export type FormProblem =
  /** More places asked for than there are (given sizes too small): the children left out. */
  | { kind: 'no_room'; places: number; children: number }
  /** A «together» group bigger than any class: kept together as far as it fits, the rest apart. */
  | { kind: 'group_too_big'; ids: string[]; size: number }
  /** A pair that the distribution breaks (it contradicts other pairs, or no class has room). */
  | { kind: 'pair_broken'; firstId: string; secondId: string; together: boolean };

export interface FormResult {
  /** The children's ids per class, in the order of the classes; each child exactly once. */
  classes: string[][];
  /** The sizes aimed at. */
  sizes: number[];
  problems: FormProblem[];
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** Even sizes: n over k, the first n mod k one bigger. */
export function evenSizes(n: number, k: number): number[] {
  const base = Math.floor(n / k);
  return Array.from({ length: k }, (_, i) => base + (i < n % k ? 1 : 0));
}

/** The sizes aimed at: given capacities with the surplus taken from the largest (then the last). */
function targetSizes(n: number, k: number, sizes: readonly number[] | null | undefined): number[] {
  if (!sizes) return evenSizes(n, k);
  const t = sizes.map((x) => Math.max(0, Math.floor(x)));
  let surplus = t.reduce((a, b) => a + b, 0) - n;
  while (surplus > 0) {
    let at = 0;
    for (let i = 0; i < t.length; i++) if (t[i]! >= t[at]!) at = i;
    t[at]!--;
    surplus--;
  }
  return t;
}

const G = { m: 0, f: 1, null: 2 } as const;
const gi = (g: FormChild['gender']) => G[g ?? 'null'];

const W_GENDER = 1;
const W_MEAN = 40;
const W_VAR = 10;
/** A broken «together» costs more than a broken «apart»: when they contradict, the children stay together. */
const W_TOGETHER = 1000;
const W_APART = 900;

export function distribute(input: FormInput): FormResult {
  const k = input.classes;
  if (!Number.isInteger(k) || k < 1) throw new Error('distribute: at least one class');
  const rand = prng(input.seed);
  const all = [...input.children].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const problems: FormProblem[] = [];
  const places = input.sizes ? input.sizes.reduce((a, b) => a + b, 0) : Infinity;
  if (places < all.length) problems.push({ kind: 'no_room', places, children: all.length });
  // Children beyond the places are left out (reported above); the youngest-by-id last.
  const kids = places < all.length ? all.slice(0, places) : all;
  const n = kids.length;
  const sizes = targetSizes(n, k, input.sizes);
  const index = new Map(kids.map((c, i) => [c.id, i]));
  const pairs = input.pairs
    .filter((p) => p.firstId !== p.secondId && index.has(p.firstId) && index.has(p.secondId))
    .map((p) => ({ a: index.get(p.firstId)!, b: index.get(p.secondId)!, together: p.together, src: p }));
  const pairsOf: { other: number; together: boolean }[][] = kids.map(() => []);
  for (const p of pairs) {
    pairsOf[p.a]!.push({ other: p.b, together: p.together });
    pairsOf[p.b]!.push({ other: p.a, together: p.together });
  }

  // The cohort's shares and age figures.
  const total = [0, 0, 0];
  let sumAge = 0;
  let sumAge2 = 0;
  for (const c of kids) {
    total[gi(c.gender)]!++;
    sumAge += c.age;
    sumAge2 += c.age * c.age;
  }
  const meanAll = n ? sumAge / n : 0;
  const varAll = n ? sumAge2 / n - meanAll * meanAll : 0;
  const fair = (c: number, g: number) => (n ? (total[g]! * sizes[c]!) / n : 0);

  // Blocks: the children kept together.
  const parent = kids.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const p of pairs) if (p.together) parent[find(p.a)] = find(p.b);
  const blocksBy = new Map<number, number[]>();
  kids.forEach((_, i) => {
    const r = find(i);
    const b = blocksBy.get(r);
    if (b) b.push(i);
    else blocksBy.set(r, [i]);
  });
  const biggest = Math.max(0, ...sizes);
  const groups: number[][] = [];
  const singles: number[] = [];
  for (const b of blocksBy.values()) {
    if (b.length === 1) singles.push(b[0]!);
    else if (b.length > biggest) {
      problems.push({ kind: 'group_too_big', ids: b.map((i) => kids[i]!.id), size: b.length });
      for (let s = 0; s < b.length; s += biggest) {
        const part = b.slice(s, s + biggest);
        if (part.length > 1) groups.push(part);
        else singles.push(part[0]!);
      }
    } else groups.push(b);
  }

  // State per class.
  const cls = Array.from({ length: k }, () => ({ members: [] as number[], cnt: [0, 0, 0], sum: 0, sum2: 0 }));
  const at = new Array<number>(n).fill(-1);
  const put = (i: number, c: number) => {
    const s = cls[c]!;
    s.members.push(i);
    s.cnt[gi(kids[i]!.gender)]!++;
    s.sum += kids[i]!.age;
    s.sum2 += kids[i]!.age * kids[i]!.age;
    at[i] = c;
  };
  const room = (c: number) => sizes[c]! - cls[c]!.members.length;
  const apartHere = (i: number, c: number) => pairsOf[i]!.some((p) => !p.together && at[p.other] === c);
  const order = shuffle(
    Array.from({ length: k }, (_, c) => c),
    rand,
  );
  /** The class a block goes into: room for it, no «apart» partner there, the furthest below its gender share. */
  const choose = (block: number[]): number => {
    let best = -1;
    let bestKey: number[] = [];
    for (const c of order) {
      if (room(c) < block.length) continue;
      const conflict = block.some((i) => apartHere(i, c)) ? 1 : 0;
      let over = 0;
      for (const i of block) {
        const g = gi(kids[i]!.gender);
        over += cls[c]!.cnt[g]! - fair(c, g);
      }
      const key = [conflict, over, cls[c]!.members.length / Math.max(1, sizes[c]!)];
      if (best < 0 || less(key, bestKey)) {
        best = c;
        bestKey = key;
      }
    }
    return best;
  };
  groups.sort((a, b) => b.length - a.length);
  for (const b of groups) {
    const c = choose(b);
    if (c >= 0) for (const i of b) put(i, c);
    else singles.push(...b); // no class has room for the whole group: its members one by one
  }
  // The others by gender in birth order (oldest first), the genders interleaved by their shares.
  const byGender = [0, 1, 2].map((g) =>
    shuffle(
      singles.filter((i) => gi(kids[i]!.gender) === g),
      rand,
    ).sort((a, b) => kids[b]!.age - kids[a]!.age),
  );
  const taken = [0, 0, 0];
  for (let step = 0; step < singles.length; step++) {
    let g = -1;
    for (let x = 0; x < 3; x++) {
      if (taken[x]! >= byGender[x]!.length) continue;
      if (g < 0 || taken[x]! / byGender[x]!.length < taken[g]! / byGender[g]!.length) g = x;
    }
    const i = byGender[g]![taken[g]!++]!;
    let c = choose([i]);
    if (c < 0) c = order.find((x) => room(x) > 0) ?? order[0]!;
    put(i, c);
  }

  // Improvement by swaps.
  const termOf = (c: number, cnt: number[], size: number, sum: number, sum2: number) => {
    let v = 0;
    for (let g = 0; g < 3; g++) v += W_GENDER * (cnt[g]! - fair(c, g)) ** 2;
    if (size > 0) {
      const mean = sum / size;
      const variance = sum2 / size - mean * mean;
      v += W_MEAN * (mean - meanAll) ** 2 + W_VAR * (variance - varAll) ** 2;
    }
    return v;
  };
  const term = (c: number) => {
    const s = cls[c]!;
    return termOf(c, s.cnt, s.members.length, s.sum, s.sum2);
  };
  const pairCost = (i: number, ci: number, skip: number, skipAt: number) => {
    let v = 0;
    for (const p of pairsOf[i]!) {
      const o = p.other === skip ? skipAt : at[p.other]!;
      if (p.together ? o !== ci : o === ci) v += p.together ? W_TOGETHER : W_APART;
    }
    return v;
  };
  const swapDelta = (x: number, y: number): number => {
    const cx = at[x]!;
    const cy = at[y]!;
    const kx = kids[x]!;
    const ky = kids[y]!;
    const before = term(cx) + term(cy) + pairCost(x, cx, -1, -1) + pairCost(y, cy, -1, -1);
    const sx = cls[cx]!;
    const sy = cls[cy]!;
    const cntX = [...sx.cnt];
    const cntY = [...sy.cnt];
    cntX[gi(kx.gender)]!--;
    cntX[gi(ky.gender)]!++;
    cntY[gi(ky.gender)]!--;
    cntY[gi(kx.gender)]!++;
    const after =
      termOf(cx, cntX, sx.members.length, sx.sum - kx.age + ky.age, sx.sum2 - kx.age ** 2 + ky.age ** 2) +
      termOf(cy, cntY, sy.members.length, sy.sum - ky.age + kx.age, sy.sum2 - ky.age ** 2 + kx.age ** 2) +
      pairCost(x, cy, y, cx) +
      pairCost(y, cx, x, cy);
    return after - before;
  };
  const swap = (x: number, y: number) => {
    const cx = at[x]!;
    const cy = at[y]!;
    const sx = cls[cx]!;
    const sy = cls[cy]!;
    const kx = kids[x]!;
    const ky = kids[y]!;
    sx.members[sx.members.indexOf(x)] = y;
    sy.members[sy.members.indexOf(y)] = x;
    sx.cnt[gi(kx.gender)]!--;
    sx.cnt[gi(ky.gender)]!++;
    sy.cnt[gi(ky.gender)]!--;
    sy.cnt[gi(kx.gender)]!++;
    sx.sum += ky.age - kx.age;
    sy.sum += kx.age - ky.age;
    sx.sum2 += ky.age ** 2 - kx.age ** 2;
    sy.sum2 += kx.age ** 2 - ky.age ** 2;
    at[x] = cy;
    at[y] = cx;
  };
  const EPS = 1e-9;
  for (let round = 0; round < 400; round++) {
    let bestD = -EPS;
    let bx = -1;
    let by = -1;
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++)
        for (const x of cls[a]!.members)
          for (const y of cls[b]!.members) {
            const d = swapDelta(x, y);
            if (d < bestD) {
              bestD = d;
              bx = x;
              by = y;
            }
          }
    if (bx < 0) break;
    swap(bx, by);
  }

  for (const p of pairs) if (p.together ? at[p.a] !== at[p.b] : at[p.a] === at[p.b]) problems.push({ kind: 'pair_broken', firstId: p.src.firstId, secondId: p.src.secondId, together: p.together });
  return {
    classes: cls.map((s) => s.members.map((i) => kids[i]!.id).sort()),
    sizes: cls.map((s) => s.members.length),
    problems,
  };
}

function less(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]! - 1e-12) return true;
    if (a[i]! > b[i]! + 1e-12) return false;
  }
  return false;
}
