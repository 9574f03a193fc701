/**
 * The seam between the pipeline and a warehouse. The pipeline only ever sees this
 * interface; an engine lives in its own folder (duckdb/, postgres/, redshift/) and
 * may import from sql/, records/ and errors, never from pipeline/ or cli/.
 *
 * SQL handed to `exec`/`query` uses named parameters written `$name`; each engine
 * binds them natively or rewrites them to its driver's positional form.
 */
import type { Dialect } from './dialect.js';
import type { StagingBatch, StagingKind } from '../records/staging-record.js';
import type { ClusterSettings } from '../config/settings.js';

/** A value that can be bound to a `$name` parameter. */
export type SqlValue = string | number | boolean | null | Date | bigint;
export type SqlParams = Readonly<Record<string, SqlValue>>;

/**
 * One result row, with values normalised the same way on every engine:
 * integers that fit a double are numbers (bigger ones strings), timestamps are
 * Dates in UTC, NULL is null.
 */
export type Row = Record<string, string | number | boolean | Date | null>;

/** What an engine can do differently; the pipeline reads flags, never engine names. */
export interface Capabilities {
  /**
   * The engine loads staging itself from an object store (Redshift's COPY FROM S3)
   * rather than from records parsed in Node.
   */
  readonly stagesFromObjectStore: boolean;
  /** Star tables carry primary keys that the engine enforces. */
  readonly enforcesPrimaryKeys: boolean;
}

export const defaultCapabilities: Capabilities = {
  stagesFromObjectStore: false,
  enforcesPrimaryKeys: false,
};

/** Releases a lock taken with `Engine.lock`. */
export type Release = () => Promise<void>;

export interface Engine {
  /** Short engine name for reports ("duckdb", "postgres", "redshift"). */
  readonly name: string;
  readonly dialect: Dialect;
  readonly capabilities: Capabilities;

  /** Where the warehouse is, safe to print: never contains a password. */
  describe(): string;

  close(): Promise<void>;

  /** Runs one statement (or, with no parameters, a script of statements). */
  exec(sql: string, params?: SqlParams): Promise<void>;
  query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;

  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it
   * throws (the error is rethrown). Not re-entrant.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;

  /**
   * Takes the warehouse-wide load lock, so two loads never interleave. Waits up to
   * `timeoutMs`, then throws a LoadError that says who holds it.
   */
  lock(timeoutMs: number): Promise<Release>;

  /**
   * Bulk-loads validated records into a staging table in the engine's fastest native
   * way. Called inside `transaction`. Returns the number of rows written.
   */
  stage(kind: StagingKind, batches: AsyncIterable<StagingBatch>): Promise<number>;
}

/** How an engine module is opened: every engine folder's index exports `openEngine`. */
export interface EngineOptions {
  /** DuckDB's memory_limit and similar resource caps, engine-specific. */
  readonly memoryLimit?: string;
  /** A schema to create and work in (PostgreSQL, Redshift). */
  readonly schema?: string;
  /** Password from config or environment, kept out of `describe()` and errors. */
  readonly password?: string;
  /** Milliseconds to wait for a busy warehouse file or lock before giving up. */
  readonly lockTimeoutMs?: number;
  /** `[CLUSTER]` settings from dwh.cfg: fallbacks for what the URL leaves out. */
  readonly cluster?: ClusterSettings;
}

export type OpenEngine = (url: URL, options: EngineOptions) => Promise<Engine>;
