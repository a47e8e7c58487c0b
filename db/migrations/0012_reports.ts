import type { Migration } from './types';

const sync = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

/**
 * Issue 13: term reports, monitoring and printed statements (R12, R15–R20; docs/indicators.md).
 * The figures are computed from the journal data, never stored; what is stored is the school's
 * thresholds (`school.report_rules`, JSON of ReportRules in electron/api/indicators.ts: a column
 * of the school's one row, so two office computers cannot make two rule sets) and the register of
 * printed statements for parents without e-access (R12): a batch per printing, a copy per child,
 * the day it was handed over.
 */
export const migration: Migration = {
  version: 12,
  name: 'report rules and the register of parent statements',
  up: (db) => {
    db.exec(`
ALTER TABLE school ADD COLUMN report_rules TEXT NOT NULL DEFAULT '{}';

CREATE TABLE statement_batch (${sync},
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  date_from TEXT NOT NULL, date_to TEXT NOT NULL,
  class_id TEXT REFERENCES school_class(id),
  printed_at TEXT NOT NULL,
  printed_by TEXT NOT NULL,
  CHECK (date_from <= date_to));
CREATE INDEX statement_batch_year ON statement_batch(year_id, date_to);

CREATE TABLE statement_copy (${sync},
  batch_id TEXT NOT NULL REFERENCES statement_batch(id),
  student_id TEXT NOT NULL REFERENCES student(id),
  guardian_id TEXT REFERENCES guardian(id),
  handed_on TEXT,
  handed_to TEXT);
CREATE UNIQUE INDEX statement_copy_unique ON statement_copy(batch_id, student_id) WHERE deleted_at IS NULL;
CREATE INDEX statement_copy_student ON statement_copy(student_id);
`);
  },
};
