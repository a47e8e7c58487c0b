// Academic debts (issue 15 point 2): a stub of the foundation, replaced by the feature.
import { z } from 'zod';
import * as s from './schemas';
import { read, view } from './ops';

export interface DebtList {
  todo: true;
}

export const debtsOps = {
  'debts.list': read(view('yearEnd'), z.object({ yearId: s.optionalId })).returns<DebtList>(),
};
