import type { homeOps } from '../../../electron/api/home';
import type { Plans } from '../plan';

export const homePlans = {
  'home.calendar': { sample: () => ({ on: '2027-05-25' }) },
} satisfies Plans<typeof homeOps>;
