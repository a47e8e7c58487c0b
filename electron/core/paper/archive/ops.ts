import type { Handlers } from '../../context';
import type { paperArchiveOps } from '../../../api/paperArchive';
import { buildArchive } from './build';
import { verifyArchive } from './verify';
import { archivesView } from './list';

export const paperArchiveHandlers = {
  'paper.archives': (_i, ctx) => archivesView(ctx),
  'paper.archiveBuild': (i, ctx) => buildArchive(ctx, i),
  'paper.archiveVerify': (i, ctx) => verifyArchive(ctx, i),
} satisfies Handlers<typeof paperArchiveOps>;
