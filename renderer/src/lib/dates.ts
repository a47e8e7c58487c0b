// Dates cross the API as ISO 'YYYY-MM-DD'; people read and type them as 'ДД.ММ.ГГГГ'.

/** '2026-09-01' → '01.09.2026'; '' for an empty value. */
export function ruDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

export type ParsedDate = { ok: true; iso: string | null } | { ok: false; error: string };

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * 'ДД.ММ.ГГГГ' (also 'Д.М.ГГГГ', '01/09/2026', '01092026') → ISO. An empty text is a valid «no date».
 * The error is a Russian sentence for the field.
 */
export function parseRuDate(text: string, opts: { required?: boolean } = {}): ParsedDate {
  const t = text.trim();
  if (t === '') return opts.required ? { ok: false, error: 'Укажите дату' } : { ok: true, iso: null };
  let m = /^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})$/.exec(t);
  if (!m && /^\d{8}$/.test(t)) m = /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (!m) return { ok: false, error: 'Дата должна быть в формате ДД.ММ.ГГГГ' };
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  if (y < 1900 || y > 2100) return { ok: false, error: 'Год должен быть от 1900 до 2100' };
  if (mo < 1 || mo > 12) return { ok: false, error: `Месяца «${m[2]}» не бывает` };
  if (d < 1 || d > daysIn(y, mo)) return { ok: false, error: `Такой даты нет: ${String(d).padStart(2, '0')}.${String(mo).padStart(2, '0')}.${y}` };
  return { ok: true, iso: `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/**
 * What typing one character at the end makes of the text: the dots after the day and the month are
 * inserted for whoever types digits only («12052019» → «12.05.2019»), and a dot typed right after
 * such a dot is not doubled («12.» + «.» stays «12.»), so «12.05.2019» typed key by key is itself.
 * Anything else (a paste, an edit in the middle, deleting) is kept exactly as it is.
 */
export function dateTyping(before: string, after: string): string {
  const appended = after.length === before.length + 1 && after.startsWith(before);
  if (!appended) return /^\d{8}$/.test(after) ? `${after.slice(0, 2)}.${after.slice(2, 4)}.${after.slice(4)}` : after;
  const ch = after[after.length - 1]!;
  if (ch === '.' && before.endsWith('.')) return before;
  if (/\d/.test(ch) && (/^\d{2}$/.test(after) || /^\d{1,2}\.\d{2}$/.test(after))) return `${after}.`;
  return after;
}

/** Today as ISO in local time. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Whole days from a to b (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(Date.parse(iso + 'T00:00:00Z') + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

// Plural agreement is the one helper shared with the core: «1 день», «2 дня», «5 дней».
export { countOf, plural } from '../../../electron/api/plural';

/** '8:30', '0830', '08.30' → '08:30'; null when it is not a time of day. */
export function normalizeTime(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{1,2})[:.\-]?(\d{2})$/.exec(t);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An ISO moment in local time: '02.09.2026 14:30'; '' for none. */
export function ruDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad2(d.getDate())}.${pad2(d.getMonth() + 1)}.${d.getFullYear()} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** The local time of an ISO moment: '14:30'. */
export function ruTime(iso: string | null | undefined): string {
  return ruDateTime(iso).slice(11);
}

/** A local date 'ДД.ММ.ГГГГ' and time 'ЧЧ:ММ' as an ISO moment with the offset; null when invalid. */
export function localMoment(date: string, time: string): string | null {
  const d = parseRuDate(date, { required: true });
  const t = normalizeTime(time);
  if (!d.ok || !d.iso || !t) return null;
  const [y, m, day] = d.iso.split('-').map(Number) as [number, number, number];
  const at = new Date(y, m - 1, day, Number(t.slice(0, 2)), Number(t.slice(3, 5)));
  return at.toISOString();
}

/** «3 дня назад»-style age of a moment in whole days or hours. */
export function ageOf(iso: string, now = Date.now()): { days: number; hours: number } {
  const ms = Math.max(0, now - Date.parse(iso));
  return { days: Math.floor(ms / 86_400_000), hours: Math.floor(ms / 3_600_000) };
}

/** '12,4 МБ' */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} КБ`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
}
