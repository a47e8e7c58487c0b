// A small seeded pseudo-random generator, for the work that must give the same result for the same
// seed: the timetable generator, the forming of the first grades.

/** mulberry32: a small seeded PRNG; numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
