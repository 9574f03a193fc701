/**
 * The schema model: every table sparkify creates, its columns with logical types, its
 * keys, in one place. Each dialect names the types and may add table options
 * (`Dialect.schema`); `createTableSql` writes the DDL from the model, one readable
 * CREATE TABLE per table. Whether a star table declares its primary key follows the
 * engine's capability `enforcesPrimaryKeys` (or the dialect's `declaresUnenforcedKeys`,
 * Redshift's keys for the planner).
 *
 * Staging keeps every record with its provenance (source file and line) so that a
 * changed file can be replaced, and the star schema is rebuilt from staging.
 */
import type { Dialect } from './dialect.js';
import { sqlOf, type Statement } from './statement.js';
import { portableSchema, type ColumnModel, type LogicalType, type TableModel } from './table-model.js';

export type { ColumnModel, LogicalType, SchemaDialect, TableKind, TableModel } from './table-model.js';

const column = (name: string, type: LogicalType, more: Omit<ColumnModel, 'name' | 'type'> = {}): ColumnModel => ({ name, type, ...more });
const required = (name: string, type: LogicalType, more: Omit<ColumnModel, 'name' | 'type' | 'notNull'> = {}): ColumnModel =>
  ({ name, type, notNull: true, ...more });

// Column order is the order of the staging column lists (sql/staging-columns.ts) and
// of the merge (sql/star-tables.ts); test/sql/schema.test.ts keeps them equal.
export const stagingEventsTable: TableModel = {
  name: 'staging_events',
  kind: 'staging',
  columns: [
    required('event_id', 'int64'),
    column('artist_name', 'text'),
    column('auth', 'code'),
    column('user_first_name', 'text'),
    column('user_gender', 'code'),
    column('item_in_session', 'int64'),
    column('user_last_name', 'text'),
    column('song_length', 'double'),
    column('user_level', 'code'),
    column('location', 'text'),
    column('method', 'code'),
    column('page', 'code'),
    column('registration', 'double'),
    column('session_id', 'int64'),
    column('song_title', 'text'),
    column('status', 'int'),
    column('timestamp', 'timestamp'),
    column('ts_ms', 'int64'),
    column('user_agent', 'text'),
    column('user_id', 'digits'),
    required('source_file_id', 'int'),
    required('source_line', 'int'),
  ],
};

export const stagingSongsTable: TableModel = {
  name: 'staging_songs',
  kind: 'staging',
  columns: [
    required('song_id', 'code'),
    column('num_songs', 'int'),
    column('artist_id', 'code'),
    column('latitude', 'double'),
    column('longitude', 'double'),
    column('location', 'text'),
    column('artist_name', 'text'),
    column('title', 'text'),
    column('duration', 'double'),
    column('year', 'int'),
    required('source_file_id', 'int'),
    required('source_line', 'int'),
  ],
};

export const songplaysTable: TableModel = {
  name: 'songplays',
  kind: 'star',
  primaryKey: 'songplay_id',
  columns: [
    required('songplay_id', 'md5'),
    required('start_time', 'timestamp'),
    required('user_id', 'int64'),
    column('level', 'code'),
    column('song_id', 'code'),
    column('artist_id', 'code'),
    column('session_id', 'int64'),
    column('location', 'text'),
    column('user_agent', 'text'),
    column('item_in_session', 'int64'),
  ],
};

export const usersTable: TableModel = {
  name: 'users',
  kind: 'star',
  primaryKey: 'user_id',
  columns: [
    required('user_id', 'int64'),
    column('first_name', 'text'),
    column('last_name', 'text'),
    column('gender', 'code'),
    column('level', 'code'),
  ],
};

export const songsTable: TableModel = {
  name: 'songs',
  kind: 'star',
  primaryKey: 'song_id',
  columns: [
    required('song_id', 'code'),
    column('title', 'text'),
    column('artist_id', 'code'),
    column('year', 'int'),
    column('duration', 'double'),
  ],
};

export const artistsTable: TableModel = {
  name: 'artists',
  kind: 'star',
  primaryKey: 'artist_id',
  columns: [
    required('artist_id', 'code'),
    column('name', 'text'),
    column('location', 'text'),
    column('latitude', 'double'),
    column('longitude', 'double'),
  ],
};

/** Rule 5: one row per play start time, its parts in UTC; weekday 0 = Sunday. */
export const timeTable: TableModel = {
  name: 'time',
  kind: 'star',
  primaryKey: 'start_time',
  columns: [
    required('start_time', 'timestamp'),
    required('hour', 'int'),
    required('day', 'int'),
    required('week', 'int'),
    required('month', 'int'),
    required('year', 'int'),
    required('weekday', 'int'),
  ],
};

