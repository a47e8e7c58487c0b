// SNILS (СНИЛС): 9 digits plus a 2-digit checksum, written 'XXX-XXX-XXX YY'.
import type { Prng } from './prng';

/** The checksum of the 9-digit number: weights 9..1; <100 as is; 100, 101 → 00; else mod 101. */
export function snilsChecksum(digits9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits9.charCodeAt(i) - 48) * (9 - i);
  if (sum < 100) return sum;
  if (sum === 100 || sum === 101) return 0;
  const r = sum % 101;
  return r === 100 ? 0 : r;
}

/** Numbers up to 001-001-998 carry no checksum and are never issued by the generator. */
export const SNILS_MIN_CHECKED = 1001998;

export function formatSnils(n: number): string {
  const d = String(n).padStart(9, '0');
  const cs = String(snilsChecksum(d)).padStart(2, '0');
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${cs}`;
}

export function isValidSnils(s: string): boolean {
  const m = /^(\d{3})-(\d{3})-(\d{3}) (\d{2})$/.exec(s);
  if (!m) return false;
  const d = `${m[1]}${m[2]}${m[3]}`;
  if (Number(d) <= SNILS_MIN_CHECKED) return false;
  return snilsChecksum(d) === Number(m[4]);
}

/** A random valid SNILS not in `used` (which it adds to). Avoids a digit three times in a row,
 *  as real numbers do. */
export function randomSnils(rng: Prng, used: Set<number>): string {
  for (;;) {
    const n = rng.int(SNILS_MIN_CHECKED + 1, 999_999_999);
    if (used.has(n)) continue;
    const d = String(n).padStart(9, '0');
    if (/(\d)\1\1/.test(d)) continue;
    used.add(n);
    return formatSnils(n);
  }
}
