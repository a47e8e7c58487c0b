import type { Handlers } from '../context';
import type { booksOps } from '../../api/books';
import { alphabetBook, arrivalsReport, movementBook, movementSummary } from './build';
import { bookDoc } from './document';
import { bookPdf } from './pdf';
import { bookXlsx } from './xlsx';

export const booksHandlers = {
  'books.alphabet': (_, ctx) => alphabetBook(ctx),
  'books.movement': (i, ctx) => movementBook(ctx, i.from, i.to),
  'books.arrivals': (i, ctx) => arrivalsReport(ctx, i.from, i.to),
  'books.summary': (i, ctx) => movementSummary(ctx, i.from, i.to),
  'books.pdf': (i, ctx) => bookPdf(ctx, bookDoc(ctx, i.book, i.from, i.to)),
  'books.xlsx': (i, ctx) => bookXlsx(ctx, bookDoc(ctx, i.book, i.from, i.to)),
} satisfies Handlers<typeof booksOps>;
