import type { paperMedalOps } from '../../../electron/api/paperMedal';
import type { Plans } from '../plan';

export const paperMedalPlans = {
  'paper.medal': { sample: (f) => ({ yearId: f.yearId }) },
  'paper.medalPdf': { sample: () => ({}), slow: true },
  'paper.medalXlsx': { sample: (f) => ({ yearId: f.yearId }), slow: true },
} satisfies Plans<typeof paperMedalOps>;
