import type { Handlers } from '../context';
import type { timetableOps } from '../../api/timetable';
import { removeVersion, saveVersion, versions } from './versions';
import { makeCards } from './cards';
import { board, check, place, removeUnavailable, rules, saveRules, saveUnavailable, slotsFor, unplace, updateCard } from './edit';
import { exportFetFile, importFetFile } from './fetData';
import { generateTimetable } from './generateJob';

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
  'timetable.generate': (i, ctx) => generateTimetable(ctx, i),
  'timetable.exportFet': (i, ctx) => exportFetFile(ctx, i.timetableId),
  'timetable.importFet': (i, ctx) => importFetFile(ctx, i),
} satisfies Handlers<typeof timetableOps>;
