import type { Handlers } from '../context';
import type { timetableOps } from '../../api/timetable';
import { AppError } from '../../api/errors';
import { generateTimetable } from './generateJob';

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
  'timetable.generate': (input, ctx) => generateTimetable(ctx, input),
  'timetable.exportFet': notYet,
  'timetable.importFet': notYet,
} satisfies Handlers<typeof timetableOps>;
