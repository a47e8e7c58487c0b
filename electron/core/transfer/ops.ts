import type { Handlers } from '../context';
import type { transferOps } from '../../api/transfer';
import { commitImport, previewImport } from './import';
import { exportList } from './export';

export const transferHandlers = {
  'import.preview': (i, ctx) => previewImport(ctx, i),
  'import.commit': (i, ctx) => commitImport(ctx, i),
  'export.list': (i, ctx) => exportList(ctx, i.list, i.students),
} satisfies Handlers<typeof transferOps>;
