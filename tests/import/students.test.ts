import { describe, expect, it } from 'vitest';
import { recognizeColumns, validateStudents, type RowError } from '../../electron/import';
import { ctx, sheet, validSnils } from './helpers';

const HEADERS = [
  'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'СНИЛС', 'Класс', 'Адрес', '№ личного дела',
  'ФИО матери', 'Телефон матери', 'E-mail матери', 'ФИО отца', 'Телефон отца',
  'Законный представитель', 'Телефон представителя', 'Согласие на обработку ПДн', 'Отказ от электронного дневника',
];
const MAPPING = recognizeColumns('students', HEADERS);

/** A row by header name; unspecified cells are empty. */
function row(values: Partial<Record<(typeof HEADERS)[number], string>>): string[] {
  return HEADERS.map((h) => values[h] ?? '');
}
const ivanov = { Фамилия: 'Иванов', Имя: 'Иван', 'Дата рождения': '01.02.2015', Класс: '5А' };

function run(rows: string[][], context = ctx()) {
  return validateStudents(sheet(HEADERS, rows), MAPPING, context);
}
function messages(errors: RowError[]) {
  return errors.map((e) => `${e.row} ${e.column}: ${e.message}`);
}

describe('validateStudents: good rows', () => {
  it('builds a full draft with normalized values and guardians', () => {
    const { drafts, errors } = run([
      row({
        Фамилия: ' ИВАНОВ ',
        Имя: 'иван',
        Отчество: 'петрович',
        'Дата рождения': '1.2.2015',
        Пол: 'муж',
        СНИЛС: '11223344595',
        Класс: '5 a',
        Адрес: 'г. Тула,  ул. Мира, 1',
        '№ личного дела': 'И-12',
        'ФИО матери': 'иванова мария сергеевна',
        'Телефон матери': '8 912 345-67-89',
        'E-mail матери': 'Mary@Mail.ru',
        'ФИО отца': 'Иванов Пётр',
        'Телефон отца': '9123456780',
        'Согласие на обработку ПДн': '25.08.2025',
        'Отказ от электронного дневника': 'да',
      }),
    ]);
    expect(errors).toEqual([]);
    expect(drafts).toEqual([
      {
        row: 2,
        lastName: 'Иванов',
        firstName: 'Иван',
        middleName: 'Петрович',
        birthDate: '2015-02-01',
        gender: 'm',
        snils: '112-233-445 95',
        grade: 5,
        letter: 'А',
        address: 'г. Тула, ул. Мира, 1',
        personalFileNo: 'И-12',
        guardians: [
          {
            lastName: 'Иванова',
            firstName: 'Мария',
            middleName: 'Сергеевна',
            relation: 'мать',
            phone: '+7 (912) 345-67-89',
            email: 'mary@mail.ru',
            pdConsentDate: '2025-08-25',
            eServiceRefused: true,
            columns: {
              name: 'ФИО матери',
              relation: 'ФИО матери',
              phone: 'Телефон матери',
              email: 'E-mail матери',
              consent: 'Согласие на обработку ПДн',
              refused: 'Отказ от электронного дневника',
            },
          },
          {
            lastName: 'Иванов',
            firstName: 'Пётр',
            middleName: null,
            relation: 'отец',
            phone: '+7 (912) 345-67-80',
            email: null,
            pdConsentDate: '2025-08-25',
            eServiceRefused: true,
            columns: {
              name: 'ФИО отца',
              relation: 'ФИО отца',
              phone: 'Телефон отца',
              email: 'E-mail отца',
              consent: 'Согласие на обработку ПДн',
              refused: 'Отказ от электронного дневника',
            },
          },
        ],
        existingId: null,
      },
    ]);
  });

  it('accepts a legal representative and minimal rows', () => {
    const { drafts, errors } = run([
      row({ ...ivanov, 'Законный представитель': 'Сидорова Анна Ивановна', 'Телефон представителя': '+7 495 123 45 67' }),
      row({ Фамилия: 'Петров', Имя: 'Пётр', 'Дата рождения': '2010-05-05', Класс: '9в' }),
    ]);
    expect(errors).toEqual([]);
    // An empty refusal cell says nothing: a new representative is taken as not refusing.
    expect(drafts[0]!.guardians).toMatchObject([{ relation: 'законный представитель', phone: '+7 (495) 123-45-67', eServiceRefused: null }]);
    expect(drafts[1]).toMatchObject({ grade: 9, letter: 'В', gender: null, snils: null, address: null, personalFileNo: null, guardians: [] });
  });

  it('splits a full-name column', () => {
    const headers = ['ФИО', 'Д/р', 'Класс'];
    const s = sheet(headers, [['алиев рашид рустам оглы', '05.05.2014', '5Б']]);
    const { drafts, errors } = validateStudents(s, recognizeColumns('students', headers), ctx());
    expect(errors).toEqual([]);
    expect(drafts[0]).toMatchObject({ lastName: 'Алиев', firstName: 'Рашид', middleName: 'Рустам оглы', letter: 'Б' });
  });

  it('skips rows with nothing in the mapped columns and uses real row numbers', () => {
    const s = sheet([...HEADERS, 'Примечание'], [row(ivanov), [...row({}), 'итого 1'], row({ Фамилия: 'Петров' })], [2, 3, 10]);
    const { drafts, errors } = validateStudents(s, MAPPING, ctx());
    expect(drafts).toHaveLength(1);
    expect(errors.every((e) => e.row === 10)).toBe(true);
  });
});

