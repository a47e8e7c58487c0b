// The central store's tables (PostgreSQL), as Kysely sees them. Every table of a school's data carries
// school_id first in its primary key: the distribution key of a region-scale deployment (Citus
// create_distributed_table(…, 'school_id')). docs/sync.md; the migrations in central/migrations/.
import type { ColumnType } from 'kysely';

/** A bigint the pool reads as a JS number (central/db.ts: int8 parsed as Number; versions stay far below 2^53). */
type Big = ColumnType<number, number | undefined, number>;

export interface SchoolTable {
  /** The school's id: the distribution key (school_id in every other table). */
  id: string;
  name: string;
  /** The school's cursor: one step per applied mutation or central write (UPDATE … RETURNING, the row lock orders them). */
  version: Big;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface EnrollmentCodeTable {
  school_id: string;
  /** sha256 of the code (hex); the code itself is shown once. */
  code_hash: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ClientTable {
  school_id: string;
  id: string;
  /** sha256 of the client's secret (32 random bytes, so a fast hash is enough), hex. */
  secret_hash: string;
  name: string;
  last_mutation_id: Big;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  forked_from: string | null;
}

export type Value = string | number | null;
/** Per field: [the school version that last wrote it, its writer: a client id or 'central']. */
export type FieldVersions = Record<string, [number, string]>;

export interface RecordTable {
  school_id: string;
  entity: string;
  id: string;
  data: ColumnType<Record<string, Value>, string, string>;
  fv: ColumnType<FieldVersions, string, string>;
  version: Big;
}

export interface UniqueKeyTable {
  school_id: string;
  entity: string;
  /** Which of the entity's enforced keys (its index in the registry's `unique`). */
  key_no: number;
  /** JSON of the key's values. */
  key: string;
  record_id: string;
}

export interface MutationTable {
  school_id: string;
  client_id: string;
  id: Big;
  hash: string;
  /** The school version it was applied as; null when refused. */
  version: ColumnType<number | null, number | null, number | null>;
  refused: string | null;
  at: ColumnType<Date, Date | string | undefined, never>;
}

/** Server-wide settings (not per school): the token signing key when CENTRAL_TOKEN_KEY is not set. */
export interface ServerSettingTable {
  key: string;
  value: string;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface CentralDatabase {
  school: SchoolTable;
  enrollment_code: EnrollmentCodeTable;
  client: ClientTable;
  record: RecordTable;
  unique_key: UniqueKeyTable;
  mutation: MutationTable;
  server_setting: ServerSettingTable;
  schema_migration: SchemaMigrationTable;
}
