// Russian plural agreement, one helper for the core, the CLI, the documents and the renderer:
// «1 ученик», «24 ученика», «5 учеников», «11 учеников», «1,5 часа». Plain code, no imports.

/** The three forms of a noun after a number: for 1, for 2–4, for 5–20. */
export type NounForms = readonly [one: string, few: string, many: string];

/**
 * The form that agrees with `n`: plural(21, 'ученик', 'ученика', 'учеников') → 'ученик'.
 * A fraction takes the genitive singular («1,5 часа», «0,5 ставки»), as Russian speakers say.
 */
export function plural(n: number, one: string, few: string, many: string): string {
  if (!Number.isInteger(n)) return few;
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a >= 11 && a <= 19) return many;
  if (b === 1) return one;
  if (b >= 2 && b <= 4) return few;
  return many;
}

/** The number as people read it (1 000, 1,5) and the agreeing noun: «1 000 учеников», «24 ученика». */
export function countOf(n: number, one: string, few: string, many: string): string {
  return `${n.toLocaleString('ru-RU')} ${plural(n, one, few, many)}`;
}

/** countOf with the forms given together: countWith(3, WORDS.student) → «3 ученика». */
export function countWith(n: number, forms: NounForms): string {
  return countOf(n, forms[0], forms[1], forms[2]);
}

/** The nouns the program counts most often. */
export const WORDS = {
  student: ['ученик', 'ученика', 'учеников'],
  class: ['класс', 'класса', 'классов'],
  staff: ['сотрудник', 'сотрудника', 'сотрудников'],
  row: ['строка', 'строки', 'строк'],
  record: ['запись', 'записи', 'записей'],
  hour: ['час', 'часа', 'часов'],
  minute: ['минута', 'минуты', 'минут'],
  day: ['день', 'дня', 'дней'],
  year: ['год', 'года', 'лет'],
  user: ['пользователь', 'пользователя', 'пользователей'],
  guardian: ['представитель', 'представителя', 'представителей'],
  change: ['изменение', 'изменения', 'изменений'],
  error: ['ошибка', 'ошибки', 'ошибок'],
  subject: ['предмет', 'предмета', 'предметов'],
  subgroup: ['подгруппа', 'подгруппы', 'подгрупп'],
  field: ['поле', 'поля', 'полей'],
  symbol: ['символ', 'символа', 'символов'],
} as const satisfies Record<string, NounForms>;