describe('validateStudents: errors', () => {
  it('reports missing required fields', () => {
    const { drafts, errors } = run([row({ Пол: 'м' })]);
    expect(drafts).toEqual([]);
    expect(messages(errors)).toEqual([
      '2 Фамилия: Не заполнено обязательное поле «Фамилия»',
      '2 Имя: Не заполнено обязательное поле «Имя»',
      '2 Дата рождения: Не заполнено обязательное поле «Дата рождения»',
      '2 Класс: Не заполнено обязательное поле «Класс»',
    ]);
  });

  it('reports bad names', () => {
    const { errors } = run([
      row({ ...ivanov, Фамилия: 'Иван0в' }),
      row({ ...ivanov, Имя: 'Ивaн' }), // Latin «a»
      row({ ...ivanov, Отчество: 'И.' }),
    ]);
    expect(messages(errors)).toEqual([
      '2 Фамилия: Фамилия «Иван0в» содержит недопустимые символы',
      '3 Имя: Имя «Ивaн» содержит латинские буквы среди русских',
      '4 Отчество: Отчество «И.» содержит инициалы: нужно полное написание',
    ]);
  });

  it('reports a full name that cannot be split', () => {
    const headers = ['ФИО', 'Дата рождения', 'Класс'];
    const s = sheet(headers, [['Иванов', '01.02.2015', '5А'], ['', '01.02.2015', '5А']]);
    const { errors } = validateStudents(s, recognizeColumns('students', headers), ctx());
    expect(messages(errors)).toEqual([
      '2 ФИО: ФИО «Иванов»: нужны как минимум фамилия и имя',
      '3 ФИО: Не заполнено обязательное поле «ФИО»',
    ]);
  });

  it('reports wrong, impossible and future dates and a non-school age', () => {
    const { errors } = run([
      row({ ...ivanov, 'Дата рождения': '31.02.2015' }),
      row({ ...ivanov, 'Дата рождения': 'весна 2015' }),
      row({ ...ivanov, 'Дата рождения': '01.01.2030' }),
      row({ ...ivanov, 'Дата рождения': '01.01.2023' }),
      row({ ...ivanov, 'Дата рождения': '01.09.2004' }),
      row({ ...ivanov, 'Дата рождения': '02.09.2004' }),
      row({ ...ivanov, 'Дата рождения': '01.09.2020' }),
    ]);
    expect(messages(errors)).toEqual([
      '2 Дата рождения: Неверная дата «31.02.2015»: такой даты нет в календаре',
      '3 Дата рождения: Неверная дата «весна 2015»: ожидается дата вида ДД.ММ.ГГГГ',
      '4 Дата рождения: Дата «01.01.2030» ещё не наступила',
      '5 Дата рождения: Возраст 2 года (дата рождения 01.01.2023) не соответствует школьному: ожидается от 5 до 20 лет',
      '6 Дата рождения: Возраст 21 год (дата рождения 01.09.2004) не соответствует школьному: ожидается от 5 до 20 лет',
    ]);
  });

  it('reports wrong СНИЛС length and checksum', () => {
    const { errors } = run([row({ ...ivanov, СНИЛС: '112-233-445' }), row({ ...ivanov, Имя: 'Пётр', СНИЛС: '112-233-445 96' })]);
    expect(messages(errors)).toEqual([
      '2 СНИЛС: Неверный СНИЛС «112-233-445»: должно быть 11 цифр',
      '3 СНИЛС: Неверная контрольная сумма СНИЛС «112-233-445 96»',
    ]);
  });

  it('reports a wrong gender', () => {
    const { errors } = run([row({ ...ivanov, Пол: 'мальчик?' })]);
    expect(messages(errors)).toEqual(['2 Пол: Неверное значение пола «мальчик?»: ожидается «м» или «ж»']);
  });

  it('reports bad and unknown classes', () => {
    const { errors } = run([
      row({ ...ivanov, Класс: '5Г' }),
      row({ ...ivanov, Имя: 'Пётр', Класс: '12А' }),
      row({ ...ivanov, Имя: 'Олег', Класс: 'пятый' }),
      row({ ...ivanov, Имя: 'Антон', Класс: '5 g' }),
    ]);
    expect(messages(errors)).toEqual([
      '2 Класс: Класс «5Г» не найден в текущем учебном году',
      '3 Класс: Неверный класс «12А»: номер класса должен быть от 1 до 11',
      '4 Класс: Неверный класс «пятый»: ожидается номер и буква, например «5А»',
      '5 Класс: Неверный класс «5 g»: литера класса — одна или две русские буквы', // issue 8: a Latin letter is not a class letter
    ]);
  });

  it('matches classes of the context written with Latin or lower-case letters', () => {
    const { errors } = run([row({ ...ivanov, Класс: '5С' })], ctx({ classes: [{ grade: 5, letter: 'c' }] }));
    expect(errors).toEqual([]);
  });

  it('reports guardian problems: phone, e-mail, name, contacts without a name', () => {
    const { errors } = run([
      row({ ...ivanov, 'ФИО матери': 'Иванова Мария', 'Телефон матери': '12-34', 'E-mail матери': 'mary@' }),
      row({ ...ivanov, Имя: 'Пётр', 'Телефон отца': '89123456789' }),
      row({ ...ivanov, Имя: 'Олег', 'ФИО отца': 'Иванов' }),
      row({ ...ivanov, Имя: 'Антон', 'Законный представитель': 'Сидорова А.И.' }),
    ]);
    expect(messages(errors)).toEqual([
      '2 Телефон матери: Неверный номер телефона «12-34»: ожидается российский номер из 10 цифр с кодом',
      '2 E-mail матери: Неверный адрес электронной почты «mary@»',
      '3 ФИО отца: Указаны контакты, но не заполнено поле «ФИО отца»',
      '4 ФИО отца: ФИО отца «Иванов»: нужны как минимум фамилия и имя',
      '5 ФИО законного представителя: ФИО законного представителя «Сидорова А.И.» содержит инициалы: нужно полное написание',
    ]);
  });

  it('reports consent and refusal problems', () => {
    const { errors } = run([
      row({ ...ivanov, 'ФИО матери': 'Иванова Мария', 'Согласие на обработку ПДн': 'да', 'Отказ от электронного дневника': 'возможно' }),
      row({ ...ivanov, Имя: 'Пётр', 'Согласие на обработку ПДн': '01.09.2025', 'Отказ от электронного дневника': 'да' }),
      row({ ...ivanov, Имя: 'Олег', 'Отказ от электронного дневника': 'нет' }),
    ]);
    expect(messages(errors)).toEqual([
      '2 Согласие на обработку ПДн: Неверная дата «да»: ожидается дата вида ДД.ММ.ГГГГ',
      '2 Отказ от электронного дневника: Неверное значение «возможно»: ожидается «да» или «нет»',
      '3 Согласие на обработку ПДн: Указано согласие на обработку ПДн, но в строке не указаны ни мать, ни отец, ни законный представитель',
      '3 Отказ от электронного дневника: Указан отказ от электронного дневника, но в строке не указаны ни мать, ни отец, ни законный представитель',
    ]);
  });

  it('reports every error of a row separately', () => {
    const { errors } = run([row({ Фамилия: 'Иванов', Имя: 'Иван', 'Дата рождения': '31.02.2015', Пол: '?', СНИЛС: '1', Класс: '5Г' })]);
    expect(errors.map((e) => e.column)).toEqual(['Дата рождения', 'Пол', 'СНИЛС', 'Класс']);
    expect(errors.every((e) => e.row === 2)).toBe(true);
  });
});

