// The rollover to the next year (issue 15 point 4): a stub of the foundation, replaced by the feature.
import { z } from 'zod';
import * as s from './schemas';
import { read, view } from './ops';

export interface RolloverPlan {
  todo: true;
}

export const rolloverOps = {
  'rollover.plan': read(view('setup'), z.object({ yearId: s.optionalId })).returns<RolloverPlan>(),
};
