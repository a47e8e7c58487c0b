// Phones and e-mail addresses.
import { cleanText } from './text';

const TEN_DIGITS = /^(\d{3})(\d{3})(\d{2})(\d{2})$/;

/**
 * Russian phone numbers: '8 912 345-67-89', '+7(912)3456789', '9123456789', '+7 495 123 45 67'
 * → '+7 (912) 345-67-89'; null when it is not a single Russian number.
 */
export function normalizePhone(raw: string): string | null {
  const value = cleanText(raw);
  if (!/^\+?[\d\s()\-.]+$/.test(value)) return null;
  let digits = value.replace(/\D/g, '');
  const plus = value.startsWith('+');
  if (digits.length === 11) {
    // 8 is the domestic trunk prefix; after '+' only the country code 7 makes sense
    if (digits[0] === '7' || (digits[0] === '8' && !plus)) digits = digits.slice(1);
    else return null;
  } else if (plus) {
    return null;
  }
  if (digits.length !== 10 || !'3489'.includes(digits[0]!)) return null;
  return digits.replace(TEN_DIGITS, '+7 ($1) $2-$3-$4');
}

const EMAIL = /^[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:.\d][^\s@"'<>(),;:.]*$/u;

/** Trims and lower-cases an e-mail address; null when it is malformed. */
export function normalizeEmail(raw: string): string | null {
  const value = cleanText(raw).replace(/^mailto:/i, '').toLowerCase();
  if (!EMAIL.test(value) || value.includes('..') || value.startsWith('.') || value.includes('.@') || value.includes('@.')) {
    return null;
  }
  return value;
}
