// The archive file written entry by entry (fflate's streaming Zip): each file is compressed as it
// is added and only the compressed output is kept, so at most one class's copy is held
// uncompressed at a time. The digest of every entry and of the whole file are computed on the way.
import { createHash } from 'node:crypto';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export class ZipOut {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private error: Error | null = null;
  private readonly hash = createHash('sha256');
  private readonly zip = new Zip((err, data) => {
    if (err) {
      this.error = err;
      return;
    }
    this.chunks.push(data);
    this.size += data.length;
    this.hash.update(data);
  });

  constructor(private readonly mtime: Date) {}

  /** Adds a file; a PDF (already compressed) is stored, the rest deflated. */
  add(path: string, bytes: Uint8Array): { size: number; sha256: string } {
    const f = /\.pdf$/i.test(path) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    f.mtime = this.mtime;
    // Made on Unix, a plain file rw-r--r--: Info-ZIP's `unzip` then keeps the UTF-8 names as they are
    // (made on MS-DOS — fflate's default — it turns them into OEM code page garbage).
    f.os = 3;
    f.attrs = 0o100644 << 16;
    this.zip.add(f);
    f.push(bytes, true);
    if (this.error) throw this.error;
    return { size: bytes.byteLength, sha256: sha256(bytes) };
  }

  /** The whole file and its SHA-256. */
  end(): { bytes: Uint8Array; sha256: string } {
    this.zip.end();
    if (this.error) throw this.error;
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks = [];
    return { bytes: out, sha256: this.hash.digest('hex') };
  }
}
