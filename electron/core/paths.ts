import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Школьный офис';
export const DB_FILE_NAME = 'school-office.sqlite';

/** The same folder Electron's app.getPath('userData') gives, so every host opens the same file. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(appData, PRODUCT_NAME);
}

export function defaultDbPath(): string {
  return join(defaultDataDir(), DB_FILE_NAME);
}
