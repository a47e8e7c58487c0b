// СНИЛС (insurance number of an individual): 'XXX-XXX-XXX YY'.

const SEPARATORS = /[\s\-.‐‑–—]/g;
const FORMATTED = /^\d{3}-\d{3}-\d{3} \d{2}$/;

function format(d: string): string {
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9, 11)}`;
}

/** The control number for the first 9 digits (weights 9..1; <100 as is; 100, 101 → 0; else mod 101). */
export function snilsControl(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (nineDigits.charCodeAt(i) - 48) * (9 - i);
  if (sum < 100) return sum;
  if (sum === 100 || sum === 101) return 0;
  const rest = sum % 101;
  return rest === 100 ? 0 : rest;
}

/**
 * Checks the control number. Accepts raw or formatted input; false unless there are exactly 11 digits.
 * Numbers up to 001-001-998 were issued before the control number existed and always pass.
 */
export function snilsChecksumOk(snils: string): boolean {
  const digits = FORMATTED.test(snils) ? snils.slice(0, 3) + snils.slice(4, 7) + snils.slice(8, 11) + snils.slice(12) : snils.replace(SEPARATORS, '');
  if (!/^\d{11}$/.test(digits)) return false;
  if (digits < '001001999') return true; // same length, so string order is numeric order
  return snilsControl(digits) === (digits.charCodeAt(9) - 48) * 10 + digits.charCodeAt(10) - 48;
}

/**
 * '11223344595', '112-233-445 95', '112 233 445 95' → '112-233-445 95'; null unless there are 11 digits.
 * Does not check the control number. A pure-digit value of 9–10 digits (a number cell that lost its
 * leading zeros) is padded with zeros when the padded number passes the control check.
 */
export function normalizeSnils(raw: string): string | null {
  if (FORMATTED.test(raw)) return raw;
  const digits = raw.replace(SEPARATORS, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length === 11) return format(digits);
  if ((digits.length === 9 || digits.length === 10) && /^\d+$/.test(raw.trim())) {
    const padded = digits.padStart(11, '0');
    if (Number(padded.slice(0, 9)) > 1001998 && snilsChecksumOk(padded)) return format(padded);
  }
  return null;
}
