// The central store's first schema (issue 10, docs/sync.md): schools, enrollment codes, clients, the
// generic record store with its enforced unique keys, and the outcome of every processed mutation.
// Every table of a school's data has school_id first in its primary key (Citus distribution key).
import { sql } from 'kysely';
import type { CentralMigration } from './types';

export const migration: CentralMigration = {
  version: 1,
  name: 'initial',
  async up(db) {
    await sql`
CREATE TABLE school (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX school_name ON school (name);

CREATE TABLE enrollment_code (
  school_id uuid NOT NULL REFERENCES school (id),
  code_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (school_id, code_hash)
);
CREATE INDEX enrollment_code_hash ON enrollment_code (code_hash);

CREATE TABLE client (
  school_id uuid NOT NULL REFERENCES school (id),
  id uuid NOT NULL,
  secret_hash text NOT NULL,
  name text NOT NULL,
  last_mutation_id bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  forked_from uuid,
  PRIMARY KEY (school_id, id)
);
CREATE INDEX client_id ON client (id);

CREATE TABLE record (
  school_id uuid NOT NULL REFERENCES school (id),
  entity text NOT NULL,
  id uuid NOT NULL,
  data jsonb NOT NULL,
  fv jsonb NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (school_id, entity, id)
);
CREATE INDEX record_version ON record (school_id, version);

CREATE TABLE unique_key (
  school_id uuid NOT NULL,
  entity text NOT NULL,
  key_no integer NOT NULL,
  key text NOT NULL,
  record_id uuid NOT NULL,
  PRIMARY KEY (school_id, entity, key_no, key)
);
CREATE INDEX unique_key_record ON unique_key (school_id, entity, record_id);

CREATE TABLE mutation (
  school_id uuid NOT NULL,
  client_id uuid NOT NULL,
  id bigint NOT NULL,
  hash text NOT NULL,
  version bigint,
  refused text,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (school_id, client_id, id),
  CHECK ((version IS NULL) <> (refused IS NULL))
);

CREATE TABLE server_setting (
  key text PRIMARY KEY,
  value text NOT NULL
);
`.execute(db);
  },
};
