// Russian as people write it (issue 8, point 6): one plural helper for every count, and names
// declined by lvovich through one wrapper.
import { describe, expect, it } from 'vitest';
import { countOf, countWith, plural, WORDS } from '../../electron/api/plural';
import { declineFullName, declineName, genderOfName, relationGender, surnameFits } from '../../electron/api/declension';

describe('plural agreement', () => {
  const student = (n: number) => countWith(n, WORDS.student);
  it('agrees the noun with the number, as in «1 ученик», «24 ученика», «5 учеников»', () => {
    expect([0, 1, 2, 3, 4, 5, 10, 11, 12, 14, 19, 20, 21, 22, 24, 25, 100, 101, 111, 112, 121, 1000].map(student)).toEqual([
      '0 учеников', '1 ученик', '2 ученика', '3 ученика', '4 ученика', '5 учеников', '10 учеников', '11 учеников', '12 учеников',
      '14 учеников', '19 учеников', '20 учеников', '21 ученик', '22 ученика', '24 ученика', '25 учеников', '100 учеников',
      '101 ученик', '111 учеников', '112 учеников', '121 ученик', '1\u00a0000 учеников',
    ]);
  });
  it('takes the genitive singular after a fraction: «1,5 часа», «0,5 ставки»', () => {
    expect(countOf(1.5, 'час', 'часа', 'часов')).toBe('1,5 часа');
    expect(countOf(0.5, 'ставка', 'ставки', 'ставок')).toBe('0,5 ставки');
    expect(countOf(2, 'час', 'часа', 'часов')).toBe('2 часа');
  });
  it('agrees negative numbers by their size', () => {
    expect(plural(-1, 'день', 'дня', 'дней')).toBe('день');
    expect(plural(-12, 'день', 'дня', 'дней')).toBe('дней');
  });
  it('has the three forms of every word it offers', () => {
    for (const forms of Object.values(WORDS)) expect(forms).toHaveLength(3);
    expect(countWith(3, WORDS.class)).toBe('3 класса');
    expect(countWith(21, WORDS.staff)).toBe('21 сотрудник');
    expect(countWith(5, WORDS.record)).toBe('5 записей');
    expect(countWith(2, WORDS.row)).toBe('2 строки');
    expect(countWith(11, WORDS.hour)).toBe('11 часов');
  });
});

describe('names in the case a sentence needs', () => {
  it('declines «Фамилия Имя Отчество» for «у кого», «кому», «кого»', () => {
    const p = { lastName: 'Абрамов', firstName: 'Николай', middleName: 'Алексеевич' };
    expect(declineName(p, 'genitive')).toBe('Абрамова Николая Алексеевича');
    expect(declineName(p, 'dative')).toBe('Абрамову Николаю Алексеевичу');
    expect(declineName(p, 'accusative')).toBe('Абрамова Николая Алексеевича');
    expect(declineName(p, 'nominative')).toBe('Абрамов Николай Алексеевич');
    expect(declineFullName('Иванова Анна Сергеевна', 'genitive')).toBe('Ивановой Анны Сергеевны');
    expect(declineFullName('Сёмина Алёна Викторовна', 'dative')).toBe('Сёминой Алёне Викторовне');
  });
  it('keeps surnames that do not decline, and uses the known gender where the name does not show it', () => {
    expect(declineFullName('Шевченко Дарья Андреевна', 'accusative')).toBe('Шевченко Дарью Андреевну');
    expect(declineFullName('Ковальчук Мария Ивановна', 'genitive')).toBe('Ковальчук Марии Ивановны');
    expect(declineFullName('Ковальчук Иван Иванович', 'genitive')).toBe('Ковальчука Ивана Ивановича');
    expect(declineFullName('Ким Алина', 'genitive', 'f')).toBe('Ким Алины');
    expect(declineFullName('Римский-Корсаков Николай Андреевич', 'genitive')).toBe('Римского-Корсакова Николая Андреевича');
    expect(declineFullName('Алиев Рашид Рустам оглы', 'genitive')).toBe('Алиева Рашида Рустам оглы');
  });
  it('leaves a text that is not a full name as it is', () => {
    expect(declineFullName('Иванов', 'genitive')).toBe('Иванов');
  });
  it('tells whether a surname fits a man or a woman, and the gender a relation says', () => {
    expect(surnameFits('Абрамов', 'm')).toBe(true);
    expect(surnameFits('Абрамов', 'f')).toBe(false);
    expect(surnameFits('Абрамова', 'm')).toBe(false);
    expect(surnameFits('Градский', 'f')).toBe(false);
    expect(surnameFits('Ковальчук', 'f')).toBe(true);
    expect(surnameFits('Шевченко', 'm')).toBe(true);
    expect(surnameFits('Черных', 'f')).toBe(true);
    expect(relationGender('мать')).toBe('f');
    expect(relationGender('Бабушка')).toBe('f');
    expect(relationGender('отец')).toBe('m');
    expect(relationGender('опекун')).toBeNull();
    expect(relationGender('законный представитель')).toBeNull();
    expect(genderOfName({ lastName: 'Иванова', firstName: 'Анна', middleName: 'Сергеевна' })).toBe('f');
    expect(genderOfName({ lastName: 'Ким', firstName: 'Саша' })).toBeNull();
  });
});
