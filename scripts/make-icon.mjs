// Draws the app's icon, resources/icon.png (512×512 RGBA): an open class journal on the app's indigo
// (Mantine indigo 7 → 9), a red bookmark. Plain Node: shapes sampled 4×4 per pixel, PNG written
// with zlib. electron-builder makes the Windows .ico and the Linux sizes from it.
// Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';

const N = 512;
const SS = 4;

/** Inside a rounded rectangle [x0,x1]×[y0,y1] with corner radius r. */
function inRound(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const INDIGO7 = [0x42, 0x63, 0xeb];
const INDIGO9 = [0x36, 0x4f, 0xc7];
const WHITE = [0xff, 0xff, 0xff];
const PAGE_EDGE = [0xdb, 0xe4, 0xff];
const LINE = [0xba, 0xc8, 0xff];
const RED = [0xfa, 0x52, 0x52];

/** The colour at a point (RGBA 0–255), or null outside the icon. */
function sample(x, y) {
  if (!inRound(x, y, 16, 16, 496, 496, 96)) return null;
  let c = mix(INDIGO7, INDIGO9, (x + y) / 1024);
  // The open journal: two pages either side of the spine, their outer corners rounded.
  const top = 128 + Math.abs(x - 256) * 0.08; // pages rise a little towards the spine
  const left = inRound(x, y, 96, top, 250, 392, 14);
  const right = inRound(x, y, 262, top, 416, 392, 14);
  if (left || right) {
    c = WHITE;
    // The ruled lines of the journal and its margin on each page.
    const rowY = (y - 176) % 36;
    if (y > 170 && y < 370 && rowY >= 0 && rowY < 5) c = LINE;
    if (left && x > 128 && x < 133) c = LINE;
    if (right && x > 384 && x < 389 && y > top + 24) c = LINE;
    if ((left && x > 238) || (right && x < 274)) c = mix(c, PAGE_EDGE, 0.7);
  }
  // The book's cover under the pages.
  if (!left && !right && inRound(x, y, 84, 150, 428, 410, 18) && y > 380) c = [0x2b, 0x3e, 0x9a];
  // The bookmark: a red ribbon from the right page's top, cut in a V.
  if (x >= 332 && x <= 364 && y >= top - 6 && y <= 300 - Math.max(0, 16 - Math.abs(x - 348))) c = RED;
  return [...c.map(Math.round), 255];
}

const px = Buffer.alloc(N * N * 4);
for (let y = 0; y < N; y++)
  for (let x = 0; x < N; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const s = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!s) continue;
        for (let i = 0; i < 3; i++) acc[i] += s[i] * s[3];
        acc[3] += s[3];
      }
    const o = (y * N + x) * 4;
    const a = acc[3] / (SS * SS);
    if (acc[3]) for (let i = 0; i < 3; i++) px[o + i] = Math.round(acc[i] / acc[3]);
    px[o + 3] = Math.round(a);
  }

// PNG: signature, IHDR (RGBA 8-bit), IDAT (each row with filter 0), IEND.
const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) px.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
const out = join(import.meta.dirname, '..', 'resources', 'icon.png');
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
