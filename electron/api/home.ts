// The office's calendar on the home screen (issue 15 point 5): a stub of the foundation, replaced by the feature.
import { z } from 'zod';
import * as s from './schemas';
import { read } from './ops';

export interface OfficeCalendar {
  todo: true;
}

export const homeOps = {
  'home.calendar': read('session', z.object({ yearId: s.optionalId })).returns<OfficeCalendar>(),
};
