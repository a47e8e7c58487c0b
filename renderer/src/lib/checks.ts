// Checks of what the user types, shown next to the field while typing (issue 8, point 1): a value
// is never cut, clamped or rounded into another one; a wrong one is named and the save refused.
// The core checks the same rules again (electron/api/limits.ts, the contract's zod schemas).
import { MAX, tooLongMessage } from '../../../electron/api/limits';

export { MAX };

/** Messages of a form's fields by field name; undefined = fine. */
export type FieldErrors = Record<string, string | undefined>;

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((m) => m !== undefined);
}

/** The first message, for a summary line. */
export function firstError(errors: FieldErrors): string | undefined {
  return Object.values(errors).find((m) => m !== undefined);
}

/**
 * «Поле «Фамилия» — не более 60 символов (сейчас 5000)» when the text (trimmed, as the core takes
 * it) is longer than `max`; undefined when it fits.
 */
export function tooLong(text: string | null | undefined, max: number, label: string): string | undefined {
  const n = (text ?? '').trim().length;
  return n > max ? `${tooLongMessage(label, max)} (сейчас ${n.toLocaleString('ru-RU')})` : undefined;
}

/** «Заполните поле «Фамилия»» for an empty required text. */
export function missing(text: string | null | undefined, label: string): string | undefined {
  return (text ?? '').trim() === '' ? `Заполните поле «${label}»` : undefined;
}

// ---- numbers ---------------------------------------------------------------------------------

/** The genitive after «не больше/не меньше»: one (1, 21, 0,5 часа) and many (2, 5, 40 часов). */
export type Unit = readonly [one: string, many: string];
export const HOURS: Unit = ['часа', 'часов'];
export const MINUTES: Unit = ['минуты', 'минут'];
export const PLACES: Unit = ['места', 'мест'];
export const STUDENTS: Unit = ['ученика', 'учеников'];
export const COPIES: Unit = ['копии', 'копий'];
export const PASSWORDS: Unit = ['пароля', 'паролей'];
export const PARTS: Unit = ['подгруппы', 'подгрупп'];

export interface NumberRule {
  min: number;
  max: number;
  /** 1 — whole numbers only; 0.5 — whole or with a half; 0.1 — one decimal. Default: any. */
  step?: 1 | 0.5 | 0.1;
  unit?: Unit;
  /** An empty field is allowed (it means «no value»: null). */
  optional?: boolean;
}

export type NumberCheck = { ok: true; value: number | null } | { ok: false; error: string };

const fmt = (n: number) => String(n).replace('.', ',');
function unitOf(n: number, unit?: Unit): string {
  if (!unit) return '';
  const whole = Number.isInteger(n);
  const one = !whole || (Math.abs(n) % 10 === 1 && Math.abs(n) % 100 !== 11);
  return ` ${one ? unit[0] : unit[1]}`;
}

/**
 * A number as typed: «18», «18,5», «18.5», «−3», «1 000». Returns the number or the Russian message
 * («Не больше 40 часов», «Введите число цифрами…»); never another number than the one typed.
 */
export function checkNumber(text: string, rule: NumberRule): NumberCheck {
  const t = text.trim();
  if (t === '') return rule.optional ? { ok: true, value: null } : { ok: false, error: 'Укажите число' };
  const plain = t.replace(/[\s\u00a0\u202f]/g, '').replace(/[\u2212\u2012\u2013\u2014]/g, '-').replace(',', '.');
  const whole = rule.step === 1;
  if (!/^[-+]?\d+(\.\d+)?$/.test(plain)) return { ok: false, error: whole ? 'Введите целое число цифрами, например 25' : 'Введите число цифрами, например 18 или 18,5' };
  const value = Number(plain);
  if (!(value >= rule.min)) return { ok: false, error: `Не меньше ${fmt(rule.min)}${unitOf(rule.min, rule.unit)}` };
  if (!(value <= rule.max)) return { ok: false, error: `Не больше ${fmt(rule.max)}${unitOf(rule.max, rule.unit)}` };
  if (rule.step !== undefined) {
    const k = value / rule.step;
    if (Math.abs(k - Math.round(k)) > 1e-9) {
      if (rule.step === 1) return { ok: false, error: 'Только целое число' };
      if (rule.step === 0.5) return { ok: false, error: 'Целое число или с половиной, например 1,5' };
      return { ok: false, error: 'Не больше одного знака после запятой' };
    }
  }
  return { ok: true, value };
}

// Ranges used on several screens (the core's contract checks the same).
/** Weekly hours of a curriculum cell: 0–40, whole or with a half; an empty cell is 0. */
export const CURRICULUM_HOURS: NumberRule = { min: 0, max: 40, step: 0.5, unit: HOURS, optional: true };
/** Hours a week of an assignment or a study group: 0,5–40, whole or with a half (the core's weeklyHours). */
export const WEEKLY_HOURS: NumberRule = { min: 0.5, max: 40, step: 0.5, unit: HOURS };

/** Class letters are one or two Cyrillic letters («А», «ИТ»); the message names the first wrong one. */
export function classLettersError(letters: string[]): string | undefined {
  const show = (l: string) => (l.length > 12 ? `${l.slice(0, 12)}…` : l);
  for (const l of letters) {
    if (/[A-Z]/i.test(l)) return `Литера «${show(l)}» — латинскими буквами: нужны русские (А, Б, В…)`;
    if (!/^[А-ЯЁ]+$/i.test(l)) return `Литера «${show(l)}» — только русские буквы (А, Б, В…)`;
    if (l.length > MAX.classLetter) return `Литера «${show(l)}» — не больше ${MAX.classLetter} букв (например, «А» или «ИТ»)`;
  }
  return undefined;
}

/** The text a stored number is shown as: 1.5 → «1,5»; null → ''. */
export function numberText(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : fmt(n);
}

/** The message of a number field, or undefined. */
export function numberError(text: string, rule: NumberRule): string | undefined {
  const c = checkNumber(text, rule);
  return c.ok ? undefined : c.error;
}

/** The value of a checked number field (call after the check passed). */
export function numberValue(text: string, rule: NumberRule): number | null {
  const c = checkNumber(text, rule);
  return c.ok ? c.value : null;
}

/**
 * Plain data compared as saved: the same fields with the same values (rows' React keys aside).
 * For a form's dirty state: the draft against what was loaded or last saved.
 */
export function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, skipKeys) === JSON.stringify(b, skipKeys);
}
function skipKeys(k: string, v: unknown) {
  return k === 'key' ? undefined : v;
}