describe('validateStudents: duplicates', () => {
  it('finds repeats inside the file by name + birth date and by СНИЛС', () => {
    const { drafts, errors } = run([
      row({ ...ivanov, СНИЛС: '112-233-445 95' }),
      row({ ...ivanov, Фамилия: 'ИВАНОВ', Класс: '5Б' }),
      row({ ...ivanov, Имя: 'Пётр', СНИЛС: '11223344595' }),
      row({ ...ivanov, Имя: 'Семён' }),
      row({ ...ivanov, Имя: 'Семен' }),
      row({ ...ivanov, 'Дата рождения': '02.02.2015' }),
    ]);
    expect(messages(errors)).toEqual([
      '3 Фамилия: Повторяет строку 2: те же ФИО и дата рождения',
      '4 СНИЛС: Повторяет строку 2: тот же СНИЛС «112-233-445 95»',
      '6 Фамилия: Повторяет строку 5: те же ФИО и дата рождения',
    ]);
    expect(drafts.map((d) => d.row)).toEqual([2, 5, 7]);
  });

  it('reports a repeat once when both СНИЛС and name match the same row', () => {
    const { errors } = run([row({ ...ivanov, СНИЛС: '11223344595' }), row({ ...ivanov, СНИЛС: '11223344595' })]);
    expect(messages(errors)).toEqual(['3 СНИЛС: Повторяет строку 2: тот же СНИЛС «112-233-445 95»']);
  });

  it('matches rows with students already in the school, by СНИЛС or by name and birth date', () => {
    const existing = [
      { id: 'st-1', lastName: 'Иванов', firstName: 'Семён', middleName: null, birthDate: '2015-02-01', snils: null },
      { id: 'st-2', lastName: 'Петров', firstName: 'Пётр', middleName: 'Петрович', birthDate: '2014-01-01', snils: '112-233-445 95' },
    ];
    const { drafts, errors } = run(
      [row({ ...ivanov, Имя: 'семен' }), row({ ...ivanov, СНИЛС: '11223344595' }), row({ ...ivanov, Имя: 'Олег' })],
      ctx({ existingStudents: existing }),
    );
    expect(messages(errors)).toEqual([]);
    expect(drafts.map((d) => [d.row, d.existingId])).toEqual([
      [2, 'st-1'],
      [3, 'st-2'],
      [4, null],
    ]);
  });

  it('refuses a row pointing at two students, and two rows at one student', () => {
    const existing = [
      { id: 'st-1', lastName: 'Иванов', firstName: 'Семён', middleName: null, birthDate: '2015-02-01', snils: null },
      { id: 'st-2', lastName: 'Петров', firstName: 'Пётр', middleName: 'Петрович', birthDate: '2014-01-01', snils: '112-233-445 95' },
    ];
    const conflict = run([row({ ...ivanov, Имя: 'Семён', СНИЛС: '11223344595' })], ctx({ existingStudents: existing }));
    expect(messages(conflict.errors)).toEqual([
      '2 СНИЛС: СНИЛС «112-233-445 95» — у ученика «Петров Пётр Петрович, 01.01.2014», а фамилия, имя, отчество и дата рождения — у ученика «Иванов Семён, 01.02.2015»: непонятно, чьи данные исправить',
    ]);
    // One row finds Петров by name and birth date, the next by СНИЛС (with the surname changed).
    const twice = run(
      [
        row({ ...ivanov, Фамилия: 'Петров', Имя: 'Пётр', Отчество: 'Петрович', 'Дата рождения': '01.01.2014' }),
        row({ ...ivanov, Фамилия: 'Петрова', Имя: 'Пётр', СНИЛС: '112-233-445 95' }),
      ],
      ctx({ existingStudents: existing }),
    );
    expect(messages(twice.errors)).toEqual(['3 Фамилия: Тот же ученик, что в строке 2: Петров Пётр Петрович, 01.01.2014']);
    expect(twice.drafts.map((d) => [d.row, d.existingId])).toEqual([[2, 'st-2']]);
  });

  it('blames the full-name column when names come from it', () => {
    const headers = ['ФИО', 'Дата рождения', 'Класс'];
    const s = sheet(headers, [['Иванов Иван', '01.02.2015', '5А'], ['иванов иван', '01.02.2015', '5А']]);
    const { errors } = validateStudents(s, recognizeColumns('students', headers), ctx());
    expect(messages(errors)).toEqual(['3 ФИО: Повторяет строку 2: те же ФИО и дата рождения']);
  });
});

