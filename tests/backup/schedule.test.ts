import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { maybeScheduledBackup, createBackup } from '../../electron/core/backup/backup';
import { parseBackupName } from '../../electron/core/backup/names';
import { tempCore } from '../support/core';
import { xlsx, STUDENT_HEADERS } from '../support/sheets';
import { demoCore, rejection } from './support';
import { upload } from '../support/files';

type Core = Awaited<ReturnType<typeof demoCore>>;

const HOUR = 3600_000;

describe('scheduled backups and retention', () => {
  let t: Core | undefined;
  let cleanup: (() => void) | undefined;
  afterEach(() => {
    t?.cleanup();
    t = undefined;
    cleanup?.();
    cleanup = undefined;
  });

  it('makes a scheduled backup only when the last one is older than the interval', async () => {
    let now = new Date('2026-09-01T08:00:00');
    t = await demoCore(100, () => now);
    const ctx = { ...t.ctx, now: () => now };
    const status0 = await t.call('backup.status');
    expect(status0).toMatchObject({ dir: t.backupDir, lastBackupAt: null, nextBackupAt: null, backups: [] });

    const first = await maybeScheduledBackup(ctx);
    expect(first?.reason).toBe('автоматически');
    expect(await maybeScheduledBackup(ctx)).toBeNull();
    now = new Date(now.getTime() + 23 * HOUR);
    expect(await maybeScheduledBackup(ctx)).toBeNull();
    now = new Date(now.getTime() + HOUR);
    const second = await maybeScheduledBackup(ctx);
    expect(second).not.toBeNull();

    // A manual backup into the backup folder also counts; one to a USB stick does not.
    now = new Date(now.getTime() + 20 * HOUR);
    await createBackup(ctx, { reason: 'вручную', dir: join(t.dir, 'usb') });
    now = new Date(now.getTime() + 5 * HOUR);
    expect(await maybeScheduledBackup(ctx)).not.toBeNull();
    now = new Date(now.getTime() + 20 * HOUR);
    await createBackup(ctx, { reason: 'вручную' });
    now = new Date(now.getTime() + 5 * HOUR);
    expect(await maybeScheduledBackup(ctx)).toBeNull();

    const status = await t.call('backup.status');
    expect(status.lastBackupAt).toBe(new Date(now.getTime() - 5 * HOUR).toISOString());
    expect(status.nextBackupAt).toBe(new Date(now.getTime() + 19 * HOUR).toISOString());
    expect(status.backups.map((b) => b.reason)).toEqual(['вручную', 'автоматически', 'автоматически', 'автоматически']);
    expect(status.backups.every((b) => b.counts.students === 100 && b.schemaVersion > 0)).toBe(true);

    // The clock was put back (the last backup seems to be in the future): do not wait for it.
    now = new Date(now.getTime() - 48 * HOUR);
    expect(await maybeScheduledBackup(ctx)).not.toBeNull();
  });

  it('makes no backup of an empty database at first start: no school and no users', async () => {
    const fresh = await tempCore(() => new Date('2026-09-01T08:00:00'), { login: false });
    cleanup = fresh.cleanup;
    const ctx = fresh.ctx;
    expect(await maybeScheduledBackup(ctx)).toBeNull();
    expect(existsSync(join(fresh.dir, 'Резервные копии'))).toBe(false);
    // The administrator is created: now there is something to keep.
    await fresh.call('auth.setupAdmin', { login: 'admin', displayName: 'Смирнова Ольга Викторовна', password: 'Школа2026' });
    expect(await maybeScheduledBackup(ctx)).toMatchObject({ reason: 'автоматически', counts: { users: 1 } });
  });

  it('keeps the newest N automatic backups of each kind in the backup folder, never manual ones or other folders', async () => {
    let now = new Date('2026-09-01T08:00:00');
    t = await demoCore(100, () => now);
    const ctx = { ...t.ctx, now: () => now };
    await t.call('settings.save', { ...(await t.call('settings.get')), backupKeep: 3 });
    const usb = join(t.dir, 'usb');
    const tick = () => (now = new Date(now.getTime() + 30 * 60_000));
    const made: { reason: string; file: string }[] = [];
    for (let i = 0; i < 5; i++) {
      tick();
      made.push(await createBackup(ctx, { reason: 'автоматически' }));
      tick();
      made.push(await createBackup(ctx, { reason: 'перед импортом' }));
    }
    tick();
    made.push(await createBackup(ctx, { reason: 'вручную' }));
    for (let i = 0; i < 4; i++) {
      tick();
      made.push(await createBackup(ctx, { reason: 'автоматически', dir: usb }));
    }
    tick();
    made.push(await createBackup(ctx, { reason: 'вручную', password: 'Пароль-123' }));
    // A file that is not ours and a temp file left by a crash are neither listed nor deleted.
    writeFileSync(join(t.backupDir, 'заметки.txt'), 'не трогать');
    writeFileSync(join(t.backupDir, `~${basename(made[0]!.file)}.1-ab.tmp`), 'обрывок');
    tick();
    made.push(await createBackup(ctx, { reason: 'автоматически' }));

    const left = readdirSync(t.backupDir).sort();
    const kept = (reason: string) => made.filter((m) => m.reason === reason && m.file.startsWith(t!.backupDir) && existsSync(m.file));
    expect(kept('автоматически').map((m) => basename(m.file))).toEqual(
      made.filter((m) => m.reason === 'автоматически' && m.file.startsWith(t!.backupDir)).slice(-3).map((m) => basename(m.file)),
    );
    expect(kept('перед импортом')).toEqual(made.filter((m) => m.reason === 'перед импортом').slice(-3));
    expect(kept('вручную')).toHaveLength(2);
    expect(readdirSync(usb)).toHaveLength(4);
    expect(left).toContain('заметки.txt');

    const status = await t.call('backup.status');
    expect(status.backups).toHaveLength(8);
    expect(status.backups.map((b) => b.createdAt)).toEqual([...status.backups.map((b) => b.createdAt)].sort().reverse());
    const enc = status.backups.find((b) => b.encrypted)!;
    expect(enc).toMatchObject({ reason: 'вручную', counts: { students: 0 }, schemaVersion: 0 });
    expect(status.backups.filter((b) => !b.encrypted).every((b) => b.counts.students === 100)).toBe(true);
  });

  it('names backups so that the name alone tells the time and the reason', () => {
    expect(parseBackupName('Школьный офис 2026-09-01 08-30-00 (перед импортом).sqlite')).toMatchObject({ reason: 'перед импортом', encrypted: false, n: 1 });
    expect(parseBackupName('Школьный офис 2026-09-01 08-30-00 (вручную) 2.sqlite.enc')).toMatchObject({ reason: 'вручную', encrypted: true, n: 2 });
    expect(parseBackupName('~Школьный офис 2026-09-01 08-30-00 (вручную).sqlite.123-ab.tmp')).toBeNull();
    expect(parseBackupName('Школьный офис 2026-09-01 08-30-00 (вручную).sqlite-journal')).toBeNull();
  });

  it('refuses to back up a damaged live database, but restores over it, keeping a copy of it', async () => {
    t = await demoCore(100);
    const good = await t.call('backup.create', {});
    const files = () => (existsSync(t!.backupDir) ? readdirSync(t!.backupDir) : []);
    const before = files().length;
    // Make the live database fail integrity_check: an index entry that has no row.
    t.db.raw.unsafeMode(true);
    t.db.raw.pragma('writable_schema = ON');
    const root = t.db.raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'audit_at'").pluck().get();
    t.db.raw.prepare("UPDATE sqlite_master SET sql = replace(sql, 'audit_log(at)', 'audit_log(actor)') WHERE name = 'audit_at'").run();
    t.db.raw.pragma('writable_schema = OFF');
    expect(root).toBeTruthy();
    const reopened = new BetterSqlite3(t.path);
    expect(reopened.pragma('integrity_check', { simple: true })).not.toBe('ok');
    reopened.close();
    t.db.close();
    const { openDatabase } = await import('../../db');
    t.db = openDatabase(t.path);
    t.ctx.db = t.db;
    const e = await rejection(t.call('backup.create', {}));
    expect(e.message).toMatch(/^Проверка целостности базы данных не пройдена .*Резервная копия не создана/);
    expect(files()).toHaveLength(before);

    const r = await t.call('backup.restore', { file: good.file });
    expect(r.safetyBackup.reason).toBe('перед восстановлением, база повреждена');
    expect(basename(r.safetyBackup.file)).toMatch(/\(перед восстановлением, база повреждена\)\.sqlite$/);
    expect(t.db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await t.call('students.list', { limit: 1 })).total).toBe(100);
    // The copy of the damaged state is kept for the record, and is never taken for a good backup.
    expect((await rejection(t.call('backup.inspect', { file: r.safetyBackup.file }))).message).toMatch(/повреждён/);
    expect(await t.call('backup.create', {})).toMatchObject({ reason: 'вручную' });
  });
});

