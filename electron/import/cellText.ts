// The text of a cell as the user sees it, from the value exceljs (or the fast reader) gives.
function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A number as the user sees it, without a trailing '.0' and without float noise. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** Text of an exceljs cell value (dates → 'dd.mm.yyyy', rich text, formulas, hyperlinks → their text). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const day = `${pad2(value.getUTCDate())}.${pad2(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`;
    // A date and time (an application's «дата и время подачи», issue 12): the time as well.
    const h = value.getUTCHours();
    const m = value.getUTCMinutes();
    return h || m ? `${day} ${pad2(h)}:${pad2(m)}` : day;
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[]).map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
    }
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text); // hyperlink
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}
