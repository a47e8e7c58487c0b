import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session, shell } from 'electron';
import { copyFileSync, rmSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { PRIVATE_DIR, makePrivateDir, openDatabase, tighten, type Db } from '../../db';
import { dispatch } from '../core/dispatch';
import { Session } from '../core/auth/session';
import { grantBackupFile, scheduleBackups } from '../core/backup/backup';
import { scheduleSync } from '../core/sync/background';
import { loadBackupKey } from '../core/backup/keyFile';
import { DB_FILE_NAME } from '../core/paths';
import { grantInputFile, takeResult } from '../core/files';
import { warmJobWorkers } from '../core/jobs/runner';
import { APP_ORIGIN, APP_SCHEME, devRendererUrl, isAllowedExternal, isTrustedSender, resolveAppUrl } from './trust';
import { CSP } from '../api/csp';
import { CHANGES_CHANNEL } from '../api/changes';
import { changeMessageFor } from '../core/changes';
import { buildMenu } from './menu';

// Two instances must never write one database file.
if (!app.requestSingleInstanceLock()) app.quit();
// Every renderer sandboxed, whatever its webPreferences say (Electron's security checklist).
app.enableSandbox();

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Only in development: a packaged app always loads (and trusts for IPC) its own app:// page.
const devServerUrl = devRendererUrl(process.env, app.isPackaged);
const rendererDir = join(__dirname, '../renderer');
let db: Db | null = null;
let win: BrowserWindow | null = null;

const callSchema = z.tuple([z.string().max(100), z.unknown()]);
/** A result file of the core, by its id (electron/core/files.ts): no bytes travel through IPC. */
const saveSchema = z.tuple([z.string().min(1).max(255), z.string().min(1).max(100)]);
/** A file the user chose or dropped in the window: its path, as the preload script read it from the File. */
const inputSchema = z.tuple([z.string().min(1).max(4096)]);

/**
 * The key of automatic backups, sealed by the operating system (safeStorage) in the data folder;
 * none where the system keeps no secrets (Linux without a keyring: safeStorage would use a fixed
 * password), and then automatic backups stay plain inside the private data folder.
 */
function backupKeyProvider(dataDir: string): (() => Buffer) | undefined {
  try {
    if (!safeStorage.isEncryptionAvailable()) return undefined;
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
    const key = loadBackupKey(dataDir, {
      seal: (plain) => safeStorage.encryptString(plain.toString('base64')),
      open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
    });
    return key ? () => key : undefined;
  } catch {
    return undefined;
  }
}

function createWindow() {
  win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: 'Школьный офис',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  // The page refuses to unload while it holds unsaved changes (renderer/src/app/unsaved.tsx);
  // Electron shows no question of its own, so ask here: closing the window must not lose them silently.
  win.webContents.on('will-prevent-unload', (e) => {
    const choice = dialog.showMessageBoxSync(win!, {
      type: 'question',
      buttons: ['Остаться', 'Закрыть без сохранения'],
      defaultId: 0,
      cancelId: 0,
      title: 'Школьный офис',
      message: 'Есть несохранённые изменения',
      detail: 'Если закрыть программу, внесённые изменения пропадут. Чтобы сохранить их, нажмите «Остаться» и «Сохранить».',
    });
    if (choice === 1) e.preventDefault();
  });
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

app.whenReady().then(() => {
  protocol.handle(APP_SCHEME, async (req) => {
    const file = resolveAppUrl(req.url, rendererDir, join, normalize, sep);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    // The policy as a header too, not only the page's meta tag (which a document could lack).
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Every web contents, not only the main window's: no webviews, no navigation or redirect away
  // from the page, no new windows (https and mailto links go to the system's browser).
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-frame-navigate', (e) => {
      if (!e.isMainFrame || e.url !== contents.getURL()) e.preventDefault();
    });
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  const dataDir = app.getPath('userData');
  // Children's personal data: the folder, the database and its backups are private to this user.
  makePrivateDir(dataDir);
  tighten(dataDir, PRIVATE_DIR);
  try {
    db = openDatabase(join(dataDir, DB_FILE_NAME));
  } catch (e) {
    dialog.showErrorBox('Школьный офис', `Не удалось открыть базу данных: ${(e as Error).message}`);
    app.quit();
    return;
  }
  const ctx = { db, actor: 'system', host: 'electron' as const, now: () => new Date(), session: new Session(true), dataDir, backupKey: backupKeyProvider(dataDir) };
  // R23: an automatic backup at start when the last one is older than the interval, then checked hourly.
  scheduleBackups({ ...ctx, session: new Session(false) });
  // Issue 10: sync with the central system after each change and every few minutes (when registered).
  const sync = scheduleSync(ctx);
  app.on('will-quit', () => sync.stop());

  ipcMain.handle('api', async (event, ...args) => {
    if (!isTrustedSender(event.senderFrame, devServerUrl)) return { ok: false, error: { code: 'forbidden', message: 'Доступ запрещён' } };
    const parsed = callSchema.safeParse(args);
    if (!parsed.success) return { ok: false, error: { code: 'validation', message: 'Неверный вызов' } };
    return dispatch(ctx, parsed.data[0], parsed.data[1]);
  });
  ipcMain.handle('save-file', async (event, ...args) => {
    if (!isTrustedSender(event.senderFrame, devServerUrl) || !win) return false;
    const parsed = saveSchema.safeParse(args);
    if (!parsed.success) return false;
    const [fileName, id] = parsed.data;
    const r = await dialog.showSaveDialog(win, { defaultPath: fileName.replace(/[\\/]/g, '_') });
    if (r.canceled || !r.filePath) return false;
    const made = takeResult(ctx.session, id);
    if (!made) return false;
    try {
      copyFileSync(made.path, r.filePath);
    } finally {
      rmSync(made.path, { force: true });
    }
    return true;
  });
  // A file to import: chosen in the page's file input; the preload script reads its path from the
  // File object (webUtils), the core reads it in place (granted to this window's session).
  ipcMain.handle('input-file', async (event, ...args) => {
    if (!isTrustedSender(event.senderFrame, devServerUrl)) return { ok: false, error: { code: 'forbidden', message: 'Доступ запрещён' } };
    const parsed = inputSchema.safeParse(args);
    if (!parsed.success) return { ok: false, error: { code: 'validation', message: 'Выберите файл' } };
    try {
      return { ok: true, result: grantInputFile(ctx.session, parsed.data[0]) };
    } catch {
      return { ok: false, error: { code: 'not_found', message: 'Файл не найден. Выберите его снова.' } };
    }
  });
  // Jobs run in worker threads (electron/core/jobs): the first one is started now, not on the first job.
  void warmJobWorkers();

  // Backups: the folder for a copy, and a backup file to check and restore, are chosen in the
  // system's dialogs. A chosen file is granted to this window's session: backup.inspect and
  // backup.restore open no other file than one chosen so or one in the backup folder.
  ipcMain.handle('pick-backup-folder', async (event) => {
    if (!isTrustedSender(event.senderFrame, devServerUrl) || !win) return null;
    const r = await dialog.showOpenDialog(win, { title: 'Папка для резервной копии', properties: ['openDirectory', 'createDirectory', 'promptToCreate'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  });
  ipcMain.handle('pick-backup-file', async (event) => {
    if (!isTrustedSender(event.senderFrame, devServerUrl) || !win) return null;
    const r = await dialog.showOpenDialog(win, {
      title: 'Файл резервной копии',
      properties: ['openFile'],
      filters: [
        { name: 'Резервные копии Школьного офиса', extensions: ['sqlite', 'enc'] },
        { name: 'Все файлы', extensions: ['*'] },
      ],
    });
    const file = r.canceled ? undefined : r.filePaths[0];
    if (!file) return null;
    grantBackupFile(ctx, file);
    return file;
  });

  // Change events to the window (as the browser host's server-sent events): entity names and who,
  // only while its user is logged in and not locked. The channel goes one way: nothing is
  // listened for from the renderer on it. Commits by other processes (the CLI) via data_version.
  db.onChange((e) => {
    const m = changeMessageFor(ctx.session, e);
    if (m && win && !win.isDestroyed()) win.webContents.send(CHANGES_CHANNEL, m);
  });
  db.watchOthers();

  Menu.setApplicationMenu(buildMenu());
  createWindow();
});

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});
app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => db?.close());
