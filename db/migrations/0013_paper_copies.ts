import type { Migration } from './types';

const sync = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

/**
 * Issue 14: paper copies of the journal and the archive (R21 `001 §4.1–4.5`, `§5.2`; R22).
 * - `school.paper_journal`: 0 for a school without a paper journal (ББЖ, R22): the board is off.
 * - `paper_copy`: a class's copy for a study period as printed: its short code (on every sheet), the
 *   digest of the data it was made from, and the fingerprint (JSON: item key → short hash) that names
 *   what changed in the journal since.
 * - `paper_step`: the board, one row per class, period and step done (who, when).
 * - `paper_signature`: a subject teacher's signature of a subject's sheets (day 3).
 * - `paper_register_entry`: the secretary's register; entries are only added (a correction is a new
 *   entry naming the one it corrects), each holding the digest of the previous one (a chain).
 * - `paper_scan`: a scan of a signed copy attached to a register entry, with its digest; local (a
 *   file of megabytes never travels through sync).
 * - `paper_archive`: the archive files built (for the storage periods and their reminder).
 */
export const migration: Migration = {
  version: 13,
  name: 'paper copies, their board, the register and the archive',
  up: (db) => {
    db.exec(`
ALTER TABLE school ADD COLUMN paper_journal INTEGER NOT NULL DEFAULT 1;

CREATE TABLE paper_copy (${sync},
  class_id TEXT NOT NULL REFERENCES school_class(id),
  period_id TEXT NOT NULL REFERENCES study_period(id),
  code TEXT NOT NULL,
  digest TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  sheets INTEGER NOT NULL CHECK (sheets > 0),
  printed_at TEXT NOT NULL,
  printed_by TEXT NOT NULL);
CREATE UNIQUE INDEX paper_copy_code ON paper_copy(code) WHERE deleted_at IS NULL;
CREATE INDEX paper_copy_class ON paper_copy(class_id, period_id);

CREATE TABLE paper_step (${sync},
  class_id TEXT NOT NULL REFERENCES school_class(id),
  period_id TEXT NOT NULL REFERENCES study_period(id),
  step TEXT NOT NULL CHECK (step IN ('checked', 'printed', 'signed', 'certified', 'handed', 'approved', 'bound', 'archived')),
  done_at TEXT NOT NULL,
  done_by TEXT NOT NULL,
  note TEXT);
CREATE UNIQUE INDEX paper_step_unique ON paper_step(class_id, period_id, step) WHERE deleted_at IS NULL;
CREATE INDEX paper_step_period ON paper_step(period_id);

CREATE TABLE paper_signature (${sync},
  class_id TEXT NOT NULL REFERENCES school_class(id),
  period_id TEXT NOT NULL REFERENCES study_period(id),
  subject_id TEXT NOT NULL REFERENCES subject(id),
  teacher_id TEXT NOT NULL REFERENCES staff(id),
  signed_on TEXT NOT NULL,
  recorded_by TEXT NOT NULL);
CREATE UNIQUE INDEX paper_signature_unique ON paper_signature(class_id, period_id, subject_id, teacher_id) WHERE deleted_at IS NULL;
CREATE INDEX paper_signature_period ON paper_signature(period_id);

CREATE TABLE paper_register_entry (${sync},
  number INTEGER NOT NULL CHECK (number > 0),
  received_on TEXT NOT NULL,
  class_id TEXT NOT NULL REFERENCES school_class(id),
  period_id TEXT NOT NULL REFERENCES study_period(id),
  copy_id TEXT REFERENCES paper_copy(id),
  sheets INTEGER NOT NULL CHECK (sheets > 0),
  handed_by TEXT NOT NULL,
  received_by TEXT NOT NULL,
  corrects_id TEXT REFERENCES paper_register_entry(id),
  note TEXT,
  prev_digest TEXT NOT NULL,
  digest TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL);
CREATE UNIQUE INDEX paper_register_number ON paper_register_entry(number) WHERE deleted_at IS NULL;

CREATE TABLE paper_scan (
  id TEXT PRIMARY KEY NOT NULL,
  entry_id TEXT NOT NULL REFERENCES paper_register_entry(id),
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size > 0),
  digest TEXT NOT NULL,
  content BLOB NOT NULL,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL);
CREATE UNIQUE INDEX paper_scan_unique ON paper_scan(entry_id, digest);

CREATE TABLE paper_archive (${sync},
  kind TEXT NOT NULL CHECK (kind IN ('period', 'year')),
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  period_id TEXT REFERENCES study_period(id),
  file_name TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size > 0),
  digest TEXT NOT NULL,
  built_at TEXT NOT NULL,
  built_by TEXT NOT NULL,
  CHECK ((kind = 'period') = (period_id IS NOT NULL)));
CREATE INDEX paper_archive_year ON paper_archive(year_id, built_at);
`);
  },
};
