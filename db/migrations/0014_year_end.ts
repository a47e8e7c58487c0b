import type { Migration } from './types';

const sync = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

const ORDER_KINDS =
  "'enrollment','class_forming','transfer_in','transfer_out','expulsion','class_transfer','cancellation','promotion','graduation'";
const DECISIONS = "'promoted','conditional','repeat','graduated','continues'";
const MARKS = "'5','4','3','2','1','na','exempt','pass','fail'";

/**
 * Issue 15: the year end and the new year (R24; law 273-ФЗ art. 58).
 * - `period_mark.attestation`: 1 for the intermediate-attestation mark (ПА; period_id null), which the
 *   central journal keeps beside the year mark (period_id null, attestation 0).
 * - `school_order` rebuilt for two more kinds: «О переводе» (promotion) and «Об отчислении в связи с
 *   завершением обучения» (graduation); a CHECK cannot be widened in place, so the table is copied
 *   (foreign keys off for the migration: `rebuildsTables`).
 * - `order_item.decision`: what a promotion or graduation order decides for its student.
 * - `academic_debt`: a student's debt in a subject: the reason, the two retakes (the second before a
 *   commission, `commission` a JSON list of staff ids, the chair first), the outcome and the decision
 *   when it is not cleared.
 * - `year_rollover`: a rollover done, from one year to the next (what it created, the backup made before).
 */
export const migration: Migration = {
  version: 14,
  name: 'year end: attestation, debts, promotion orders, rollover',
  rebuildsTables: true,
  up: (db) => {
    db.exec(`
ALTER TABLE period_mark ADD COLUMN attestation INTEGER NOT NULL DEFAULT 0 CHECK (attestation IN (0, 1));

CREATE TABLE school_order_new (${sync},
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  kind TEXT NOT NULL CHECK (kind IN (${ORDER_KINDS})),
  number INTEGER CHECK (number IS NULL OR number > 0),
  date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','signed','cancelled')),
  title TEXT NOT NULL,
  preamble TEXT,
  basis TEXT,
  signed_at TEXT,
  cancels_order_id TEXT REFERENCES school_order(id),
  CHECK ((status = 'draft') = (number IS NULL)),
  CHECK ((kind = 'cancellation') = (cancels_order_id IS NOT NULL)));
INSERT INTO school_order_new SELECT id, created_at, updated_at, deleted_at, year_id, kind, number, date, status, title, preamble, basis, signed_at, cancels_order_id FROM school_order;
DROP TABLE school_order;
ALTER TABLE school_order_new RENAME TO school_order;
CREATE UNIQUE INDEX school_order_number ON school_order(year_id, kind, number) WHERE deleted_at IS NULL AND number IS NOT NULL;
CREATE INDEX school_order_date ON school_order(date);

ALTER TABLE order_item ADD COLUMN decision TEXT CHECK (decision IN (${DECISIONS}));

CREATE TABLE academic_debt (${sync},
  student_id TEXT NOT NULL REFERENCES student(id),
  subject_id TEXT NOT NULL REFERENCES subject(id),
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  reason TEXT NOT NULL CHECK (reason IN ('unsatisfactory','absent')),
  recorded_on TEXT NOT NULL,
  first_retake_on TEXT,
  first_result TEXT CHECK (first_result IN (${MARKS})),
  second_retake_on TEXT,
  second_result TEXT CHECK (second_result IN (${MARKS})),
  commission TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed','decided')),
  decision TEXT CHECK (decision IN ('repeat','adapted','individual')),
  decided_on TEXT,
  note TEXT,
  CHECK ((status = 'decided') = (decision IS NOT NULL)),
  CHECK (second_retake_on IS NULL OR first_retake_on IS NULL OR first_retake_on < second_retake_on));
CREATE UNIQUE INDEX academic_debt_key ON academic_debt(student_id, subject_id, year_id) WHERE deleted_at IS NULL;
CREATE INDEX academic_debt_year ON academic_debt(year_id, status);

CREATE TABLE year_rollover (${sync},
  from_year_id TEXT NOT NULL REFERENCES academic_year(id),
  to_year_id TEXT NOT NULL REFERENCES academic_year(id),
  done_at TEXT NOT NULL,
  done_by TEXT NOT NULL,
  summary TEXT NOT NULL,
  backup_file TEXT,
  CHECK (from_year_id <> to_year_id));
CREATE UNIQUE INDEX year_rollover_from ON year_rollover(from_year_id) WHERE deleted_at IS NULL;
`);
  },
};
