// Encrypted backups: AES-256-GCM with a key from scrypt(password, random salt).
//
// File layout (version 1):
//   'SCHOOL-OFFICE-BACKUP\0' (21 bytes) | version (1 byte) | salt (16) | iv (12) | tag (16) | ciphertext
// scrypt parameters are fixed per version (v1: N=2^15, r=8, p=1, 32-byte key). The bytes before the
// tag (magic, version, salt, iv) are authenticated as additional data, so any change to the header
// or the ciphertext, or a wrong password, fails the GCM check and nothing is taken from the file.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { corrupted, wrongPassword } from './errors';

export const MAGIC = Buffer.from('SCHOOL-OFFICE-BACKUP\0', 'latin1');
const VERSION = 1;
const SALT = 16;
const IV = 12;
const TAG = 16;
const AAD_LEN = MAGIC.length + 1 + SALT + IV;
export const HEADER_LEN = AAD_LEN + TAG;
const CHUNK = 1 << 20;

function deriveKey(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export function hasMagic(head: Buffer): boolean {
  return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);
}

/** Encrypts `src` into a new file `dest` (fsynced). */
export async function encryptFile(src: string, dest: string, password: string): Promise<void> {
  const salt = randomBytes(SALT);
  const iv = randomBytes(IV);
  const key = await deriveKey(password, salt);
  const aad = Buffer.concat([MAGIC, Buffer.from([VERSION]), salt, iv]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const inFd = openSync(src, 'r');
  let outFd: number | null = null;
  try {
    outFd = openSync(dest, 'wx');
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
    writeSync(outFd, cipher.getAuthTag(), 0, TAG, AAD_LEN);
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
export async function decryptFile(src: string, dest: string, password: string, shownAs = src): Promise<void> {
  const inFd = openSync(src, 'r');
  let outFd: number | null = null;
  let ok = false;
  try {
    const size = fstatSync(inFd).size;
    const header = Buffer.alloc(HEADER_LEN);
    if (size < HEADER_LEN || readSync(inFd, header, 0, HEADER_LEN, 0) !== HEADER_LEN || !hasMagic(header)) throw corrupted(shownAs);
    if (header[MAGIC.length] !== VERSION) throw corrupted(shownAs);
    const salt = header.subarray(MAGIC.length + 1, MAGIC.length + 1 + SALT);
    const iv = header.subarray(MAGIC.length + 1 + SALT, AAD_LEN);
    const tag = header.subarray(AAD_LEN, HEADER_LEN);
    const key = await deriveKey(password, salt);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(header.subarray(0, AAD_LEN));
    decipher.setAuthTag(tag);
    outFd = openSync(dest, 'wx', 0o600);
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = HEADER_LEN;
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
      throw wrongPassword(shownAs);
    }
    ok = true;
  } finally {
    closeSync(inFd);
    if (outFd !== null) closeSync(outFd);
    if (!ok && outFd !== null) unlinkSync(dest);
  }
}