describe('import makes a backup first', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('backs up before writing, and not when the file is refused', async () => {
    const t = await tempCore(() => new Date('2026-08-25T09:00:00'));
    cleanup = t.cleanup;
    await t.call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5', inn: '5902123456' });
    await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
    await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    const dir = join(t.dir, 'Резервные копии');
    const backups = () => (existsSync(dir) ? readdirSync(dir).filter((n) => parseBackupName(n)) : []);

    const bad = await xlsx(STUDENT_HEADERS, [['Иванов', 'Пётр', null, '31.02.2015', 'м', null, '5А', null, null]]);
    await rejection(t.call('import.commit', { kind: 'students', file: upload(t.ctx.session, 'плохой.xlsx', bad) }));
    // The copy begun meanwhile is dropped: not even a temp file is left.
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);

    const rows = Array.from({ length: 25 }, (_, i) => [`Петров${'абвгдежзийклмнопрстуфхцчшщэюя'[i]}`, 'Иван', null, '01.09.2015', 'м', null, '5А', null, null]);
    const good = await xlsx(STUDENT_HEADERS, rows);
    const r = await t.call('import.commit', { kind: 'students', file: upload(t.ctx.session, 'ученики.xlsx', good) });
    expect(r.imported).toBe(25);
    expect(backups()).toEqual(['Школьный офис 2026-08-25 09-00-00 (перед импортом).sqlite']);
    const info = await t.call('backup.inspect', { file: join(dir, backups()[0]!) });
    expect(info).toMatchObject({ reason: 'перед импортом', counts: { students: 0, classes: 1 } });
  });

  it('refuses the import when the backup cannot be made, and writes nothing', async () => {
    const t = await tempCore(() => new Date('2026-08-25T09:00:00'));
    cleanup = t.cleanup;
    await t.call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5', inn: '5902123456' });
    await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
    await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    // The backup folder is a file: nothing can be written there.
    const blocked = join(t.dir, 'занято');
    writeFileSync(blocked, '');
    await t.call('settings.save', { ...(await t.call('settings.get')), backupDir: join(blocked, 'копии') });
    const good = await xlsx(STUDENT_HEADERS, [['Сидоров', 'Олег', null, '01.09.2015', 'м', null, '5А', null, null]]);
    const e = await rejection(t.call('import.commit', { kind: 'students', file: upload(t.ctx.session, 'ученики.xlsx', good) }));
    expect(e.message).toMatch(/^Импорт не выполнен: не удалось сделать резервную копию перед изменением\. Не удалось сохранить резервную копию в папку «.*копии».*Ничего не изменено\.$/);
    expect((await t.call('students.list', {})).total).toBe(0);
  });
});
