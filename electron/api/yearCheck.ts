// The year-end check (issue 15 point 1): a stub of the foundation, replaced by the feature.
import { z } from 'zod';
import * as s from './schemas';
import { read, view } from './ops';

export interface YearCheck {
  todo: true;
}

export const yearCheckOps = {
  'year.check': read(view('yearEnd'), z.object({ yearId: s.optionalId })).returns<YearCheck>(),
};
