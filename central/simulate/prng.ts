// The simulator's randomness: the demo school's seeded PRNG (electron/demo/prng.ts, pure, the one
// file of the demo the central may import) and a string hash. Never for anything security-related.
export { Prng } from '../../electron/demo/prng';

/** FNV-1a of a string: stable traits of a record (a student's ability) from its id, whatever the order of reading. */
export function hash32(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
