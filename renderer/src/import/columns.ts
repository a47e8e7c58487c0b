/** 0 → 'A', 25 → 'Z', 26 → 'AA' — as Excel names columns. */
export function columnLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const NAME_PARTS = ['lastName', 'firstName', 'middleName'];

/** Required fields without a column; the full-name column stands in for the name parts. */
export function missingRequired(fields: { key: string; label: string; required: boolean }[], mapping: Record<string, number | null>): string[] {
  const full = mapping.fullName !== null && mapping.fullName !== undefined;
  return fields.filter((f) => f.required && (mapping[f.key] ?? null) === null && !(full && NAME_PARTS.includes(f.key))).map((f) => f.label);
}

/** Columns chosen for more than one field: column index → field labels. */
export function duplicateColumns(fields: { key: string; label: string }[], mapping: Record<string, number | null>): Map<number, string[]> {
  const by = new Map<number, string[]>();
  for (const f of fields) {
    const c = mapping[f.key];
    if (c === null || c === undefined) continue;
    by.set(c, [...(by.get(c) ?? []), f.label]);
  }
  return new Map([...by].filter(([, v]) => v.length > 1));
}

/** The errors as a CSV for Excel (UTF-8 with BOM, ';'), base64. */
export function errorsCsvBase64(errors: { row: number; column: string; message: string }[]): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const text = '\ufeff' + ['Строка;Столбец;Ошибка', ...errors.map((e) => `${e.row};${q(e.column)};${q(e.message)}`)].join('\r\n');
  const bytes = new TextEncoder().encode(text);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
