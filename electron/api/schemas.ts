import { z } from 'zod';
import { MAX, MAX_ITEMS, classLetterProblem, normalizeClassLetter, tooLongMessage, tooManyMessage, type TextKind } from './limits';
import { SHIFTS, appRoles, genders, gradeEditWindows, gradings, roomKinds, ruleSplitMethods, splitMethods, staffRoles, studyGroupKinds } from './enums';
import { ruFold } from './text';

// Shared field schemas with Russian messages that name the field. Every text has a maximum length
// (limits.ts), every number a range, every list a maximum size; nothing is rounded or clamped into
// another value: a value out of range is refused. Dates cross the API as ISO 'YYYY-MM-DD'.

type Issue = { input?: unknown };

/** The message of a value of the wrong type; `what` says what is expected («нужен текст», «нужно число»). */
const wrongType = (label: string, what: string) => (iss: Issue) => {
  const v = iss.input;
  if (v === undefined || v === null) return `Поле «${label}» не заполнено`;
  if (typeof v === 'number' && what === NUMBER) {
    // JSON's 1e400 and IPC's Infinity/NaN arrive as non-finite numbers.
    if (Number.isNaN(v)) return `Поле «${label}»: это не число`;
    return v > 0 ? `Поле «${label}»: слишком большое число` : `Поле «${label}»: слишком маленькое число`;
  }
  return `Поле «${label}»: ${what}`;
};
const NUMBER = 'нужно число';

const ruNumber = (n: number) => String(n).replace('.', ',');

export const isoDate = z
  .string({ error: wrongType('Дата', 'нужна дата') })
  .max(10, 'Дата должна быть в формате ДД.ММ.ГГГГ')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата должна быть в формате ДД.ММ.ГГГГ')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'Такой даты не существует');
export const hhmm = z
  .string({ error: wrongType('Время', 'нужно время') })
  .max(5, 'Время должно быть в формате ЧЧ:ММ')
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Время должно быть в формате ЧЧ:ММ');
export const id = z
  .string({ error: (iss) => (iss.input === undefined || iss.input === null ? 'Не указан идентификатор' : 'Неверный идентификатор записи') })
  .min(1, 'Не указан идентификатор')
  .max(MAX.id, 'Неверный идентификатор записи');
export const optionalId = id.nullable().optional();

/** A text that must be filled in: trimmed, at most MAX[kind] characters. */
export const required = (label: string, kind: TextKind) =>
  z
    .string({ error: wrongType(label, 'нужен текст') })
    .trim()
    .min(1, `Поле «${label}» не заполнено`)
    .max(MAX[kind], tooLongMessage(label, MAX[kind]));

/** A text that may be empty (stored as null): trimmed, at most MAX[kind] characters. */
export const optionalText = (label: string, kind: TextKind) =>
  z
    .string({ error: wrongType(label, 'нужен текст') })
    .trim()
    .max(MAX[kind], tooLongMessage(label, MAX[kind]))
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

/** A search box or a filter's text: at most MAX.search characters, possibly empty. */
export const searchText = (label = 'Поиск') => z.string({ error: wrongType(label, 'нужен текст') }).max(MAX.search, tooLongMessage(label, MAX.search));

/** A password as typed: not trimmed, at most MAX.password characters. */
export const password = (label = 'Пароль') =>
  z.string({ error: wrongType(label, 'нужен текст') }).max(MAX.password, tooLongMessage(label, MAX.password));

/** A path on this computer (a backup folder or file). */
export const path = (label: string) => z.string({ error: wrongType(label, 'нужен текст') }).max(MAX.path, tooLongMessage(label, MAX.path));

/** A finite number in [min, max]; `step` (e.g. 0.5) when only its multiples are allowed. */
export function num(label: string, min: number, max: number, opts: { range?: string; step?: number; stepMessage?: string } = {}) {
  const range = opts.range ?? `${label} — от ${ruNumber(min)} до ${ruNumber(max)}`;
  const s = z.number({ error: wrongType(label, NUMBER) }).min(min, range).max(max, range);
  const step = opts.step;
  return step ? s.refine((v) => Number.isInteger(v / step), opts.stepMessage ?? `${label}: число, кратное ${ruNumber(step)}`) : s;
}

/** A whole number in [min, max]. */
export function int(label: string, min: number, max: number, range?: string) {
  return num(label, min, max, { range, step: 1, stepMessage: `${label} — целое число` });
}

/** A list of at most `max` items; `what` names them in the plural genitive («Каникул»). */
export function list<T extends z.ZodType>(item: T, what: string, max: number) {
  return z.array(item, { error: wrongType(what, 'нужен список') }).max(max, tooManyMessage(what, max));
}

/** A list whose items must not repeat (compared as `key` gives them: case and ё ignored for texts). */
export function distinct<T extends z.ZodType>(item: T, what: string, max: number, message: string) {
  const key = (v: unknown) => (typeof v === 'string' ? ruFold(v.trim()) : v);
  return list(item, what, max).refine((xs) => new Set(xs.map(key)).size === xs.length, message);
}

