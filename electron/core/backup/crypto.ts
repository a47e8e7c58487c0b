// Encrypted backups: AES-256-GCM, with a key from scrypt(password, random salt) or with this
// computer's backup key (kept by the operating system, given by the Electron shell).
//
// File layout, version 1 (a password):
//   'SCHOOL-OFFICE-BACKUP\0' (21 bytes) | 1 (1 byte) | salt (16) | iv (12) | tag (16) | ciphertext
// scrypt parameters are fixed per version (v1: N=2^15, r=8, p=1, 32-byte key).
// Version 2 (this computer's key):
//   'SCHOOL-OFFICE-BACKUP\0' (21) | 2 (1) | key id (8) | database id (16) | iv (12) | tag (16) | ciphertext
// The key id (the first 8 bytes of SHA-256 over a label and the key) tells a backup made with
// another computer's key without trying it; the database id (zeros when unknown) lets the backup
// list tell this database's backups from others' without the key.
// The bytes before the tag are authenticated as additional data, so any change to the header or
// the ciphertext, or a wrong password or key, fails the GCM check and nothing is taken from the file.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { corrupted, keyNeeded, passwordNeeded, wrongPassword } from './errors';

export const MAGIC = Buffer.from('SCHOOL-OFFICE-BACKUP\0', 'latin1');
const SALT = 16;
const IV = 12;
const TAG = 16;
const KEY_ID = 8;
const DB_ID = 16;
const AAD_V1 = MAGIC.length + 1 + SALT + IV;
const AAD_V2 = MAGIC.length + 1 + KEY_ID + DB_ID + IV;
/** The longest header (v2), for reading one from the start of a file. */
export const MAX_HEADER_LEN = Math.max(AAD_V1, AAD_V2) + TAG;
const CHUNK = 1 << 20;

/** How a backup is encrypted: with a password, or with this computer's key. */
export type Lock = { password: string } | { key: Buffer; databaseId: string | null };

/** What decrypting may use. */
export interface Unlock {
  password?: string;
  key?: () => Buffer;
}

export type EncryptedHeader = { version: 1 } | { version: 2; keyId: Buffer; databaseId: string | null };

function deriveKey(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export function keyIdOf(key: Buffer): Buffer {
  return createHash('sha256').update('school-office backup key id\n').update(key).digest().subarray(0, KEY_ID);
}

function idBytes(id: string | null): Buffer {
  const hex = id?.replace(/-/g, '') ?? '';
  return /^[0-9a-f]{32}$/i.test(hex) ? Buffer.from(hex, 'hex') : Buffer.alloc(DB_ID);
}

function idText(bytes: Buffer): string | null {
  if (bytes.every((b) => b === 0)) return null;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function hasMagic(head: Buffer): boolean {
  return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);
}

/** The header of an encrypted backup as read from its first bytes; null when it is not one we know. */
export function parseEncryptedHeader(head: Buffer): EncryptedHeader | null {
  if (!hasMagic(head) || head.length <= MAGIC.length) return null;
  const version = head[MAGIC.length];
  if (version === 1) return { version: 1 };
  if (version === 2 && head.length >= AAD_V2) {
    const at = MAGIC.length + 1;
    return { version: 2, keyId: Buffer.from(head.subarray(at, at + KEY_ID)), databaseId: idText(head.subarray(at + KEY_ID, at + KEY_ID + DB_ID)) };
  }
  return null;
}

/** Encrypts `src` into a new file `dest`, private to this user (fsynced). */
export async function encryptFile(src: string, dest: string, lock: Lock): Promise<void> {
  const iv = randomBytes(IV);
  let key: Buffer;
  let aad: Buffer;
  if ('password' in lock) {
    const salt = randomBytes(SALT);
    key = await deriveKey(lock.password, salt);
    aad = Buffer.concat([MAGIC, Buffer.from([1]), salt, iv]);
  } else {
    key = lock.key;
    aad = Buffer.concat([MAGIC, Buffer.from([2]), keyIdOf(lock.key), idBytes(lock.databaseId), iv]);
  }
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const inFd = openSync(src, 'r');
  let outFd: number | null = null;
  try {
    outFd = openSync(dest, 'wx', 0o600);
    writeSync(outFd, aad);
    writeSync(outFd, Buffer.alloc(TAG)); // the tag is known at the end; written in place below
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(inFd, buf, 0, CHUNK, null);
      if (n === 0) break;
      writeSync(outFd, cipher.update(buf.subarray(0, n)));
    }
    const last = cipher.final();
    if (last.length) writeSync(outFd, last);
    writeSync(outFd, cipher.getAuthTag(), 0, TAG, aad.length);
    fsyncSync(outFd);
  } finally {
    closeSync(inFd);
    if (outFd !== null) closeSync(outFd);
  }
}

/**
 * Decrypts `src` (shown to the user as `shownAs`) into a new file `dest`. The output is used only
 * when the GCM tag checks; otherwise `dest` is removed and the refusal names the file.
 */
export async function decryptFile(src: string, dest: string, unlock: Unlock, shownAs = src): Promise<void> {
  const inFd = openSync(src, 'r');
  let outFd: number | null = null;
  let ok = false;
  try {
    const size = fstatSync(inFd).size;
    const head = Buffer.alloc(Math.min(size, MAX_HEADER_LEN));
    readSync(inFd, head, 0, head.length, 0);
    const header = parseEncryptedHeader(head);
    if (!header) throw corrupted(shownAs);
    const aadLen = header.version === 1 ? AAD_V1 : AAD_V2;
    if (size < aadLen + TAG) throw corrupted(shownAs);
    const iv = head.subarray(aadLen - IV, aadLen);
    const tag = head.subarray(aadLen, aadLen + TAG);
    let key: Buffer;
    if (header.version === 1) {
      if (!unlock.password) throw passwordNeeded(shownAs);
      key = await deriveKey(unlock.password, head.subarray(MAGIC.length + 1, MAGIC.length + 1 + SALT));
    } else {
      const ours = unlock.key?.();
      if (!ours || !keyIdOf(ours).equals(header.keyId)) throw keyNeeded(shownAs);
      key = ours;
    }
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(head.subarray(0, aadLen));
    decipher.setAuthTag(tag);
    outFd = openSync(dest, 'wx', 0o600);
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = aadLen + TAG;
    for (;;) {
      const n = readSync(inFd, buf, 0, CHUNK, pos);
      if (n === 0) break;
      pos += n;
      writeSync(outFd, decipher.update(buf.subarray(0, n)));
    }
    try {
      const last = decipher.final();
      if (last.length) writeSync(outFd, last);
    } catch {
      throw header.version === 1 ? wrongPassword(shownAs) : corrupted(shownAs);
    }
    ok = true;
  } finally {
    closeSync(inFd);
    if (outFd !== null) closeSync(outFd);
    if (!ok && outFd !== null) unlinkSync(dest);
  }
}
