import { describe, expect, it } from 'vitest';
import { Db, migrate } from '../../../db';
import { databaseAt } from './databaseAt';

describe('migration 0004: app accounts linked to staff cards', () => {
  const at = databaseAt();
  const now = new Date().toISOString();
  const card = (db: Db, id: string, name: string, roles: string[], grades: number[] = [], deleted = false) => {
    const [last, first, middle] = name.split(' ');
    db.raw
      .prepare(
        'INSERT INTO staff (id, created_at, updated_at, deleted_at, last_name, first_name, middle_name, position, roles, deputy_grades) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, now, now, deleted ? now : null, last, first, middle ?? null, 'Должность', JSON.stringify(roles), JSON.stringify(grades));
  };
  const account = (db: Db, login: string, name: string, role: string, grades: number[] = []) =>
    db.raw
      .prepare('INSERT INTO app_user (id, login, display_name, role, deputy_grades, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(`u-${login}`, login, name, role, JSON.stringify(grades), 'hash', now, now);
  const links = (db: Db) =>
    Object.fromEntries((db.raw.prepare('SELECT login, staff_id FROM app_user ORDER BY login').all() as { login: string; staff_id: string | null }[]).map((r) => [r.login, r.staff_id]));

  it('links an account to the one card of its name that agrees with it; leaves the uncertain ones unlinked', () => {
    const db = at(3);
    card(db, 'admin-card', 'Смирнова Ольга Викторовна', ['sysadmin', 'teacher']);
    account(db, 'admin', 'Смирнова  Ольга викторовна', 'sysadmin'); // spaces and case do not matter
    card(db, 'zam-card', 'Соколов Андрей Петрович', ['deputy', 'teacher'], [5, 6, 7, 8, 9]);
    account(db, 'zam', 'Соколов Андрей Петрович', 'deputy', [9, 8, 7, 6, 5]); // the same parallels
    card(db, 'ёлкина', 'Ёлкина Нина Ивановна', ['secretary']);
    account(db, 'sec', 'Елкина Нина Ивановна', 'secretary'); // ё = е
    // Two cards of one name: which is meant is not certain.
    card(db, 'twin-1', 'Иванова Мария Петровна', ['director']);
    card(db, 'twin-2', 'Иванова Мария Петровна', ['teacher', 'director']);
    account(db, 'dir', 'Иванова Мария Петровна', 'director');
    // The card says otherwise: another role, or other parallels.
    card(db, 'teacher', 'Петров Пётр Петрович', ['teacher']);
    account(db, 'petrov', 'Петров Пётр Петрович', 'sysadmin');
    card(db, 'zam2-card', 'Лебедева Анна Сергеевна', ['deputy'], [1, 2, 3, 4]);
    account(db, 'zam2', 'Лебедева Анна Сергеевна', 'deputy', [5, 6, 7, 8, 9]);
    // No card, or only a removed one.
    account(db, 'nobody', 'Орлова Нина Ивановна', 'secretary');
    card(db, 'gone', 'Волкова Анна Сергеевна', ['secretary'], [], true);
    account(db, 'volkova', 'Волкова Анна Сергеевна', 'secretary');

    expect(migrate(db, 4)).toEqual([4]);
    expect(links(db)).toEqual({
      admin: 'admin-card',
      zam: 'zam-card',
      sec: 'ёлкина',
      dir: null,
      petrov: null,
      zam2: null,
      nobody: null,
      volkova: null,
    });
    // Nothing else changed: accounts keep their names, roles and parallels; no card was written.
    expect(db.raw.prepare("SELECT display_name, role, deputy_grades FROM app_user WHERE login = 'zam2'").get()).toEqual({
      display_name: 'Лебедева Анна Сергеевна',
      role: 'deputy',
      deputy_grades: '[5,6,7,8,9]',
    });
    expect((db.raw.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(0);
    expect(db.raw.prepare("SELECT roles FROM staff WHERE id = 'teacher'").get()).toEqual({ roles: '["teacher"]' });
  });

  it('leaves two accounts of one name both unlinked', () => {
    const db = at(3);
    card(db, 'c', 'Кузнецова Ольга Викторовна', ['secretary', 'sysadmin']);
    account(db, 'a1', 'Кузнецова Ольга Викторовна', 'secretary');
    account(db, 'a2', 'Кузнецова Ольга Викторовна', 'sysadmin');
    migrate(db, 4);
    expect(links(db)).toEqual({ a1: null, a2: null });
  });

  it('keeps at most one account per card, and the card must exist', () => {
    const db = at(4);
    card(db, 'c', 'Кузнецова Ольга Викторовна', ['secretary']);
    account(db, 'a1', 'Кузнецова Ольга Викторовна', 'secretary');
    account(db, 'a2', 'Другая Ольга Викторовна', 'secretary');
    db.raw.prepare("UPDATE app_user SET staff_id = 'c' WHERE login = 'a1'").run();
    expect(() => db.raw.prepare("UPDATE app_user SET staff_id = 'c' WHERE login = 'a2'").run()).toThrow(/UNIQUE/);
    expect(() => db.raw.prepare("UPDATE app_user SET staff_id = 'missing' WHERE login = 'a2'").run()).toThrow(/FOREIGN KEY/);
  });
});
