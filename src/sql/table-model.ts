/**
 * The types of the schema model (sql/schema.ts holds the tables): logical column
 * types, and what a dialect says about DDL. Imports nothing, so the Dialect type can
 * use it.
 */

/**
 * Logical column types. Text comes in widths because an engine with sized text
 * (Redshift's VARCHAR) needs them; engines with unbounded TEXT map them all alike.
 */
export type LogicalType =
  | 'int' // 32-bit integer
  | 'int64' // 64-bit integer: ids, epoch milliseconds, sizes
  | 'double'
  | 'timestamp' // without time zone, UTC by convention
  | 'text' // free text: names, titles, user agents, URIs, messages
  | 'code' // a short code or an id from the input: level, page, song_id (at most 256 bytes)
  | 'md5' // 32 hex digits
  | 'digits' // a 64-bit integer kept as its decimal digits (staging's user_id)
  | 'tag'; // one of a few words sparkify writes itself: 'songs', 'success' (at most 16 bytes)

export interface ColumnModel {
  readonly name: string;
  readonly type: LogicalType;
  readonly notNull?: boolean;
  /** Declared UNIQUE (ledger only). */
  readonly unique?: boolean;
}

/**
 * star: the star schema, rebuilt from staging, whose keys are declared only where the
 * engine enforces them (or declares them for its planner); staging: the staged
 * records; ledger and history: sparkify's own bookkeeping, keys always declared.
 */
export type TableKind = 'staging' | 'star' | 'ledger' | 'history';

export interface TableModel {
  readonly name: string;
  readonly kind: TableKind;
  readonly columns: readonly ColumnModel[];
  readonly primaryKey?: string;
}

/** What a dialect says about DDL. */
export interface SchemaDialect {
  /** The engine's type for a logical type. */
  typeOf(type: LogicalType): string;
  /** Clauses after the column list (Redshift's DISTSTYLE, DISTKEY, SORTKEY), one a line. */
  tableOptions?(table: TableModel): readonly string[];
  /** Star tables declare their keys even though the engine does not enforce them (a planner hint). */
  readonly declaresUnenforcedKeys?: boolean;
  /** Names that must be quoted in DDL besides the shared ones (time, timestamp). */
  readonly reservedWords?: readonly string[];
}

/** Portable type names: DuckDB and PostgreSQL read these as written. */
export const portableTypes: Readonly<Record<LogicalType, string>> = {
  int: 'INTEGER',
  int64: 'BIGINT',
  double: 'DOUBLE PRECISION',
  timestamp: 'TIMESTAMP',
  text: 'TEXT',
  code: 'TEXT',
  md5: 'TEXT',
  digits: 'TEXT',
  tag: 'TEXT',
};

export const portableSchema: SchemaDialect = { typeOf: (type) => portableTypes[type] };

