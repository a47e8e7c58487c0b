import { describe, expect, it } from 'vitest';
import {
  className,
  formatRuDate,
  normalizeClassName,
  normalizeEmail,
  normalizeGender,
  normalizePersonName,
  normalizePhone,
  normalizeSnils,
  parseRateHours,
  parseRuDate,
  parseYesNo,
  snilsChecksumOk,
  splitFullName,
  splitSubjects,
} from '../../electron/import';
import { validSnils } from './helpers';

describe('parseRuDate', () => {
  const today = '2025-09-01';
  it('reads dd.mm.yyyy and d.m.yyyy', () => {
    expect(parseRuDate('15.03.2015', today)).toBe('2015-03-15');
    expect(parseRuDate('5.3.2015', today)).toBe('2015-03-05');
    expect(parseRuDate(' 05.03.2015 ', today)).toBe('2015-03-05');
  });
  it('reads ISO and other separators', () => {
    expect(parseRuDate('2015-03-15', today)).toBe('2015-03-15');
    expect(parseRuDate('15/03/2015', today)).toBe('2015-03-15');
    expect(parseRuDate('15-03-2015', today)).toBe('2015-03-15');
  });
  it('tolerates a year suffix and a time of day', () => {
    expect(parseRuDate('15.03.2015 г.', today)).toBe('2015-03-15');
    expect(parseRuDate('15.03.2015 0:00:00', today)).toBe('2015-03-15');
    expect(parseRuDate('2015-03-15T00:00:00Z', today)).toBe('2015-03-15');
  });
  it('expands two-digit years relative to today', () => {
    expect(parseRuDate('15.03.15', today)).toBe('2015-03-15');
    expect(parseRuDate('01.01.25', today)).toBe('2025-01-01');
    expect(parseRuDate('01.01.26', today)).toBe('1926-01-01');
    expect(parseRuDate('10.10.85', today)).toBe('1985-10-10');
  });
  it('rejects impossible and non-dates', () => {
    expect(parseRuDate('31.02.2015', today)).toBeNull();
    expect(parseRuDate('29.02.2015', today)).toBeNull();
    expect(parseRuDate('29.02.2016', today)).toBe('2016-02-29');
    expect(parseRuDate('00.01.2015', today)).toBeNull();
    expect(parseRuDate('15.13.2015', today)).toBeNull();
    expect(parseRuDate('весной 2015', today)).toBeNull();
    expect(parseRuDate('', today)).toBeNull();
    expect(parseRuDate('42000', today)).toBeNull();
  });
  it('uses the current date by default', () => {
    expect(parseRuDate('01.02.2003')).toBe('2003-02-01');
  });
});

describe('formatRuDate', () => {
  it('formats ISO as dd.mm.yyyy', () => {
    expect(formatRuDate('2015-03-05')).toBe('05.03.2015');
    expect(formatRuDate('not a date')).toBe('not a date');
  });
});

describe('СНИЛС', () => {
  it('normalizes with or without separators', () => {
    expect(normalizeSnils('11223344595')).toBe('112-233-445 95');
    expect(normalizeSnils('112-233-445 95')).toBe('112-233-445 95');
    expect(normalizeSnils('112 233 445 95')).toBe('112-233-445 95');
    expect(normalizeSnils('112-233-445-95')).toBe('112-233-445 95');
  });
  it('rejects wrong length and letters', () => {
    expect(normalizeSnils('1122334459')).toBeNull();
    expect(normalizeSnils('112233445951')).toBeNull();
    expect(normalizeSnils('112-233-445 9X')).toBeNull();
    expect(normalizeSnils('')).toBeNull();
  });
  it('restores leading zeros lost in a number cell when the checksum confirms them', () => {
    const s = validSnils(12345678); // 012-345-678 ..
    const digits = s.replace(/\D/g, '').replace(/^0+/, '');
    expect(normalizeSnils(digits)).toBe(s);
  });
  it('checks the control number', () => {
    expect(snilsChecksumOk('112-233-445 95')).toBe(true);
    expect(snilsChecksumOk('11223344595')).toBe(true);
    expect(snilsChecksumOk('112-233-445 96')).toBe(false);
    expect(snilsChecksumOk('123')).toBe(false);
  });
  it('handles sums below 100, of 100 and 101, above 101 and ≡ 100 mod 101', () => {
    expect(snilsChecksumOk('112-233-445 95')).toBe(true); // 95 as is
    expect(snilsChecksumOk('920-000-003 00')).toBe(true); // 81+16+3 = 100 → 00
    expect(snilsChecksumOk('920-000-004 00')).toBe(true); // 101 → 00
    expect(snilsChecksumOk('920-000-004 01')).toBe(false);
    expect(snilsChecksumOk('999-999-999 01')).toBe(true); // 405 mod 101 = 1
    expect(snilsChecksumOk('996-100-000 00')).toBe(true); // 201 mod 101 = 100 → 00
    for (const nine of [100000000, 123456789, 987654321, 555555555, 190000001]) {
      expect(snilsChecksumOk(validSnils(nine))).toBe(true);
    }
  });
  it('does not check numbers up to 001-001-998', () => {
    expect(snilsChecksumOk('001-001-998 77')).toBe(true);
    expect(snilsChecksumOk('001-001-999 77')).toBe(false);
  });
});