export const grade = int('Параллель', 1, 11);
export const shift = int('Смена', Math.min(...SHIFTS), Math.max(...SHIFTS));
export const gradeEditWindow = z.enum(gradeEditWindows.values);
export const grading = z.enum(gradings.values);
export const roomKind = z.enum(roomKinds.values);
export const gender = z.enum(genders.values).nullable();
export const staffRole = z.enum(staffRoles.values);
export const base64 = z.string().max(80_000_000, 'Файл слишком большой (более 60 МБ)');
export const appRole = z.enum(appRoles.values);
export const login = z
  .string({ error: wrongType('Логин', 'нужен текст') })
  .trim()
  .min(3, 'Логин — не менее 3 символов')
  .max(MAX.login, `Логин — не более ${MAX.login} символов`)
  .regex(/^[A-Za-z0-9._-]+$/, 'Логин — латинские буквы, цифры, точка, дефис и подчёркивание');
export const parts = int('Подгрупп', 2, 10);
export const ruleSplitBy = z.enum(ruleSplitMethods.values);
export const splitBy = z.enum(splitMethods.values);
export const studyGroupKind = z.enum(studyGroupKinds.values);
export const weeklyHours = z
  .number({ error: wrongType('Часов в неделю', NUMBER) })
  .positive('Часов в неделю должно быть больше нуля')
  .max(40, 'Часов в неделю — не более 40')
  .refine((v) => Number.isInteger(v * 2), 'Часы указываются целыми или с половиной (0,5)');
/** Curriculum hours of a class and subject: 0 (none) to 40, whole or with a half. */
export const curriculumHours = z
  .number({ error: wrongType('Часы', NUMBER) })
  .min(0, 'Часы не могут быть отрицательными')
  .max(40, 'Часов в неделю — не более 40')
  .refine((v) => Number.isInteger(v * 2), 'Часы указываются целыми или с половиной (0,5)');
/**
 * A class letter: one or two Cyrillic letters, stored upper case. A Latin look-alike («A» typed in
 * the English layout) is refused with a word about the layout, not silently turned into «А»: what
 * is saved is what was typed (issue 8). Spreadsheet imports and the CLI, which only look classes up,
 * still read look-alikes as the Cyrillic letters.
 */
export const classLetter = z
  .string({ error: wrongType('Литера', 'нужен текст') })
  .max(40, `Литера класса — одна или две русские буквы, например «А» или «ИТ»`)
  .transform((v) => v.trim().toUpperCase())
  .superRefine((v, ctx) => {
    if (/^[A-Z]{1,2}$/.test(v) && classLetterProblem(normalizeClassLetter(v)) === null) {
      ctx.addIssue({ code: 'custom', message: `Литера «${v}» набрана латиницей — переключите раскладку на русскую` });
      return;
    }
    const problem = classLetterProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export const maxItems = MAX_ITEMS;

// Issue 12 (the contingent's inputs): fields whose every message names the field, as a person
// reads it next to the field or in a summary («Поле «Дата приказа»: даты 31.02.2026 не существует»).

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ruDay = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * A date crossing the API as ISO 'YYYY-MM-DD' (the screens convert what is typed, ДД.ММ.ГГГГ), its
 * messages naming the field; the year within `years` (a school's documents: 2000–2100), so a typo
 * such as 0026 or 20026 is refused instead of saved.
 */
export function dateField(label: string, years: readonly [number, number] = [2000, 2100]) {
  const format = `Поле «${label}»: дата должна быть в формате ДД.ММ.ГГГГ`;
  return z
    .string({ error: wrongType(label, 'нужна дата') })
    .max(10, format)
    .superRefine((v, ctx) => {
      if (!ISO_DAY.test(v)) return void ctx.addIssue({ code: 'custom', message: format });
      const d = new Date(`${v}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
        return void ctx.addIssue({ code: 'custom', message: `Поле «${label}»: даты ${ruDay(v)} не существует` });
      const y = Number(v.slice(0, 4));
      if (y < years[0] || y > years[1]) ctx.addIssue({ code: 'custom', message: `Поле «${label}»: год — от ${years[0]} до ${years[1]}` });
    });
}

/** A record chosen in a list (a class, a student): its id, the messages naming the field. */
export function idField(label: string) {
  return z
    .string({ error: (iss) => (iss.input === undefined || iss.input === null ? `Поле «${label}» не заполнено` : `Поле «${label}»: неверная ссылка на запись`) })
    .min(1, `Поле «${label}» не заполнено`)
    .max(MAX.id, `Поле «${label}»: неверная ссылка на запись`);
}

/** One of a closed set of values (a select), the messages naming the field. */
export function choice<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, {
    error: (iss) => (iss.input === undefined || iss.input === null ? `Поле «${label}» не заполнено` : `Поле «${label}»: выберите значение из списка`),
  });
}

/** Yes or no (a checkbox, a switch), the message naming the field. */
export function flag(label: string) {
  return z.boolean({ error: (iss) => (iss.input === undefined || iss.input === null ? `Поле «${label}» не заполнено` : `Поле «${label}»: нужно «да» или «нет»`) });
}
