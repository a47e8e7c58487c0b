// The demo school of `npm run central -- --demo` (issue 10): the hook the lead fills with the demo
// school's data (the same 1000-student school as the app's demo) and a simulated journal.
import type { CentralDb } from './db';

export interface DemoSeed {
  /** The school «Демо-школа» just registered (or found) in the store. */
  schoolId: string;
  /** Progress lines for the console (nothing personal). */
  log: (line: string) => void;
}

/**
 * Fills the demo school with its data. Called by `--demo` after migrating and registering the
 * school, before the enrollment code is printed; must be idempotent (a second `--demo` on the same
 * data folder calls it again). Empty for now: the school has no data until the lead's seed lands.
 */
export async function seedDemo(db: CentralDb, seed: DemoSeed): Promise<void> {
  void db;
  void seed;
}
