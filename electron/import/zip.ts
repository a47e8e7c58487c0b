// The entries of a ZIP archive (an .xlsx is one), for the fast sheet reader. Only what Excel and
// the usual writers produce: stored or deflated entries, no ZIP64, no encryption; anything else
// gives null and the caller falls back to exceljs.
import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipEntries {
  names: string[];
  /** The entry's bytes, or null when it is absent. Throws on an entry it cannot read. */
  read(name: string): Buffer | null;
}

export function openZip(bytes: Uint8Array): ZipEntries | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdOffset >= buf.length) return null; // ZIP64
  const entries = new Map<string, { method: number; size: number; local: number }>();
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (flags & 1 || (method !== 0 && method !== 8) || size === 0xffffffff || local === 0xffffffff) return null;
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(name.replace(/\\/g, '/').replace(/^\//, ''), { method, size, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return {
    names: [...entries.keys()],
    read(name) {
      const e = entries.get(name);
      if (!e) return null;
      if (e.local + 30 > buf.length || buf.readUInt32LE(e.local) !== LOCAL) throw new Error('bad local header');
      const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
      const data = buf.subarray(start, start + e.size);
      return e.method === 0 ? data : inflateRawSync(data);
    },
  };
}
