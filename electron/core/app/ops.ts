import type { Handlers } from '../context';
import type { appOps } from '../../api/app';
import { appInfo, loadDemo } from './app';
import { saveSchool } from '../setup/school';

export const appHandlers = {
  'app.info': (_, ctx) => appInfo(ctx),
  'app.createSchool': (i, ctx) => saveSchool(ctx, i),
  'app.loadDemo': (i, ctx) => loadDemo(ctx, i),
} satisfies Handlers<typeof appOps>;
