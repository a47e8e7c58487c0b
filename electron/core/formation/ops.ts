import type { Handlers } from '../context';
import type { formationOps } from '../../api/formation';
import { apply, board, move, propose, removePair, savePair } from './formation';

export const formationHandlers = {
  'formation.board': (_i, ctx) => board(ctx),
  'formation.propose': (i, ctx) => propose(ctx, i),
  'formation.apply': (i, ctx) => apply(ctx, i),
  'formation.move': (i, ctx) => move(ctx, i),
  'formation.pairs.save': (i, ctx) => savePair(ctx, i),
  'formation.pairs.remove': (i, ctx) => removePair(ctx, i.id),
} satisfies Handlers<typeof formationOps>;
