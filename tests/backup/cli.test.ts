import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { tempDir } from '../support/tmp';
import { xlsx, STUDENT_HEADERS } from '../support/sheets';
import { snapshotFile, withoutRestoreBookkeeping } from './support';
import { cliDemo, runCli } from '../support/cli';

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

describe('backups from the command line', () => {
  const tmp = tempDir('school-office-backup-cli-');
  const db = join(tmp.dir, 'school.sqlite');
  const out = join(tmp.dir, 'копии');
  const passwords = new Map<string, string>();
  const as = (login: string, args: string[], env: Record<string, string> = {}) =>
    cli([...args, '--db', db, '--user', login], { SCHOOL_OFFICE_PASSWORD: passwords.get(login)!, ...env });
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    for (const u of cliDemo(db, 300, { seed: 3 }).users) passwords.set(u.login, u.password);
  }, 120_000);

  let backupFile = '';
  let atBackup: ReturnType<typeof snapshotFile>;

  it('backs up, then restores the identical database after an import', async () => {
    const b = as('admin', ['backup', '--out', out, '--json']);
    expect(b.code, b.stderr).toBe(0);
    const info = JSON.parse(b.stdout) as { file: string; counts: { students: number }; encrypted: boolean };
    expect(info).toMatchObject({ counts: { students: 300 }, encrypted: false });
    expect(readdirSync(out)).toHaveLength(1);
    backupFile = info.file;
    atBackup = snapshotFile(db);

    // Change the data: an import of 10 students (which itself makes a backup first).
    const rows = Array.from({ length: 10 }, (_, i) => [`Новикова${'абвгдежзик'[i]}`, 'Анна', null, '01.09.2014', 'ж', null, '5А', null, null]);
    const file = join(tmp.dir, 'ученики.xlsx');
    writeFileSync(file, await xlsx(STUDENT_HEADERS, rows));
    const imp = as('admin', ['import', 'students', file, '--json']);
    expect(imp.code, imp.stdout + imp.stderr).toBe(0);
    expect(readdirSync(join(tmp.dir, 'Резервные копии')).some((n) => n.includes('(перед импортом)'))).toBe(true);
    expect(withoutRestoreBookkeeping(snapshotFile(db))).not.toEqual(withoutRestoreBookkeeping(atBackup));

    const r = as('admin', ['restore', '--from', backupFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Данные восстановлены из копии/);
    expect(r.stdout).toMatch(/Учеников: 300/);
    expect(r.stdout).toMatch(/Данные до восстановления сохранены в копию: .*\(перед восстановлением\)\.sqlite/);
    expect(withoutRestoreBookkeeping(snapshotFile(db))).toEqual(withoutRestoreBookkeeping(atBackup));
  }, 120_000);

  it('verifies a backup without a database or a login', () => {
    const r = cli(['verify-backup', backupFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Резервная копия исправна/);
    expect(r.stdout).toMatch(/Учеников: 300, сотрудников: \d+, классов: \d+, пользователей: 4/);
    expect(r.stdout).toMatch(/\(вручную\)/);

    const broken = join(tmp.dir, 'сломанная.sqlite');
    const buf = readFileSync(backupFile);
    writeFileSync(broken, buf.subarray(0, Math.floor(buf.length / 3)));
    const bad = cli(['verify-backup', broken]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Отказано: Файл «сломанная\.sqlite» повреждён или не является резервной копией Школьного офиса/);

    const newer = join(tmp.dir, 'новая.sqlite');
    copyFileSync(backupFile, newer);
    const d = new BetterSqlite3(newer);
    d.prepare("INSERT INTO schema_migration VALUES (999, 'future', 'x')").run();
    d.close();
    const n = cli(['verify-backup', newer, '--json']);
    expect(n.code).toBe(1);
    expect(JSON.parse(n.stdout).errors[0].message).toBe('Резервная копия создана более новой версией программы (схема 999). Обновите программу.');

    expect(cli(['verify-backup']).code).toBe(2);
  }, 180_000);

  it('encrypts with a password from the environment and refuses a wrong one', () => {
    const b = as('admin', ['backup', '--out', join(tmp.dir, 'usb'), '--password-env', 'BACKUP_PASSWORD', '--json'], { BACKUP_PASSWORD: 'Флешка-2026' });
    expect(b.code, b.stderr).toBe(0);
    const file = (JSON.parse(b.stdout) as { file: string }).file;
    expect(file).toMatch(/\.sqlite\.enc$/);
    expect(readFileSync(file).subarray(0, 21).toString('latin1')).toBe('SCHOOL-OFFICE-BACKUP\0');
    expect(cli(['verify-backup', file, '--password-env', 'P'], { P: 'Флешка-2026' }).code).toBe(0);
    const wrong = cli(['verify-backup', file, '--password-env', 'P'], { P: 'не-тот' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Неверный пароль резервной копии/);
    const none = cli(['verify-backup', file]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/зашифрована: введите её пароль/);
  }, 180_000);

  it('lets only the administrator make and restore backups', () => {
    const d = as('director', ['backup', '--out', out]);
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/Недостаточно прав: раздел «Резервные копии» нельзя изменять для роли «Директор»/);
    const s = as('secretary', ['restore', '--from', backupFile]);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/Недостаточно прав/);
    expect(as('admin', ['backup']).code).toBe(2);
  }, 180_000);
});
