export { Db, openDatabase, migrate, NewerSchemaError } from './connection';
export { Writer } from './write';
export { ALL_ENTITIES, withChangeOrigin, currentChangeOrigin, type ChangeBy, type ChangeEvent, type ChangeListener, type ChangeOrigin } from './changes';
export { uuidv7, UUID_RE } from './ids';
export { LATEST_SCHEMA_VERSION, migrations } from './migrations';
export type * from './schema';
export { PRIVATE_DIR, PRIVATE_FILE, createPrivateFile, makePrivateDir, privateDatabaseFiles, tighten } from './private';