describe('validateStudents: a whole school', () => {
  it('validates 5000 full rows without false alarms', () => {
    const rows: string[][] = [];
    for (let i = 0; i < 5000; i++) {
      rows.push(
        row({
          Фамилия: `Иванов${String.fromCharCode(0x430 + (i % 32))}${String.fromCharCode(0x430 + ((i >> 5) % 32))}`,
          Имя: 'Иван',
          Отчество: 'Иванович',
          'Дата рождения': `${(i % 28) + 1}.${(i % 12) + 1}.${2008 + (i % 10)}`,
          Пол: i % 2 ? 'м' : 'ж',
          СНИЛС: validSnils(100000000 + i * 7),
          Класс: ['5А', '5 б', '9-В', '11a', '1А'][i % 5]!,
          Адрес: 'г. Тула, ул. Ленина, д. 1',
          'ФИО матери': 'Иванова Мария Ивановна',
          'Телефон матери': '8 912 345-67-89',
          'E-mail матери': 'ivanova@mail.ru',
          'ФИО отца': 'Иванов Иван Петрович',
          'Телефон отца': '+79123456780',
          'Согласие на обработку ПДн': '01.09.2024',
        }),
      );
    }
    const s = sheet(HEADERS, rows);
    const context = ctx({
      existingStudents: Array.from({ length: 1000 }, (_, i) => ({
        id: `st-${i}`,
        lastName: `Сидоров${i}`,
        firstName: 'Олег',
        middleName: null,
        birthDate: '2012-01-01',
        snils: null,
      })),
    });
    // Speed is measured by `npm run bench` (validate_5000_student_rows), not here.
    const result = validateStudents(s, MAPPING, context);
    expect(result.errors).toEqual([]);
    expect(result.drafts).toHaveLength(5000);
  });
});

