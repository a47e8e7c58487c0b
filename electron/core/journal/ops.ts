import type { Handlers } from '../context';
import type { journalOps } from '../../api/journal';
import { classJournal, journalOptions, studentMarks } from './journal';
import { changeFacets, markChanges, markChangesXlsx } from './changes';
import { markChangesPdf } from './changesPdf';

export const journalHandlers = {
  'journal.options': (_, ctx) => journalOptions(ctx),
  'journal.classJournal': (i, ctx) => classJournal(ctx, i),
  'journal.studentMarks': (i, ctx) => studentMarks(ctx, i),
  'journal.changes': (i, ctx) => markChanges(ctx, i),
  'journal.changeFacets': (_, ctx) => changeFacets(ctx),
  'journal.changesXlsx': (i, ctx) => markChangesXlsx(ctx, i),
  'journal.changesPdf': (i, ctx) => markChangesPdf(ctx, i),
} satisfies Handlers<typeof journalOps>;
