import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { contentDigest, readMeta, writeMeta, type BackupMeta } from '../../electron/core/backup/sqliteFile';
import { demoCore, rejection, snapshot, type Rows } from './support';

type Core = Awaited<ReturnType<typeof demoCore>>;

describe('a backup that cannot be trusted is refused, and nothing changes', () => {
  let t: Core;
  let good: string;
  let encrypted: string;
  let before: Rows;
  const backupsNow = () => readdirSync(t.backupDir).sort();

  beforeAll(async () => {
    t = await demoCore(200);
    good = (await t.call('backup.create', {})).file;
    encrypted = (await t.call('backup.create', { dir: join(t.dir, 'usb'), password: 'Пароль-копии-1' })).file;
    // The live data moves on, so an accepted restore would show.
    const page = await t.call('students.list', { limit: 1 });
    await t.call('students.remove', { id: page.rows[0]!.id });
    before = snapshot(t.db.raw);
  });
  afterAll(() => t.cleanup());

  async function refusedEverywhere(file: string, message: RegExp, password?: string): Promise<void> {
    t.chosen(file);
    const files = backupsNow();
    const inspected = await rejection(t.call('backup.inspect', { file, password }));
    expect(inspected.message).toMatch(message);
    const restored = await rejection(t.call('backup.restore', { file, password }));
    expect(restored.message).toMatch(message);
    expect(snapshot(t.db.raw)).toEqual(before);
    expect(backupsNow()).toEqual(files); // not even a safety backup
  }

  const variant = (name: string, make: (path: string) => void) => {
    const path = join(t.dir, name);
    copyFileSync(good, path);
    make(path);
    return path;
  };
  const CORRUPT = /^Файл «.+» повреждён или не является резервной копией Школьного офиса\.$/;

  it('accepts the good one', async () => {
    expect((await t.call('backup.inspect', { file: good })).counts.students).toBe(200);
  });

  it('refuses a truncated copy', async () => {
    const half = variant('обрезанная.sqlite', (p) => truncateSync(p, Math.floor(statSync(p).size / 2)));
    await refusedEverywhere(half, CORRUPT);
    const oddSize = variant('обрезанная-2.sqlite', (p) => truncateSync(p, statSync(p).size - 100));
    await refusedEverywhere(oddSize, CORRUPT);
    const header = variant('только-заголовок.sqlite', (p) => truncateSync(p, 50));
    await refusedEverywhere(header, CORRUPT);
  });

  it('refuses a copy with bytes changed in the middle', async () => {
    for (const [i, where] of [0.5, 0.3, 0.75, 0.9].entries()) {
      const flipped = variant(`испорченная-${i}.sqlite`, (p) => {
        const buf = readFileSync(p);
        const at = Math.floor(buf.length * where);
        for (let k = 0; k < 16; k++) buf[at + k] = buf[at + k]! ^ 0x5a;
        writeFileSync(p, buf);
      });
      await refusedEverywhere(flipped, CORRUPT);
    }
  });

  it('refuses a text file renamed to .sqlite, an empty file and a foreign SQLite database', async () => {
    const text = join(t.dir, 'список.sqlite');
    writeFileSync(text, 'Фамилия;Имя\nИванов;Пётр\n');
    await refusedEverywhere(text, /«список\.sqlite» повреждён или не является резервной копией/);
    const empty = join(t.dir, 'пустой.sqlite');
    writeFileSync(empty, '');
    await refusedEverywhere(empty, CORRUPT);
    const foreign = join(t.dir, 'чужая.sqlite');
    const db = new BetterSqlite3(foreign);
    db.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1)');
    db.close();
    await refusedEverywhere(foreign, CORRUPT);
    await refusedEverywhere(join(t.dir, 'нет-такого.sqlite'), /Файл резервной копии не найден/);
  });

  it('refuses an encrypted copy without a password, with a wrong one, or damaged', async () => {
    await refusedEverywhere(encrypted, /зашифрована: введите её пароль/);
    await refusedEverywhere(encrypted, /^Неверный пароль резервной копии «.+\.sqlite\.enc»/, 'не-тот-пароль');
    const flipped = variant('испорченная.sqlite.enc', () => undefined);
    copyFileSync(encrypted, flipped);
    const buf = readFileSync(flipped);
    buf[Math.floor(buf.length / 2)]! ^= 1;
    writeFileSync(flipped, buf);
    await refusedEverywhere(flipped, /Неверный пароль резервной копии|повреждён/, 'Пароль-копии-1');
    const cut = join(t.dir, 'обрезанная.sqlite.enc');
    writeFileSync(cut, readFileSync(encrypted).subarray(0, 40));
    await refusedEverywhere(cut, CORRUPT, 'Пароль-копии-1');
    expect((await t.call('backup.inspect', { file: t.chosen(encrypted), password: 'Пароль-копии-1' })).counts.students).toBe(200);
  });

  it('refuses a backup from a newer version of the program', async () => {
    const newer = variant('новее.sqlite', (p) => {
      const db = new BetterSqlite3(p);
      db.prepare("INSERT INTO schema_migration (version, name, applied_at) VALUES (999, 'future', '2030-01-01')").run();
      db.close();
    });
    await refusedEverywhere(newer, /^Резервная копия создана более новой версией программы \(схема 999\)\. Обновите программу\.$/);
  });

  /** A copy of the good backup changed through SQLite, its digest then made right again (as a tamperer would). */
  const tampered = (name: string, sql: string, opts: { reseal?: boolean } = {}) =>
    variant(name, (p) => {
      const db = new BetterSqlite3(p);
      try {
        db.exec(sql);
        const meta = readMeta(db);
        if (meta && opts.reseal !== false) writeMeta(db, { ...meta, digest: contentDigest(db, p, meta.format) });
      } finally {
        db.close();
      }
    });
  const FOREIGN = /^Файл «.+» не является резервной копией Школьного офиса: в его базе данных не то устройство, что создаёт программа \((.+)\)\. Такую копию нельзя восстановить\. Ничего не изменено\.$/;

  it('refuses a copy without its metadata row (date and digest)', async () => {
    const noMeta = tampered('без-отметки.sqlite', "DELETE FROM setting WHERE key = 'backup.meta'");
    await refusedEverywhere(noMeta, /^Файл «без-отметки\.sqlite» не является резервной копией Школьного офиса: в нём нет отметки резервной копии/);
    const noDigest = variant('без-суммы.sqlite', (p) => {
      const db = new BetterSqlite3(p);
      const { digest: _, ...meta } = readMeta(db)!;
      writeMeta(db, meta as BackupMeta);
      db.close();
    });
    await refusedEverywhere(noDigest, /в нём нет отметки резервной копии/);
  });

  it('refuses a copy with a trigger planted, even with its digest recomputed: the trigger never runs', async () => {
    // The attack found: a secretary becomes administrator at her next login, and her audit lines vanish.
    const planted = tampered(
      'триггер.sqlite',
      `CREATE TRIGGER promote AFTER UPDATE OF last_login_at ON app_user BEGIN UPDATE app_user SET role = 'sysadmin' WHERE id = NEW.id; END;
       CREATE TRIGGER hide AFTER INSERT ON audit_log WHEN NEW.actor = 'secretary' BEGIN DELETE FROM audit_log WHERE id = NEW.id; END;`,
    );
    await refusedEverywhere(planted, FOREIGN);
    const e = await rejection(t.call('backup.inspect', { file: t.chosen(planted) }));
    expect(e.message).toContain('лишний триггер «hide»; лишний триггер «promote»');
    expect(t.db.raw.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").pluck().get()).toBe(0);
  });

  it('refuses a copy with a view, an extra table, an extra column or a changed index', async () => {
    await refusedEverywhere(tampered('представление.sqlite', 'CREATE VIEW v AS SELECT * FROM student'), /лишнее представление «v»/);
    await refusedEverywhere(tampered('таблица.sqlite', 'CREATE TABLE notes (x TEXT)'), /лишняя таблица «notes»/);
    await refusedEverywhere(tampered('столбец.sqlite', "ALTER TABLE app_user ADD COLUMN note TEXT DEFAULT 'x'"), /изменена таблица «app_user»/);
    await refusedEverywhere(tampered('индекс.sqlite', 'CREATE INDEX my_idx ON student (first_name)'), /лишний индекс «my_idx»/);
    const table = t.db.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().get() as string;
    await refusedEverywhere(tampered('без-индекса.sqlite', `DROP INDEX "${table}"`), new RegExp(`нет индекса «${table}»`));
  });

  it('lets the director see backups but not make or restore them; the secretary not even see', async () => {
    const { createLocalClient } = await import('../../electron/core/dispatch');
    const { Session } = await import('../../electron/core/auth/session');
    const as = async (login: string) => {
      const ctx = { ...t.ctx, session: new Session(false) };
      const call = createLocalClient(ctx);
      await call('auth.login', { login, password: t.password(login) });
      return call;
    };
    const director = await as('director');
    expect((await director('backup.status')).backups.length).toBeGreaterThan(0);
    expect((await rejection(director('backup.create', {}))).message).toMatch(/Недостаточно прав.*Резервные копии/);
    expect((await rejection(director('backup.restore', { file: good }))).code).toBe('forbidden');
    const secretary = await as('secretary');
    expect((await rejection(secretary('backup.status'))).code).toBe('forbidden');
  });
});
