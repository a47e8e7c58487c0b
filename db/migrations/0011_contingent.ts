import type { Migration } from './types';

const sync = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

const ORDER_KINDS = "'enrollment','class_forming','transfer_in','transfer_out','expulsion','class_transfer','cancellation'";

/**
 * Issue 12: the contingent (R7, R10, R11), office data pushed to the central system.
 * - `enrollment_application` and `enrollment_parent`: the enrollment module's applications as
 *   imported (re-imports update them by the registration number), the class each is planned into
 *   while the first grades are formed, the student made when the enrollment order is signed;
 *   `enrollment_pair`: children to keep together or apart when forming the classes.
 * - `school_order` and `order_item`: the register of orders about students. A draft applies
 *   nothing and has no number; signing numbers it (per year and kind) and applies its items — each
 *   opens or closes a dated class membership (class_membership.opened_order_id/closed_order_id);
 *   a signed order is never deleted, only cancelled by another order (`cancels_order_id`).
 * - `credential_request`: an account of the central system asked for a newcomer or a parent (R7);
 *   `credential_issue` (owned by the central) is the login and one-time password it issued.
 * - `calendar_day`: the school's corrections to the shipped production calendar.
 * - `student.birth_certificate` (from the application). Arrivals and departures are the orders' items.
 */
export const migration: Migration = {
  version: 11,
  name: 'contingent: enrollment, orders, credentials',
  up: (db) => {
    db.exec(`
ALTER TABLE student ADD COLUMN birth_certificate TEXT;

CREATE TABLE enrollment_application (${sync},
  year_id TEXT NOT NULL REFERENCES academic_year(id),
  reg_number TEXT NOT NULL,
  applied_at TEXT,
  status TEXT NOT NULL,
  enrollable INTEGER NOT NULL CHECK (enrollable IN (0, 1)),
  preference TEXT NOT NULL DEFAULT 'none' CHECK (preference IN ('none','out_of_turn','first_turn','priority')),
  sibling INTEGER NOT NULL DEFAULT 0 CHECK (sibling IN (0, 1)),
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  middle_name TEXT,
  birth_date TEXT NOT NULL,
  gender TEXT CHECK (gender IS NULL OR gender IN ('m','f')),
  snils TEXT,
  birth_certificate TEXT,
  address TEXT,
  on_territory INTEGER CHECK (on_territory IS NULL OR on_territory IN (0, 1)),
  adapted_programme INTEGER NOT NULL DEFAULT 0 CHECK (adapted_programme IN (0, 1)),
  grade INTEGER NOT NULL DEFAULT 1 CHECK (grade BETWEEN 1 AND 11),
  planned_class_id TEXT REFERENCES school_class(id),
  student_id TEXT REFERENCES student(id),
  imported_at TEXT NOT NULL);
CREATE UNIQUE INDEX enrollment_application_number ON enrollment_application(year_id, reg_number) WHERE deleted_at IS NULL;
CREATE INDEX enrollment_application_student ON enrollment_application(student_id);

CREATE TABLE enrollment_parent (${sync},
  application_id TEXT NOT NULL REFERENCES enrollment_application(id),
  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 4),
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  middle_name TEXT,
  relation TEXT,
  phone TEXT,
  email TEXT,
  guardian_id TEXT REFERENCES guardian(id));
CREATE UNIQUE INDEX enrollment_parent_position ON enrollment_parent(application_id, position) WHERE deleted_at IS NULL;

CREATE TABLE enrollment_pair (${sync},
  first_id TEXT NOT NULL REFERENCES enrollment_application(id),
  second_id TEXT NOT NULL REFERENCES enrollment_application(id),
  together INTEGER NOT NULL CHECK (together IN (0, 1)),
  CHECK (first_id <> second_id));
CREATE UNIQUE INDEX enrollment_pair_once ON enrollment_pair(first_id, second_id) WHERE deleted_at IS NULL;

CREATE TABLE school_order (${sync},
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
CREATE UNIQUE INDEX school_order_number ON school_order(year_id, kind, number) WHERE deleted_at IS NULL AND number IS NOT NULL;
CREATE INDEX school_order_date ON school_order(date);

CREATE TABLE order_item (${sync},
  order_id TEXT NOT NULL REFERENCES school_order(id),
  position INTEGER NOT NULL CHECK (position > 0),
  student_id TEXT REFERENCES student(id),
  application_id TEXT REFERENCES enrollment_application(id),
  class_from_id TEXT REFERENCES school_class(id),
  class_to_id TEXT REFERENCES school_class(id),
  grade INTEGER CHECK (grade IS NULL OR grade BETWEEN 1 AND 11),
  effective_date TEXT NOT NULL,
  school_from TEXT,
  school_to TEXT,
  reason TEXT,
  CHECK (student_id IS NOT NULL OR application_id IS NOT NULL));
CREATE UNIQUE INDEX order_item_position ON order_item(order_id, position) WHERE deleted_at IS NULL;
CREATE INDEX order_item_student ON order_item(student_id);

CREATE TABLE credential_request (${sync},
  student_id TEXT NOT NULL REFERENCES student(id),
  guardian_id TEXT REFERENCES guardian(id),
  role TEXT NOT NULL CHECK (role IN ('student','parent')),
  arrived_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  handed_on TEXT,
  handed_to TEXT,
  handed_how TEXT CHECK (handed_how IS NULL OR handed_how IN ('in_person','by_proxy','electronic')),
  handed_by TEXT,
  CHECK ((role = 'parent') = (guardian_id IS NOT NULL)),
  CHECK ((handed_on IS NULL) = (handed_how IS NULL)));
CREATE UNIQUE INDEX credential_request_once ON credential_request(student_id, coalesce(guardian_id, '')) WHERE deleted_at IS NULL;
CREATE INDEX credential_request_due ON credential_request(due_on);

CREATE TABLE credential_issue (${sync},
  request_id TEXT NOT NULL REFERENCES credential_request(id),
  login TEXT NOT NULL,
  one_time_password TEXT NOT NULL,
  issued_at TEXT NOT NULL);
CREATE UNIQUE INDEX credential_issue_request ON credential_issue(request_id) WHERE deleted_at IS NULL;

CREATE TABLE calendar_day (${sync},
  date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
  note TEXT);
CREATE UNIQUE INDEX calendar_day_date ON calendar_day(date) WHERE deleted_at IS NULL;
`);
  },
};
