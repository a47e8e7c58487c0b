// `books print alphabet|movement|arrivals|summary --db … --out FILE.pdf|FILE.xlsx [--from … --to …]`
// (issue 12 point 6): a secretary's book printed (PDF) or exported (XLSX) by the core's own job.
import type { LocalClient } from '../core/dispatch';
import type { ExportedFile } from '../api/types';
import { BOOKS, BOOK_TITLES, type BookKind } from '../api/books';
import { countWith, WORDS } from '../api/plural';
import { UsageError, day } from './errors';

export interface BooksEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
  io: { saveResult: (f: ExportedFile, dest: string) => void };
}

export async function booksCommand(sub: string | undefined, book: string | undefined, env: BooksEnv): Promise<void> {
  if (sub !== 'print') throw new UsageError('books: укажите print');
  if (!BOOKS.includes(book as BookKind)) throw new UsageError(`books print: укажите книгу: ${BOOKS.join(', ')}`);
  const kind = book as BookKind;
  const dest = env.flag('--out');
  if (!dest) throw new UsageError('books print: укажите файл: --out ФАЙЛ.pdf или ФАЙЛ.xlsx');
  const format = /\.xlsx$/i.test(dest) ? 'xlsx' : /\.pdf$/i.test(dest) ? 'pdf' : null;
  if (!format) throw new UsageError('books print: файл --out должен оканчиваться на .pdf или .xlsx');
  const from = day(env.flag('--from'), '--from');
  const to = day(env.flag('--to'), '--to');
  if (kind !== 'alphabet' && (!from || !to)) throw new UsageError(`books print ${kind}: укажите период: --from ДД.ММ.ГГГГ --to ДД.ММ.ГГГГ`);
  const input = { book: kind, from, to };
  const f = format === 'pdf' ? await env.call('books.pdf', input) : await env.call('books.xlsx', input);
  env.io.saveResult(f, dest);
  const what = kind === 'summary' ? countWith(f.rows, WORDS.class) : `${f.rows.toLocaleString('ru-RU')} (${kind === 'alphabet' ? 'записей' : 'строк о движении'})`;
  env.out(`${BOOK_TITLES[kind]}: ${what}; сохранено в файле ${dest}`, { file: dest, rows: f.rows, book: kind });
}
