// Pure division algorithms (R4, 000 §3): no database, so the demo-school generator uses them too.
import type { Gender } from '../../../db/schema';
import type { RuleSplitBy } from '../../api/enums';
import { ruFold } from '../../api/text';

export interface Pupil {
  id: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  gender: Gender | null;
}

export type Method = RuleSplitBy;

type Named = Pick<Pupil, 'id' | 'last_name' | 'first_name' | 'middle_name'>;

/** The ФИО folded for sorting: lower case, ё as е, fields joined by a space (below every letter). */
const nameKey = (p: Named) => ruFold(`${p.last_name} ${p.first_name} ${p.middle_name ?? ''}`);
const compareKeys = (x: string, y: string, a: Named, b: Named) => (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Orders people by ФИО as a Russian list is ordered (ё sorts as е), ties by id. Cyrillic а…я are
 * in alphabetical order in Unicode once ё is folded, so the folded keys compare by code point:
 * as correct as a collator for Russian names, and fast enough for the whole school.
 */
export function byName<T extends Named>(a: T, b: T): number {
  return compareKeys(nameKey(a), nameKey(b), a, b);
}

/** Sorts in place by ФИО as byName does, each key computed once. */
export function sortByName<T extends Named>(list: T[]): T[] {
  const keyed = list.map((p) => ({ p, k: nameKey(p) }));
  keyed.sort((a, b) => compareKeys(a.k, b.k, a.p, b.p));
  keyed.forEach((x, i) => (list[i] = x.p));
  return list;
}

/** Sizes of `parts` subgroups for `n` students, differing by at most one, the larger first. */
export function partSizes(n: number, parts: number): number[] {
  const base = Math.floor(n / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < n % parts ? 1 : 0));
}

/** The names subgroups get: «1 подгруппа», …; for a division by gender «Мальчики», «Девочки». */
export function subgroupNames(method: string, parts: number): string[] {
  if (method === 'gender' && parts === 2) return ['Мальчики', 'Девочки'];
  return Array.from({ length: parts }, (_, i) => `${i + 1} подгруппа`);
}

/** The alphabetical list cut into consecutive parts whose sizes differ by at most one. */
function alphabet(sorted: readonly Pupil[], parts: number): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  partSizes(sorted.length, parts).forEach((size, k) => {
    for (let j = 0; j < size; j++) out.set(sorted[i++]!.id, k + 1);
  });
  return out;
}

/** Boys to subgroup 1, girls to 2; students whose gender is not recorded go to the smaller one. */
function gender(sorted: readonly Pupil[]): Map<string, number> {
  const out = new Map<string, number>();
  const size = [0, 0];
  const unknown: Pupil[] = [];
  for (const p of sorted) {
    if (p.gender === null) unknown.push(p);
    else {
      const k = p.gender === 'm' ? 0 : 1;
      out.set(p.id, k + 1);
      size[k]!++;
    }
  }
  for (const p of unknown) {
    const k = size[1]! < size[0]! ? 1 : 0;
    out.set(p.id, k + 1);
    size[k]!++;
  }
  return out;
}

/**
 * Sizes differing by at most one, keeping everyone where they were as far as the sizes allow
 * (stable): over-full subgroups give up their alphabetically last students, and the students to
 * place (newcomers, those given up) go one by one to the smallest subgroup, boys first and then
 * girls, so that each subgroup also gets a fair share of both.
 */
function balanced(sorted: readonly Pupil[], parts: number, previous: ReadonlyMap<string, number>): Map<string, number> {
  const groups: Pupil[][] = Array.from({ length: parts }, () => []);
  const pool: Pupil[] = [];
  for (const p of sorted) {
    const k = previous.get(p.id);
    if (k !== undefined && k >= 1 && k <= parts) groups[k - 1]!.push(p);
    else pool.push(p);
  }
  // The subgroups that already are the largest keep the extra places.
  const order = groups.map((g, k) => ({ k, n: g.length })).sort((a, b) => b.n - a.n || a.k - b.k);
  const sizes = partSizes(sorted.length, parts);
  const target: number[] = [];
  order.forEach(({ k }, i) => (target[k] = sizes[i]!));
  groups.forEach((g, k) => {
    while (g.length > target[k]!) pool.push(g.pop()!);
  });
  const rank = (p: Pupil) => (p.gender === 'm' ? 0 : p.gender === 'f' ? 1 : 2);
  const keyed = sortByName(pool);
  keyed.sort((a, b) => rank(a) - rank(b)); // stable: alphabetical within boys, girls, the rest
  // How many of each gender (m, f, unknown) every subgroup has.
  const count = groups.map((g) => [0, 1, 2].map((r) => g.filter((q) => rank(q) === r).length));
  for (const p of keyed) {
    const r = rank(p);
    let best = -1;
    for (let k = 0; k < parts; k++) {
      const g = groups[k]!;
      if (g.length >= target[k]!) continue;
      const b = best < 0 ? undefined : groups[best]!;
      if (!b || g.length < b.length || (g.length === b.length && count[k]![r]! < count[best]![r]!)) best = k;
    }
    groups[best]!.push(p);
    count[best]![r]!++;
  }
  const out = new Map<string, number>();
  groups.forEach((g, k) => g.forEach((p) => out.set(p.id, k + 1)));
  return out;
}

/** Subgroup numbers (1-based) for every student, by the method. The caller checks parts = 2 for gender. */
export function divide(students: readonly Pupil[], parts: number, method: Method, previous: ReadonlyMap<string, number> = new Map()): Map<string, number> {
  const sorted = sortByName([...students]);
  if (method === 'alphabet') return alphabet(sorted, parts);
  if (method === 'gender') return gender(sorted);
  return balanced(sorted, parts, previous);
}

/** Subgroups named «Мальчики» and «Девочки» (a division by gender, or a copy of one). */
export function isByGender(names: readonly string[]): boolean {
  return names.length === 2 && names[0] === 'Мальчики' && names[1] === 'Девочки';
}

/**
 * Where to put a newcomer: the smallest subgroup (the first of equals); in a division by gender,
 * the student's own when the gender is recorded.
 */
export function suggest(subgroups: readonly { number: number; name: string; size: number }[], g: Gender | null): number {
  if (g !== null && isByGender(subgroups.map((s) => s.name))) return g === 'm' ? 1 : 2;
  let best = subgroups[0]!;
  for (const s of subgroups) if (s.size < best.size || (s.size === best.size && s.number < best.number)) best = s;
  return best.number;
}