describe('normalizeClassName', () => {
  it('accepts the usual spellings', () => {
    for (const s of ['5а', '5 А', '5А', '5-а', '5«А»', '5 "а"', '5 А класс', '5а кл.', ' 5  а ']) {
      expect(normalizeClassName(s), s).toEqual({ grade: 5, letter: 'А' });
    }
    expect(normalizeClassName('11Б')).toEqual({ grade: 11, letter: 'Б' });
  });
  it('maps Latin look-alike letters to Cyrillic', () => {
    const pairs: [string, string][] = [
      ['A', 'А'], ['B', 'В'], ['E', 'Е'], ['K', 'К'], ['M', 'М'], ['H', 'Н'],
      ['O', 'О'], ['P', 'Р'], ['C', 'С'], ['T', 'Т'], ['X', 'Х'], ['a', 'А'], ['c', 'С'],
    ];
    for (const [latin, cyr] of pairs) expect(normalizeClassName(`7${latin}`)).toEqual({ grade: 7, letter: cyr });
  });
  it('accepts two-letter classes (issue 8: one or two Cyrillic letters)', () => {
    expect(normalizeClassName('10ИТ')).toEqual({ grade: 10, letter: 'ИТ' });
    expect(normalizeClassName('5 аб')).toEqual({ grade: 5, letter: 'АБ' });
  });
  it('accepts a class without a letter', () => {
    expect(normalizeClassName('3')).toEqual({ grade: 3, letter: '' });
  });
  it('rejects grades outside 1..11 and garbage', () => {
    expect(normalizeClassName('12А')).toBeNull();
    expect(normalizeClassName('0А')).toBeNull();
    expect(normalizeClassName('АБ')).toBeNull();
    expect(normalizeClassName('5АБВ')).toBeNull();
    expect(normalizeClassName('5Z')).toBeNull(); // a Latin letter without a Cyrillic look-alike
    expect(normalizeClassName('5' + 'Б'.repeat(40))).toBeNull();
    expect(normalizeClassName('')).toBeNull();
  });
  it('builds display names', () => {
    expect(className({ grade: 5, letter: 'А' })).toBe('5А');
  });
});

describe('normalizeGender', () => {
  it('recognizes Russian and Latin forms in any case', () => {
    for (const s of ['м', 'М', 'муж', 'муж.', 'Мужской', 'm', 'M', 'мальчик']) expect(normalizeGender(s), s).toBe('m');
    for (const s of ['ж', 'Ж', 'жен', 'ЖЕН.', 'женский', 'f', 'F', 'девочка']) expect(normalizeGender(s), s).toBe('f');
  });
  it('returns null for empty and unknown values', () => {
    expect(normalizeGender('')).toBeNull();
    expect(normalizeGender('x')).toBeNull();
    expect(normalizeGender('мж')).toBeNull();
  });
});

describe('normalizePersonName', () => {
  it('capitalizes each part and collapses spaces', () => {
    expect(normalizePersonName('иванов')).toBe('Иванов');
    expect(normalizePersonName('ИВАНОВА-ПЕТРОВА')).toBe('Иванова-Петрова');
    expect(normalizePersonName('  анна   мария ')).toBe('Анна Мария');
    expect(normalizePersonName('иванова - петрова')).toBe('Иванова-Петрова');
  });
  it('keeps ё as written', () => {
    expect(normalizePersonName('СЕМЁН')).toBe('Семён');
    expect(normalizePersonName('семен')).toBe('Семен');
  });
  it('keeps patronymic particles in lower case', () => {
    expect(normalizePersonName('РУСТАМ ОГЛЫ')).toBe('Рустам оглы');
    expect(normalizePersonName('гусейн-оглы')).toBe('Гусейн-оглы');
  });
  it('capitalizes initials too (they are rejected later, but shown readably)', () => {
    expect(normalizePersonName('сидорова а.и.')).toBe('Сидорова А.И.');
  });
  it('returns empty for blank input', () => {
    expect(normalizePersonName('   ')).toBe('');
  });
});

