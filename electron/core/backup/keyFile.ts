// This computer's key for automatic backups: 32 random bytes, made once, kept in the data folder
// only sealed by the operating system's keychain (Electron's safeStorage: DPAPI on Windows, the
// Keychain on macOS, the Secret Service or KWallet on Linux), so the key file alone — a copied
// disk, a backup of the data folder — does not open the backups. The keychain is given by the
// Electron shell (the core never imports 'electron'); tests give a stand-in keychain.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE, tighten } from '../../../db/private';

export const KEY_FILE = 'backup-key.bin';
const KEY_LEN = 32;

/** The operating system's protection of a secret, bound to this computer and user. */
export interface Keychain {
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

/**
 * The key kept in `<dataDir>/backup-key.bin`, made on first use. Null when the file exists but
 * the keychain cannot open it (another user, a reinstalled system): the file is then left as it is —
 * a new key would make the backups sealed with the old one unrecoverable should the keychain come
 * back — and automatic backups stay plain inside the private data folder.
 */
export function loadBackupKey(dataDir: string, keychain: Keychain): Buffer | null {
  const file = join(dataDir, KEY_FILE);
  let sealed: Buffer | null = null;
  try {
    sealed = readFileSync(file);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') return null;
  }
  if (sealed) {
    tighten(file, PRIVATE_FILE);
    try {
      const key = keychain.open(sealed);
      return key.length === KEY_LEN ? key : null;
    } catch {
      return null;
    }
  }
  const key = randomBytes(KEY_LEN);
  let fd: number;
  try {
    fd = openSync(file, 'wx', PRIVATE_FILE);
  } catch {
    return null; // made meanwhile by another process, or not writable: no key this time
  }
  let written = false;
  try {
    writeSync(fd, keychain.seal(key));
    fsyncSync(fd);
    written = true;
  } catch {
    // the keychain refused: no key file is left behind
  } finally {
    closeSync(fd);
    if (!written) rmSync(file, { force: true });
  }
  return written ? key : null;
}
