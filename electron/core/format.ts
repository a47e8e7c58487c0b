export function fullName(p: { last_name: string; first_name: string; middle_name: string | null }): string {
  return [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(' ');
}

export { className } from '../api/text';

/** 'YYYY-MM-DD' → 'dd.mm.yyyy' */
export function ruDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function parseJsonArray<T>(s: string | null | undefined): T[] {
  if (!s) return [];
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}
