import type { Handlers } from '../../context';
import type { paperRegisterOps } from '../../../api/paperRegister';
import { addRegisterEntry, correctRegisterEntry, registerOptions, registerView, verifyRegister } from './register';
import { attachScan, scanFile } from './scans';
import { registerPdf } from './pdf';

export const paperRegisterHandlers = {
  'paper.register': (i, ctx) => registerView(ctx, i),
  'paper.registerOptions': (_i, ctx) => registerOptions(ctx),
  'paper.registerAdd': (i, ctx) => addRegisterEntry(ctx, i),
  'paper.registerCorrect': (i, ctx) => correctRegisterEntry(ctx, i),
  'paper.registerVerify': (_i, ctx) => verifyRegister(ctx),
  'paper.attachScan': (i, ctx) => attachScan(ctx, i),
  'paper.scanFile': (i, ctx) => scanFile(ctx, i.id),
  'paper.registerPdf': (i, ctx) => registerPdf(ctx, i.periodId),
} satisfies Handlers<typeof paperRegisterOps>;
