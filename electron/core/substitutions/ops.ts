import type { Handlers } from '../context';
import type { substitutionsOps } from '../../api/substitutions';
import { AppError } from '../../api/errors';

// Stubs until the feature's services land (issue 11): each refuses with «not yet».
const notYet = (): never => {
  throw new AppError('unavailable', 'Эта часть программы ещё не готова.');
};

export const substitutionsHandlers = {
  'absences.list': notYet,
  'absences.save': notYet,
  'absences.remove': notYet,
  'substitutions.day': notYet,
  'substitutions.forAbsence': notYet,
  'substitutions.candidates': notYet,
  'substitutions.assign': notYet,
  'substitutions.change': notYet,
  'substitutions.remove': notYet,
  'substitutions.daySheetPdf': notYet,
  'substitutions.journal': notYet,
  'substitutions.indicator': notYet,
} satisfies Handlers<typeof substitutionsOps>;
