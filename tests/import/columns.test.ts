import { describe, expect, it } from 'vitest';
import { checkMapping, fieldsFor, recognizeColumns } from '../../electron/import';

describe('fieldsFor', () => {
  it('lists student fields with Russian labels and required flags', () => {
    const fields = fieldsFor('students');
    const required = fields.filter((f) => f.required).map((f) => f.label);
    expect(required).toEqual(['Фамилия', 'Имя', 'Дата рождения', 'Класс']);
    expect(fields.find((f) => f.key === 'fullName')?.replaces).toEqual(['lastName', 'firstName', 'middleName']);
    expect(fields.map((f) => f.key)).toContain('eServiceRefused');
  });
  it('lists staff fields', () => {
    const fields = fieldsFor('staff');
    expect(fields.filter((f) => f.required).map((f) => f.key)).toEqual(['lastName', 'firstName']);
    expect(fields.map((f) => f.key)).toEqual([
      'fullName', 'lastName', 'firstName', 'middleName', 'birthDate', 'gender', 'snils', 'phone', 'email',
      'position', 'subjects', 'rateHours',
    ]);
  });
});

describe('recognizeColumns: students', () => {
  it('recognizes the usual Russian headers', () => {
    const headers = [
      '№ п/п', 'Фамилия', 'ИМЯ', 'Отчество ', 'Д/р', 'Пол', 'СНИЛС', 'Класс', 'Адрес проживания', '№ личного дела',
      'ФИО матери', 'Телефон матери', 'E-mail матери', 'Отец', 'Тел. отца', 'Представитель', 'Телефон представителя',
      'Согласие на обработку ПДн', 'Отказ от электронного дневника', 'Классный руководитель', 'Место работы матери',
    ];
    expect(recognizeColumns('students', headers)).toEqual({
      fullName: null,
      lastName: 1,
      firstName: 2,
      middleName: 3,
      birthDate: 4,
      gender: 5,
      snils: 6,
      className: 7,
      address: 8,
      personalFileNo: 9,
      motherName: 10,
      motherPhone: 11,
      motherEmail: 12,
      fatherName: 13,
      fatherPhone: 14,
      fatherEmail: null,
      guardianName: 15,
      guardianPhone: 16,
      guardianEmail: null,
      pdConsentDate: 17,
      eServiceRefused: 18,
    });
  });
  it('is case-, space-, ё- and punctuation-insensitive', () => {
    const m = recognizeColumns('students', ['  ф.и.о. ', 'ДАТА  РОЖДЕНИЯ', 'класс:', 'Мать (ФИО)', 'Эл. почта отца', 'Законный представитель']);
    expect(m).toMatchObject({ fullName: 0, birthDate: 1, className: 2, motherName: 3, fatherEmail: 4, guardianName: 5 });
  });
  it('recognizes a full-name column and other spellings', () => {
    expect(recognizeColumns('students', ['ФИО ученика', 'Дата рождения', 'Класс'])).toMatchObject({ fullName: 0, lastName: null });
    expect(recognizeColumns('students', ['Фамилия, имя, отчество'])).toMatchObject({ fullName: 0 });
    expect(recognizeColumns('students', ['Обучающийся', 'Номер личного дела', 'Мама', 'Папа'])).toMatchObject({
      fullName: 0,
      personalFileNo: 1,
      motherName: 2,
      fatherName: 3,
    });
  });
  it('keeps the leftmost of several matching columns and ignores unknown headers', () => {
    const m = recognizeColumns('students', ['Адрес регистрации', 'Адрес проживания', 'Хобби', '']);
    expect(m.address).toBe(0);
    expect(Object.values(m).filter((v) => v !== null)).toEqual([0]);
  });
});

describe('recognizeColumns: staff', () => {
  it('recognizes staff headers', () => {
    const headers = ['ФИО', 'Дата рождения', 'Пол', 'СНИЛС', 'Телефон', 'Эл. почта', 'Должность', 'Преподаваемые предметы', 'Ставка'];
    expect(recognizeColumns('staff', headers)).toEqual({
      fullName: 0,
      lastName: null,
      firstName: null,
      middleName: null,
      birthDate: 1,
      gender: 2,
      snils: 3,
      phone: 4,
      email: 5,
      position: 6,
      subjects: 7,
      rateHours: 8,
    });
  });
  it('recognizes separate name columns and E-mail', () => {
    expect(recognizeColumns('staff', ['Фамилия', 'Имя', 'Отчество', 'E-mail', 'Предметы'])).toMatchObject({
      lastName: 0,
      firstName: 1,
      middleName: 2,
      email: 3,
      subjects: 4,
    });
  });
});

describe('checkMapping', () => {
  const headers = ['ФИО', 'Д/р', 'Класс'];
  it('accepts a full-name column instead of the name parts', () => {
    expect(checkMapping('students', recognizeColumns('students', headers), headers)).toEqual([]);
  });
  it('reports missing required fields, shared and absent columns', () => {
    expect(checkMapping('students', { lastName: 0, firstName: 0, birthDate: 7 }, headers)).toEqual([
      'Не выбран столбец для обязательного поля «Класс»',
      'Для поля «Дата рождения» выбран несуществующий столбец',
      'Столбец «ФИО» выбран сразу для нескольких полей: «Фамилия», «Имя»',
    ]);
  });
});

describe('numbered representatives (the program\'s own export)', () => {
  const headers = [
    'Класс', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения',
    'Представитель 1 — ФИО', 'Представитель 1 — кем приходится', 'Представитель 1 — телефон', 'Представитель 1 — e-mail',
    'Представитель 1 — согласие на обработку ПДн', 'Представитель 1 — отказ от электронного дневника',
    'ФИО родителя 2', 'Кем приходится родитель 2', 'Телефон родителя 2',
  ];
  it('recognizes every part of every numbered representative', () => {
    const m = recognizeColumns('students', headers);
    expect(m).toMatchObject({
      guardian1Name: 5, guardian1Relation: 6, guardian1Phone: 7, guardian1Email: 8, guardian1Consent: 9, guardian1Refused: 10,
      guardian2Name: 11, guardian2Relation: 12, guardian2Phone: 13, guardian2Email: null,
      motherName: null, guardianName: null, pdConsentDate: null, eServiceRefused: null,
    });
    expect(checkMapping('students', m, headers)).toEqual([]);
  });
  it('offers the numbered fields as far as the file numbers them, labelled as the export writes them', () => {
    expect(fieldsFor('students').some((f) => f.key.startsWith('guardian1'))).toBe(false);
    const labels = fieldsFor('students', headers).filter((f) => /^guardian\d/.test(f.key)).map((f) => f.label);
    expect(labels).toHaveLength(12);
    expect(labels.slice(0, 6)).toEqual([
      'Представитель 1 — ФИО', 'Представитель 1 — кем приходится', 'Представитель 1 — телефон', 'Представитель 1 — e-mail',
      'Представитель 1 — согласие на обработку ПДн', 'Представитель 1 — отказ от электронного дневника',
    ]);
  });
});
