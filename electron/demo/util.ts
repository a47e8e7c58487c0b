// Small numeric helpers for the demo-school generator.

/** Splits `total` into integers proportional to `weights` (largest remainder; ties → lower index).
 *  All-zero weights split evenly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const s = sum > 0 ? sum : n;
  const quotas = w.map((x) => (x * total) / s);
  const out = quotas.map((q) => Math.floor(q));
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, frac: q - Math.floor(q) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % n, rest--) out[order[k]!.i]! += 1;
  return out;
}
