import type { Handlers } from '../context';
import type { timetableOps } from '../../api/timetable';
import { AppError } from '../../api/errors';
import { exportFetFile, importFetFile } from './fetData';

// Stubs until the feature's services land (issue 11): each refuses with «not yet».
const notYet = (): never => {
  throw new AppError('unavailable', 'Эта часть программы ещё не готова.');
};

export const timetableHandlers = {
  'timetable.versions': notYet,
  'timetable.saveVersion': notYet,
  'timetable.removeVersion': notYet,
  'timetable.makeCards': notYet,
  'timetable.board': notYet,
  'timetable.check': notYet,
  'timetable.slotsFor': notYet,
  'timetable.place': notYet,
  'timetable.unplace': notYet,
  'timetable.updateCard': notYet,
  'timetable.unavailable.save': notYet,
  'timetable.unavailable.remove': notYet,
  'timetable.rules': notYet,
  'timetable.saveRules': notYet,
  'timetable.generate': notYet,
  'timetable.exportFet': (i, ctx) => exportFetFile(ctx, i.timetableId),
  'timetable.importFet': (i, ctx) => importFetFile(ctx, i),
} satisfies Handlers<typeof timetableOps>;
