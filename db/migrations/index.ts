import type { Migration } from './types';
import { migration as m0001 } from './0001_initial';
import { migration as m0002 } from './0002_users_corrections';
import { migration as m0003 } from './0003_groups_workload';
import { migration as m0004 } from './0004_account_staff';
import { migration as m0005 } from './0005_dated_memberships';
import { migration as m0006 } from './0006_staff_qualifications';
import { migration as m0007 } from './0007_journal';
import { migration as m0008 } from './0008_sync_store';
import { migration as m0009 } from './0009_sync_sent_through';
import { migration as m0010 } from './0010_timetable';
import { migration as m0011 } from './0011_contingent';
import { migration as m0012 } from './0012_reports';
import { migration as m0013 } from './0013_paper_copies';
import { migration as m0014 } from './0014_year_end';

/** Every migration in order; one file each, each with its own test in tests/db/migrations/. */
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
export type { Migration };
