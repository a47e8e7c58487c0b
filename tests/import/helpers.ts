// Test helpers for the import module.
import type { SheetData, ValidationContext } from '../../electron/import';

/** A sheet from a header line and rows (row numbers 2, 3, …). */
export function sheet(headers: string[], rows: string[][], rowNumbers?: number[]): SheetData {
  return {
    headers,
    rows: rows.map((r) => [...r, ...Array<string>(Math.max(0, headers.length - r.length)).fill('')]),
    rowNumbers: rowNumbers ?? rows.map((_, i) => i + 2),
    headerRowNumber: 1,
  };
}

export function ctx(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return {
    today: '2025-09-01',
    classes: [
      { grade: 1, letter: 'А' },
      { grade: 5, letter: 'А' },
      { grade: 5, letter: 'Б' },
      { grade: 9, letter: 'В' },
      { grade: 11, letter: 'А' },
    ],
    existingStudents: [],
    existingStaff: [],
    ...overrides,
  };
}

/** A valid СНИЛС for 9 digits, computed independently of the code under test. */
export function validSnils(nine: number): string {
  const d = String(nine).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (9 - i);
  let control = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101;
  if (control === 100) control = 0;
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${String(control).padStart(2, '0')}`;
}

/** Windows-1251 bytes for ASCII and Cyrillic text (А-я → 0xC0-0xFF, Ё → 0xA8, ё → 0xB8). */
export function encode1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else if (c >= 0x410 && c <= 0x44f) out[i] = c - 0x410 + 0xc0;
    else if (c === 0x401) out[i] = 0xa8;
    else if (c === 0x451) out[i] = 0xb8;
    else throw new Error(`no cp1251 code for ${text[i]}`);
  }
  return out;
}
