// A first-grade cohort for the formation tests: enrollment applications written as plain rows
// through the Writer (the enrollment import, another part of issue 12, makes them from the
// module's export), and together/apart pairs.
import { Writer, type Db } from '../../db';

const LAST_M = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков'];
const FIRST_M = ['Артём', 'Михаил', 'Максим', 'Лев', 'Марк', 'Иван', 'Матвей', 'Дмитрий', 'Тимофей', 'Фёдор'];
const FIRST_F = ['София', 'Анна', 'Мария', 'Ева', 'Виктория', 'Алиса', 'Полина', 'Варвара', 'Василиса', 'Ксения'];
const MIDDLE_M = ['Александрович', 'Сергеевич', 'Андреевич', 'Олегович'];
const MIDDLE_F = ['Александровна', 'Сергеевна', 'Андреевна', 'Олеговна'];

export interface CohortChild {
  lastName: string;
  firstName: string;
  middleName: string;
  gender: 'm' | 'f';
  birthDate: string;
}

/** `n` children, half boys and half girls (alternating), born between 01.09.2018 and 31.03.2020, names unique. */
export function cohortOf(n: number, seed = 1): CohortChild[] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const start = Date.parse('2018-09-01T00:00:00Z');
  const span = Date.parse('2020-03-31T00:00:00Z') - start;
  return Array.from({ length: n }, (_, i) => {
    const gender = i % 2 === 0 ? 'm' : 'f';
    const last = LAST_M[i % LAST_M.length]!;
    const first = (gender === 'm' ? FIRST_M : FIRST_F)[Math.floor(i / 2) % 10]!;
    return {
      lastName: gender === 'm' ? last : `${last}а`,
      firstName: first,
      middleName: (gender === 'm' ? MIDDLE_M : MIDDLE_F)[Math.floor(i / 24) % 4]!,
      gender,
      birthDate: new Date(start + Math.floor(rand() * span)).toISOString().slice(0, 10),
    };
  });
}

/** Writes the children as enrollable grade-1 applications of the year; returns their ids in order. */
export function insertApplications(db: Db, yearId: string, children: readonly CohortChild[], opts: { enrollable?: boolean; firstNumber?: number } = {}): string[] {
  return db.tx(() => {
    const w = new Writer(db, 'test');
    return children.map(
      (c, i) =>
        w.insert('enrollment_application', {
          year_id: yearId,
          reg_number: `ЗАЯВ-${String((opts.firstNumber ?? 1) + i).padStart(5, '0')}`,
          applied_at: '2026-04-01',
          status: opts.enrollable === false ? 'Отказано' : 'Принято к зачислению',
          enrollable: opts.enrollable === false ? 0 : 1,
          preference: 'none',
          sibling: 0,
          last_name: c.lastName,
          first_name: c.firstName,
          middle_name: c.middleName,
          birth_date: c.birthDate,
          gender: c.gender,
          snils: null,
          birth_certificate: null,
          address: null,
          on_territory: 1,
          adapted_programme: 0,
          grade: 1,
          planned_class_id: null,
          student_id: null,
          imported_at: '2026-04-02T09:00:00.000Z',
        }).id,
    );
  });
}

export function insertPair(db: Db, firstId: string, secondId: string, together: boolean): string {
  return db.tx(() => new Writer(db, 'test').insert('enrollment_pair', { first_id: firstId, second_id: secondId, together: together ? 1 : 0 }).id);
}