describe('validateStudents: numbered representatives', () => {
  const headers = [
    'Класс', 'Фамилия', 'Имя', 'Дата рождения',
    'Представитель 1 — ФИО', 'Представитель 1 — кем приходится', 'Представитель 1 — телефон', 'Представитель 1 — согласие на обработку ПДн', 'Представитель 1 — отказ от электронного дневника',
    'Представитель 2 — ФИО', 'Представитель 2 — кем приходится', 'Представитель 2 — телефон',
  ];
  const run2 = (rows: string[][]) => validateStudents(sheet(headers, rows), recognizeColumns('students', headers), ctx());
  it('reads each representative with the relation as written, and their own consent and refusal', () => {
    const { drafts, errors } = run2([
      ['5А', 'Иванов', 'Иван', '01.02.2015', 'Иванова Мария Сергеевна', 'мать', '8 912 345-67-89', '25.08.2025', 'да', 'Петрова Нина Ивановна', 'бабушка', ''],
    ]);
    expect(errors).toEqual([]);
    expect(drafts[0]!.guardians).toMatchObject([
      { lastName: 'Иванова', relation: 'мать', phone: '+7 (912) 345-67-89', pdConsentDate: '2025-08-25', eServiceRefused: true, columns: { phone: 'Представитель 1 — телефон' } },
      { lastName: 'Петрова', relation: 'бабушка', phone: null, pdConsentDate: null, eServiceRefused: null, columns: { relation: 'Представитель 2 — кем приходится' } },
    ]);
  });
  it('names the numbered column of a wrong value, and refuses data without a name', () => {
    const { errors } = run2([
      ['5А', 'Иванов', 'Иван', '01.02.2015', 'Иванова Мария', 'мать', '123', '', 'может быть', '', 'отец', ''],
    ]);
    expect(messages(errors)).toEqual([
      '2 Представитель 1 — телефон: Неверный номер телефона «123»: ожидается российский номер из 10 цифр с кодом',
      '2 Представитель 1 — отказ от электронного дневника: Неверное значение «может быть»: ожидается «да» или «нет»',
      '2 Представитель 2 — ФИО: Указаны данные представителя, но не заполнено поле «Представитель 2 — ФИО»',
    ]);
  });
});
