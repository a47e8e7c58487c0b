// The program itself: what it is, the first school, the demo school.
import { z } from 'zod';
import * as s from './schemas';
import { change, job, none, read, write } from './ops';
import type { AppRole } from './enums';
import { schoolInput, type School } from './setup/school';

export interface AppInfo {
  version: string;
  dbPath: string;
  schemaVersion: number;
  host: 'electron' | 'web' | 'test' | 'cli';
  hasSchool: boolean;
  /** The school's short name, for the login screen (before anyone logged in); null without a school. */
  schoolName: string | null;
  today: string;
}

export interface DemoResult {
  students: number;
  classes: number;
  staff: number;
  ms: number;
  /** One user per role with a one-time password (must be changed at first login). */
  users: { login: string; role: AppRole; password: string }[];
}

export const appOps = {
  'app.info': read('public', none).returns<AppInfo>(),
  'app.createSchool': write(change('setup'), schoolInput()).returns<School>(),
  // only into an empty database without users (checked by the handler)
  'app.loadDemo': job(
    'Демонстрационная школа',
    write('public', z.object({ students: s.int('Учеников', 100, 5000).default(1000), seed: s.int('Вариант', 0, 2_147_483_647).default(1) })).returns<DemoResult>(),
  ),
};
