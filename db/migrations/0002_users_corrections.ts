import type { Migration } from './types';

export const migration: Migration = {
  version: 2,
  name: 'app users and the register of data-correction requests',
  up: (db) => {
    db.exec(`
-- Local accounts of this app (not synced: password hashes never leave the computer).
CREATE TABLE app_user (
  id TEXT PRIMARY KEY NOT NULL,
  login TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('sysadmin','secretary','deputy','director')),
  deputy_grades TEXT NOT NULL DEFAULT '[]',
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0,1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
  last_login_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE UNIQUE INDEX app_user_login ON app_user(login COLLATE NOCASE);

-- R26: a reported error in the data is corrected within one calendar day and the reporter is told.
CREATE TABLE correction_request (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  reported_at TEXT NOT NULL,
  reporter TEXT NOT NULL,
  reporter_contact TEXT,
  description TEXT NOT NULL,
  due_at TEXT NOT NULL,
  corrected_at TEXT,
  corrected_by TEXT,
  resolution TEXT,
  reporter_notified_at TEXT);
CREATE INDEX correction_open ON correction_request(corrected_at, due_at);
`);
  },
};
