import type { booksOps } from '../../../electron/api/books';
import { none, type Plans } from '../plan';

export const booksPlans = {
  'books.alphabet': { sample: none },
  'books.movement': { sample: () => ({ from: '2026-11-01', to: '2026-11-30' }) },
  'books.arrivals': { sample: () => ({ from: '2026-11-01', to: '2026-11-30' }) },
  'books.summary': { sample: () => ({ from: '2026-09-01', to: '2026-11-30' }) },
  'books.pdf': { sample: () => ({ book: 'summary', from: '2026-09-01', to: '2026-11-30' }), slow: true },
  'books.xlsx': { sample: () => ({ book: 'arrivals', from: '2026-11-01', to: '2026-11-30' }), slow: true },
} satisfies Plans<typeof booksOps>;