describe('splitFullName', () => {
  it('splits three and two parts', () => {
    expect(splitFullName('иванов иван иванович')).toEqual({
      ok: true,
      name: { lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' },
    });
    expect(splitFullName('Смит Джон')).toEqual({ ok: true, name: { lastName: 'Смит', firstName: 'Джон', middleName: null } });
  });
  it('appends оглы / кызы to the patronymic', () => {
    expect(splitFullName('Алиев Рашид Рустам Оглы')).toEqual({
      ok: true,
      name: { lastName: 'Алиев', firstName: 'Рашид', middleName: 'Рустам оглы' },
    });
    expect(splitFullName('Алиева Айгуль Рашид кызы')).toMatchObject({ name: { middleName: 'Рашид кызы' } });
  });
  it('rejects one word and too many words', () => {
    expect(splitFullName('Иванов')).toEqual({ ok: false, message: 'ФИО «Иванов»: нужны как минимум фамилия и имя' });
    expect(splitFullName('Иванов Иван Иванович Петров', 'ФИО матери')).toEqual({
      ok: false,
      message: 'Не удалось разобрать ФИО матери «Иванов Иван Иванович Петров»: слишком много слов',
    });
  });
});

describe('normalizePhone', () => {
  it('normalizes Russian numbers', () => {
    for (const s of ['8 912 345-67-89', '+79123456789', '9123456789', '+7 (912) 345-67-89', '8(912)3456789', '7 912 345 67 89']) {
      expect(normalizePhone(s), s).toBe('+7 (912) 345-67-89');
    }
    expect(normalizePhone('8 495 123-45-67')).toBe('+7 (495) 123-45-67');
  });
  it('rejects unparseable numbers', () => {
    for (const s of ['12345', '+8 912 345-67-89', '+1 212 555 0100', '8 912 345-67-89, 8 913 000-00-00', 'нет', '1234567890', '']) {
      expect(normalizePhone(s), s).toBeNull();
    }
  });
});

describe('normalizeEmail', () => {
  it('accepts and lower-cases addresses', () => {
    expect(normalizeEmail(' Ivanova@Mail.RU ')).toBe('ivanova@mail.ru');
    expect(normalizeEmail('a.b-c+d@school-5.edu.ru')).toBe('a.b-c+d@school-5.edu.ru');
    expect(normalizeEmail('мама@почта.рф')).toBe('мама@почта.рф');
  });
  it('rejects malformed addresses', () => {
    for (const s of ['ivanova', 'ivanova@', '@mail.ru', 'iva nova@mail.ru', 'a@b', 'a@@b.ru', 'a..b@mail.ru', 'a@mail.ru, b@mail.ru']) {
      expect(normalizeEmail(s), s).toBeNull();
    }
  });
});

describe('small value parsers', () => {
  it('parseYesNo', () => {
    for (const s of ['да', 'Да', 'ДА', '+', '1', 'истина', 'отказ']) expect(parseYesNo(s), s).toBe(true);
    for (const s of ['нет', 'Нет', '-', '0', '', 'ложь']) expect(parseYesNo(s), s).toBe(false);
    expect(parseYesNo('может быть')).toBeNull();
  });
  it('parseRateHours', () => {
    expect(parseRateHours('18')).toBe(18);
    expect(parseRateHours('18,0')).toBe(18);
    expect(parseRateHours('36 ч.')).toBe(36);
    expect(parseRateHours('20 часов')).toBe(20);
    expect(parseRateHours('0')).toBeNull();
    expect(parseRateHours('41')).toBeNull();
    expect(parseRateHours('много')).toBeNull();
  });
  it('splitSubjects', () => {
    expect(splitSubjects('математика, Физика; информатика\nМатематика')).toEqual(['Математика', 'Физика', 'Информатика']);
    expect(splitSubjects('')).toEqual([]);
    expect(splitSubjects('ОБЖ')).toEqual(['ОБЖ']);
  });
});