/** The ledger of loaded files: what is in staging, and from which file version. */
export const loadFilesTable: TableModel = {
  name: 'load_files',
  kind: 'ledger',
  primaryKey: 'file_id',
  columns: [
    required('file_id', 'int'),
    required('kind', 'tag'),
    required('uri', 'text', { unique: true }),
    required('size', 'int64'),
    required('fingerprint', 'code'),
    required('rows_loaded', 'int'),
    required('rows_rejected', 'int'),
    required('run_id', 'int'),
    required('loaded_at', 'timestamp'),
  ],
};

/** Rejected input records, kept with their run, file, line, text and reason. */
export const loadErrorsTable: TableModel = {
  name: 'load_errors',
  kind: 'history',
  columns: [
    required('run_id', 'int'),
    required('file', 'text'),
    required('line', 'int'),
    required('raw', 'text'),
    required('reason', 'text'),
  ],
};

/** One row per `etl` run; `table_changes` is a JSON object of per-table row counts. */
export const etlRunsTable: TableModel = {
  name: 'etl_runs',
  kind: 'history',
  primaryKey: 'run_id',
  columns: [
    required('run_id', 'int'),
    required('started_at', 'timestamp'),
    column('finished_at', 'timestamp'),
    required('status', 'tag'),
    required('source', 'text'),
    column('files_loaded', 'int'),
    column('files_skipped', 'int'),
    column('rows_staged', 'int'),
    column('rows_rejected', 'int'),
    column('table_changes', 'text'),
    column('error', 'text'),
  ],
};

/** Every table, in the order they are created. */
export const schemaTables: readonly TableModel[] = [
  stagingEventsTable,
  stagingSongsTable,
  songplaysTable,
  usersTable,
  songsTable,
  artistsTable,
  timeTable,
  loadFilesTable,
  loadErrorsTable,
  etlRunsTable,
];

/** Tables that `create-tables` drops and recreates: the data and the ledger that describes it. */
export const dataTables = ['songplays', 'users', 'songs', 'artists', 'time', 'staging_events', 'staging_songs', 'load_files'] as const;

/** Tables kept across `create-tables`, so history survives a rebuild. */
export const historyTables = ['etl_runs', 'load_errors'] as const;

/** What the DDL needs to know about the engine besides its dialect: `Capabilities.enforcesPrimaryKeys`. */
export interface KeyCapability {
  readonly enforcesPrimaryKeys: boolean;
}

const alwaysQuoted = ['time', 'timestamp'];

/** Whether a table declares its primary key on this engine. */
export function declaresPrimaryKey(dialect: Dialect, capabilities: KeyCapability, table: TableModel): boolean {
  if (table.primaryKey === undefined) return false;
  if (table.kind !== 'star') return true;
  return capabilities.enforcesPrimaryKeys || dialect.schema?.declaresUnenforcedKeys === true;
}

/** CREATE TABLE IF NOT EXISTS for a table, as this dialect and engine want it. */
export function createTableSql(dialect: Dialect, capabilities: KeyCapability, table: TableModel): string {
  const schema = dialect.schema ?? portableSchema;
  const reserved = new Set([...alwaysQuoted, ...(schema.reservedWords ?? [])]);
  const name = (identifier: string) => (reserved.has(identifier) ? dialect.quoteIdentifier(identifier) : identifier);
  const withKey = declaresPrimaryKey(dialect, capabilities, table);
  const lines = table.columns.map((c) => {
    const constraints = [
      c.notNull ? ' NOT NULL' : '',
      withKey && c.name === table.primaryKey ? ' PRIMARY KEY' : '',
      c.unique ? ' UNIQUE' : '',
    ].join('');
    // Names padded to one column, as a person would write the table.
    return `  ${name(c.name).padEnd(16)} ${schema.typeOf(c.type)}${constraints}`;
  });
  const options = schema.tableOptions?.(table) ?? [];
  return [`\nCREATE TABLE IF NOT EXISTS ${name(table.name)} (`, lines.join(',\n'), ')', ...options].join('\n');
}

/** The catalogue name of a table's definition. */
export function createTableName(table: TableModel): string {
  return `create-table:${table.name}`;
}

/** A table's definition as a catalogue statement: an override by name replaces the generated text. */
export function createTableStatement(dialect: Dialect, capabilities: KeyCapability, table: TableModel): Statement {
  return { name: createTableName(table), sql: createTableSql(dialect, capabilities, table) };
}

/** Every table's definition, in creation order, as this engine runs it. */
export function createTableStatements(dialect: Dialect, capabilities: KeyCapability): string[] {
  return schemaTables.map((table) => sqlOf(dialect, createTableStatement(dialect, capabilities, table)));
}
