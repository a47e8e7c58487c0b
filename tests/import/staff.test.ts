import { describe, expect, it } from 'vitest';
import { recognizeColumns, validateStaff, type RowError } from '../../electron/import';
import { ctx, sheet } from './helpers';

const HEADERS = ['ФИО', 'Дата рождения', 'Пол', 'СНИЛС', 'Телефон', 'Эл. почта', 'Должность', 'Предметы', 'Ставка'];
const MAPPING = recognizeColumns('staff', HEADERS);

function row(values: Partial<Record<(typeof HEADERS)[number], string>>): string[] {
  return HEADERS.map((h) => values[h] ?? '');
}
function run(rows: string[][], context = ctx()) {
  return validateStaff(sheet(HEADERS, rows), MAPPING, context);
}
function messages(errors: RowError[]) {
  return errors.map((e) => `${e.row} ${e.column}: ${e.message}`);
}

describe('validateStaff: good rows', () => {
  it('builds drafts with defaults and normalized values', () => {
    const { drafts, errors } = run([
      row({
        ФИО: 'петрова анна сергеевна',
        'Дата рождения': '12.04.85',
        Пол: 'Ж',
        СНИЛС: '112 233 445 95',
        Телефон: '8(912)345-67-89',
        'Эл. почта': 'Petrova@School.ru',
        Должность: 'заместитель директора по УВР',
        Предметы: 'математика, информатика',
        Ставка: '18,0',
      }),
      row({ ФИО: 'Сидоров Олег' }),
    ]);
    expect(errors).toEqual([]);
    expect(drafts).toEqual([
      {
        row: 2,
        lastName: 'Петрова',
        firstName: 'Анна',
        middleName: 'Сергеевна',
        birthDate: '1985-04-12',
        gender: 'f',
        snils: '112-233-445 95',
        phone: '+7 (912) 345-67-89',
        email: 'petrova@school.ru',
        position: 'Заместитель директора по УВР',
        subjects: ['Математика', 'Информатика'],
        rateHours: 18,
      },
      {
        row: 3,
        lastName: 'Сидоров',
        firstName: 'Олег',
        middleName: null,
        birthDate: null,
        gender: null,
        snils: null,
        phone: null,
        email: null,
        position: 'Учитель',
        subjects: [],
        rateHours: 18,
      },
    ]);
  });

  it('reads separate name columns and subjects on several lines', () => {
    const headers = ['Фамилия', 'Имя', 'Отчество', 'Предметы'];
    const s = sheet(headers, [['ИВАНОВ', 'иван', '', 'Физика\nАстрономия']]);
    const { drafts, errors } = validateStaff(s, recognizeColumns('staff', headers), ctx());
    expect(errors).toEqual([]);
    expect(drafts[0]).toMatchObject({ lastName: 'Иванов', firstName: 'Иван', middleName: null, subjects: ['Физика', 'Астрономия'] });
  });
});

describe('validateStaff: errors', () => {
  it('reports missing names', () => {
    const { drafts, errors } = run([row({ Должность: 'Учитель' })]);
    expect(drafts).toEqual([]);
    expect(messages(errors)).toEqual(['2 ФИО: Не заполнено обязательное поле «ФИО»']);
  });

  it('reports each wrong value', () => {
    const { errors } = run([
      row({
        ФИО: 'Петрова Анна',
        'Дата рождения': '30.02.1985',
        Пол: 'жжж',
        СНИЛС: '112-233-445 96',
        Телефон: '345-67-89',
        'Эл. почта': 'petrova@school',
        Ставка: 'полная',
      }),
      row({ ФИО: 'Сидоров Олег', 'Дата рождения': '01.01.2015', Ставка: '50' }),
      row({ ФИО: 'Кузнецов Иван', 'Дата рождения': '01.01.2026' }),
    ]);
    expect(messages(errors)).toEqual([
      '2 Дата рождения: Неверная дата «30.02.1985»: такой даты нет в календаре',
      '2 Пол: Неверное значение пола «жжж»: ожидается «м» или «ж»',
      '2 СНИЛС: Неверная контрольная сумма СНИЛС «112-233-445 96»',
      '2 Телефон: Неверный номер телефона «345-67-89»: ожидается российский номер из 10 цифр с кодом',
      '2 E-mail: Неверный адрес электронной почты «petrova@school»',
      '2 Ставка (часов): Неверная ставка «полная»: ожидается число часов в неделю от 1 до 40',
      '3 Дата рождения: Возраст 10 лет (дата рождения 01.01.2015) не соответствует возрасту сотрудника: ожидается от 16 до 100 лет',
      '3 Ставка (часов): Неверная ставка «50»: ожидается число часов в неделю от 1 до 40',
      '4 Дата рождения: Дата «01.01.2026» ещё не наступила',
    ]);
  });
});

describe('validateStaff: duplicates', () => {
  it('finds repeats in the file; a missing birth date matches any', () => {
    const { drafts, errors } = run([
      row({ ФИО: 'Петрова Анна', 'Дата рождения': '12.04.1985', СНИЛС: '11223344595' }),
      row({ ФИО: 'петрова анна' }),
      row({ ФИО: 'Сидоров Олег', СНИЛС: '112-233-445 95' }),
      row({ ФИО: 'Орлов Пётр', 'Дата рождения': '01.01.1970' }),
      row({ ФИО: 'Орлов Петр', 'Дата рождения': '02.02.1972' }),
      row({ ФИО: 'Орлов Пётр', 'Дата рождения': '01.01.1970' }),
    ]);
    expect(messages(errors)).toEqual([
      '3 ФИО: Повторяет строку 2: те же ФИО (дата рождения указана не в обеих строках)',
      '4 СНИЛС: Повторяет строку 2: тот же СНИЛС «112-233-445 95»',
      '7 ФИО: Повторяет строку 5: те же ФИО и дата рождения',
    ]);
    expect(drafts.map((d) => d.row)).toEqual([2, 5, 6]);
  });

  it('finds staff already in the school', () => {
    const existingStaff = [
      { lastName: 'Петрова', firstName: 'Анна', middleName: null, birthDate: null, snils: null },
      { lastName: 'Орлов', firstName: 'Пётр', middleName: null, birthDate: '1970-01-01', snils: '112-233-445 95' },
    ];
    const { drafts, errors } = run(
      [
        row({ ФИО: 'Петрова Анна', 'Дата рождения': '12.04.1985' }),
        row({ ФИО: 'Сидоров Олег', СНИЛС: '11223344595' }),
        row({ ФИО: 'Орлов Пётр', 'Дата рождения': '02.01.1970' }),
      ],
      ctx({ existingStaff }),
    );
    expect(messages(errors)).toEqual([
      '2 ФИО: Сотрудник уже есть в школе: Петрова Анна',
      '3 СНИЛС: Сотрудник уже есть в школе: СНИЛС «112-233-445 95» у сотрудника «Орлов Пётр, 01.01.1970»',
    ]);
    expect(drafts.map((d) => d.row)).toEqual([4]);
  });
});
