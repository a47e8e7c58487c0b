import type { Handlers } from '../../context';
import type { paperBoardOps } from '../../../api/paperBoard';
import { board, boardPeriods, doStep, paperSettings, savePaperSettings, sign, undoStep, unsign } from './board';
import { paperCheck } from './check';

export const paperBoardHandlers = {
  'paper.boardPeriods': (_i, ctx) => boardPeriods(ctx),
  'paper.board': (i, ctx) => board(ctx, i),
  'paper.doStep': (i, ctx) => doStep(ctx, i),
  'paper.undoStep': (i, ctx) => undoStep(ctx, i),
  'paper.sign': (i, ctx) => sign(ctx, i),
  'paper.unsign': (i, ctx) => unsign(ctx, i),
  'paper.settings': (_i, ctx) => paperSettings(ctx),
  'paper.saveSettings': (i, ctx) => savePaperSettings(ctx, i),
  'paper.check': (i, ctx) => paperCheck(ctx, i),
} satisfies Handlers<typeof paperBoardOps>;
