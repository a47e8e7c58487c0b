import type { Handlers } from '../context';
import type { timetableOps } from '../../api/timetable';
import { AppError } from '../../api/errors';
import { removeVersion, saveVersion, versions } from './versions';
import { makeCards } from './cards';
import { board, check, place, removeUnavailable, rules, saveRules, saveUnavailable, slotsFor, unplace, updateCard } from './edit';

// Stubs until their services land (issue 11: the generator, FET export/import): each refuses with «not yet».
const notYet = (): never => {
  throw new AppError('unavailable', 'Эта часть программы ещё не готова.');
};

export const timetableHandlers = {
  'timetable.versions': (i, ctx) => versions(ctx, i.yearId),
  'timetable.saveVersion': (i, ctx) => saveVersion(ctx, i),
  'timetable.removeVersion': (i, ctx) => removeVersion(ctx, i.id),
  'timetable.makeCards': (i, ctx) => makeCards(ctx, i.timetableId),
  'timetable.board': (i, ctx) => board(ctx, i.timetableId),
  'timetable.check': (i, ctx) => check(ctx, i.timetableId),
  'timetable.slotsFor': (i, ctx) => slotsFor(ctx, i.cardId),
  'timetable.place': (i, ctx) => place(ctx, i),
  'timetable.unplace': (i, ctx) => unplace(ctx, i.cardId),
  'timetable.updateCard': (i, ctx) => updateCard(ctx, i),
  'timetable.unavailable.save': (i, ctx) => saveUnavailable(ctx, i),
  'timetable.unavailable.remove': (i, ctx) => removeUnavailable(ctx, i.id),
  'timetable.rules': (i, ctx) => rules(ctx, i.timetableId),
  'timetable.saveRules': (i, ctx) => saveRules(ctx, i),
  'timetable.generate': notYet,
  'timetable.exportFet': notYet,
  'timetable.importFet': notYet,
} satisfies Handlers<typeof timetableOps>;
