import type { homeOps } from '../../../electron/api/home';
import type { Plans } from '../plan';

export const homePlans = {
  'home.calendar': { sample: (f) => ({ yearId: f.yearId }) },
} satisfies Plans<typeof homeOps>;
