// The renderer's checks of typed values (issue 8, point 1): a number is the number typed or a
// Russian message, never another number; a text too long is named, never cut; a date typed with its
// dots stays itself. Pure functions of renderer/src/lib, run in Node.
import { describe, it, expect } from 'vitest';
import { checkNumber, classLettersError, CURRICULUM_HOURS, MAX, PLACES, tooLong, WEEKLY_HOURS, HOURS, numberText } from '../../renderer/src/lib/checks';
import { dateTyping, parseRuDate } from '../../renderer/src/lib/dates';

const err = (text: string, rule: Parameters<typeof checkNumber>[1]) => {
  const c = checkNumber(text, rule);
  return c.ok ? null : c.error;
};
const val = (text: string, rule: Parameters<typeof checkNumber>[1]) => {
  const c = checkNumber(text, rule);
  return c.ok ? c.value : 'refused';
};

describe('numbers as typed', () => {
  it('refuses the curriculum findings with their range instead of saving 9, 4 or 2', () => {
    expect(err('99', CURRICULUM_HOURS)).toBe('Не больше 40 часов');
    expect(err('45', CURRICULUM_HOURS)).toBe('Не больше 40 часов');
    expect(err('-2', CURRICULUM_HOURS)).toBe('Не меньше 0 часов');
    expect(err('1,3', CURRICULUM_HOURS)).toBe('Целое число или с половиной, например 1,5');
    expect(val('', CURRICULUM_HOURS)).toBe(null);
    expect(val('1,5', CURRICULUM_HOURS)).toBe(1.5);
    expect(val('1.5', CURRICULUM_HOURS)).toBe(1.5);
    expect(val('40', CURRICULUM_HOURS)).toBe(40);
  });

  it('refuses −3 hours of an assignment (typed with a hyphen or a minus sign)', () => {
    expect(err('-3', WEEKLY_HOURS)).toBe('Не меньше 0,5 часа');
    expect(err('\u22123', WEEKLY_HOURS)).toBe('Не меньше 0,5 часа');
    expect(err('0', WEEKLY_HOURS)).toBe('Не меньше 0,5 часа');
    expect(val('2,5', WEEKLY_HOURS)).toBe(2.5);
  });

  it('names a rate below zero and seats below one, with the numeral agreeing', () => {
    expect(err('-5', { min: 0, max: 60, step: 0.1, unit: HOURS })).toBe('Не меньше 0 часов');
    expect(err('18,25', { min: 0, max: 60, step: 0.1, unit: HOURS })).toBe('Не больше одного знака после запятой');
    const seats = { min: 1, max: 500, step: 1 as const, unit: PLACES, optional: true };
    expect(err('-10', seats)).toBe('Не меньше 1 места');
    expect(err('501', seats)).toBe('Не больше 500 мест');
    expect(err('12,5', seats)).toBe('Только целое число');
    expect(val('', seats)).toBe(null);
    expect(err('5', { min: 21, max: 60, unit: HOURS })).toBe('Не меньше 21 часа');
  });

  it('gives huge and non-decimal numbers a sensible message', () => {
    expect(err('1e400', WEEKLY_HOURS)).toBe('Введите число цифрами, например 18 или 18,5');
    expect(err('1' + '0'.repeat(400), WEEKLY_HOURS)).toBe('Не больше 40 часов');
    expect(err('abc', { min: 0, max: 10, step: 1 })).toBe('Введите целое число цифрами, например 25');
    expect(err('', { min: 0, max: 10 })).toBe('Укажите число');
    expect(err('Infinity', WEEKLY_HOURS)).toMatch(/^Введите число/);
    expect(val('1 000', { min: 0, max: 5000, step: 1 })).toBe(1000);
  });

  it('shows stored numbers the Russian way', () => {
    expect(numberText(1.5)).toBe('1,5');
    expect(numberText(null)).toBe('');
  });
});

describe('texts', () => {
  it('names a text longer than the core takes, with how long it is; nothing is cut', () => {
    expect(tooLong('Ф'.repeat(5000), MAX.namePart, 'Фамилия')).toBe('Поле «Фамилия» — не более 60 символов (сейчас 5\u00a0000)');
    expect(tooLong('Ф'.repeat(60), MAX.namePart, 'Фамилия')).toBe(undefined);
    expect(tooLong(`  ${'Ф'.repeat(60)}  `, MAX.namePart, 'Фамилия')).toBe(undefined);
    expect(tooLong(null, MAX.namePart, 'Фамилия')).toBe(undefined);
  });

  it('takes one or two Cyrillic letters for a class and names the rest', () => {
    expect(classLettersError(['А', 'Б', 'ИТ'])).toBe(undefined);
    expect(classLettersError(['АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯАБВГДЕЖЗИЙК'])).toBe('Литера «АБВГДЕЖЗИЙКЛ…» — не больше 2 букв (например, «А» или «ИТ»)');
    expect(classLettersError(['D'])).toBe('Литера «D» — латинскими буквами: нужны русские (А, Б, В…)');
    expect(classLettersError(['А', '1'])).toBe('Литера «1» — только русские буквы (А, Б, В…)');
  });
});

describe('dates typed with dots', () => {
  const typeKeys = (keys: string) => [...keys].reduce((text, ch) => dateTyping(text, text + ch), '');

  it('«12.05.2019» typed key by key stays «12.05.2019» (was «12..05.201»)', () => {
    expect(typeKeys('12.05.2019')).toBe('12.05.2019');
    expect(parseRuDate(typeKeys('12.05.2019'))).toEqual({ ok: true, iso: '2019-05-12' });
  });

  it('digits only still get their dots; d.m.yyyy is typed as it is and read', () => {
    expect(typeKeys('12052019')).toBe('12.05.2019');
    expect(typeKeys('1.5.2019')).toBe('1.5.2019');
    expect(parseRuDate('1.5.2019')).toEqual({ ok: true, iso: '2019-05-01' });
  });

  it('keeps a paste, an edit and a deletion as they are', () => {
    expect(dateTyping('', '12.05.2019')).toBe('12.05.2019');
    expect(dateTyping('', '12052019')).toBe('12.05.2019');
    expect(dateTyping('12.', '12')).toBe('12');
    expect(dateTyping('', '12 мая 2019 года, понедельник')).toBe('12 мая 2019 года, понедельник');
  });
});
