/**
 * The seam between the pipeline and a warehouse. The pipeline only ever sees this
 * interface; an engine lives in its own folder (duckdb/, postgres/, redshift/) and
 * may import from sql/, records/ and errors, never from pipeline/ or cli/.
 *
 * SQL handed to `exec`/`query` uses named parameters written `$name`; each engine
 * binds them natively or rewrites them to its driver's positional form.
 */
import type { Dialect } from './dialect.js';
import type { RejectedRecord, StagingBatch, StagingKind, TextRecord } from '../records/staging-record.js';

/** A value that can be bound to a `$name` parameter. */
export type SqlValue = string | number | boolean | null | Date | bigint;
export type SqlParams = Readonly<Record<string, SqlValue>>;

/**
 * One result row, with values normalised the same way on every engine:
 * integers that fit a double exactly are numbers, bigger ones bigints (ids are 64-bit
 * and exact: SPEC.md), timestamps are Dates in UTC, NULL is null.
 */
export type Row = Record<string, string | number | bigint | boolean | Date | null>;

/** What an engine can do differently; the pipeline reads flags, never engine names. */
export interface Capabilities {
  /** Star tables carry primary keys that the engine enforces. */
  readonly enforcesPrimaryKeys: boolean;
  /**
   * The whole load (DROP and CREATE TABLE, staging, the transform, the ledger and the run
   * record) can run in one transaction and roll back together. Without it the pipeline
   * commits step by step and makes a failed load's leftovers harmless to the next load
   * (pipeline/etl.ts).
   */
  readonly loadInOneTransaction: boolean;
  /**
   * Staging takes every record Node accepted or fails the load; the warehouse's own
   * loader refuses none (Redshift's COPY can). The ledger's rows per file are then
   * exactly staging's rows, and a load can read staging's size from the ledger
   * instead of counting it (pipeline/known-rows.ts).
   */
  readonly stagesEveryAcceptedRecord: boolean;
  /**
   * A load whose staging tables and ledger start empty (the first load, a rebuild, a full
   * refresh) stages, and writes its ledger rows, into tables of its own, committed before
   * the load's transaction, which swaps them in (pipeline/stage-ahead.ts): the engine
   * reads rows its own open transaction wrote more slowly than committed ones (DuckDB
   * scans them on one thread).
   */
  readonly stagesAheadWhenEmpty: boolean;
}

export const defaultCapabilities: Capabilities = {
  enforcesPrimaryKeys: false,
  loadInOneTransaction: true,
  stagesEveryAcceptedRecord: false,
  stagesAheadWhenEmpty: false,
};

/**
 * What the pipeline tells `stage` besides the records. An engine that parses in Node
 * ignores it; one whose bulk loader can itself refuse rows (Redshift's COPY, which
 * checks VARCHAR widths) reports them here, so they join the load's rejected records,
 * its `load_errors` rows and its maximum-errors budget, exactly like Node-side rejects.
 */
export interface StageContext {
  /** Rejected records the load may still tolerate (COPY's MAXERROR). */
  errorsLeft(): number;
  /** The URI of the input file a record's `fileId` stands for, for messages and load_errors. */
  fileUri(fileId: number): string | undefined;
  /** Reports a row the warehouse refused; throws the load's DataError once the budget is spent. */
  reject(record: RejectedRecord): void;
  /**
   * The tables to stage into, when not the staging tables: those of a load staging ahead
   * (pipeline/stage-ahead.ts), only on an engine with `stagesAheadWhenEmpty`.
   */
  readonly tables?: Readonly<Record<StagingKind, string>>;
}

/** One kind's validated records, as text, for `Engine.stageText`. */
export interface TextStream {
  readonly kind: StagingKind;
  readonly batches: AsyncIterable<StagingBatch<TextRecord>>;
}

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
   * way. Called inside `transaction` when the engine has `loadInOneTransaction`. Returns the number of rows written. `context`
   * matters only to an engine whose loader can refuse rows itself (Redshift's COPY).
   */
  stage(kind: StagingKind, batches: AsyncIterable<StagingBatch>, context?: StageContext): Promise<number>;

  /**
   * Optional: `stage` for an engine whose warehouse parses each record's text again
   * (DuckDB's JSON reader), so it needs no typed fields. The pipeline then hands over
   * text only, which saves Node time and memory. It stages every kind in one call: the
   * streams take turns in order, but the engine may still be writing one kind's rows
   * while it reads the next, and may read a later stream ahead of its turn (the pipeline
   * then holds what that stream reports until its turn). Returns the rows written of
   * each kind. Default: absent, `stage` is used, one kind at a time.
   */
  stageText?(streams: readonly TextStream[], context?: StageContext): Promise<Record<StagingKind, number>>;

  /**
   * Optional: inserts a modest number of rows (ledger entries, load errors; up to some
   * hundred thousand) through a native bulk path, values bound, never spliced into SQL.
   * Called inside `transaction`. Default: multi-row VALUES with parameters
   * (engines/insert-with-values.ts).
   */
  insertRows?(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void>;

  /**
   * Optional: runs after the shared DDL has created (or found) every table, for what an
   * engine adds beyond it, such as PostgreSQL's secondary indexes. Must be idempotent:
   * it runs before every load. Default: absent, nothing to add.
   */
  afterCreateTables?(): Promise<void>;

  /**
   * Optional: runs `fill`, which inserts a star table's rows into `table` (quoted) while
   * it is empty, the engine's fastest way for such a bulk fill (PostgreSQL sets the
   * table's indexes and keys aside and builds them again once the rows are in). Called
   * inside the load's transaction, which must still roll everything back on failure.
   * Default: absent, `fill` runs as it is.
   */
  fillEmpty?(table: string, fill: () => Promise<void>): Promise<void>;
}

/**
 * The course's `[CLUSTER]` settings as plain values: fallbacks for what a server URL
 * leaves out. Declared here, not taken from config/, so engines know nothing of settings.
 */
export interface ClusterDefaults {
  readonly host?: string;
  readonly dbName?: string;
  readonly dbUser?: string;
  readonly dbPassword?: string;
  readonly dbPort?: number;
}

/** Plain options an engine is opened with (engine-descriptor.ts says which each engine reads). */
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
  readonly cluster?: ClusterDefaults;
  /** Where an engine that stages through an object store (Redshift) puts its input. */
  readonly objectStore?: ObjectStoreOptions;
  /**
   * A dry run: the engine creates nothing on opening (no database file, no schema), and
   * refuses writes where the server can. Reading what is missing finds nothing.
   */
  readonly readOnly?: boolean;
}

/** `[S3]`, `[IAM_ROLE]` and `[SPARKIFY]` settings an object-store stager needs. */
export interface ObjectStoreOptions {
  /** Bucket (and key prefix) the input is uploaded to before the warehouse's COPY. */
  readonly bucket?: string;
  readonly prefix?: string;
  /** IAM role the warehouse assumes to read the bucket. */
  readonly iamRoleArn?: string;
  /** AWS region of the bucket; discovered from the bucket when absent. */
  readonly region?: string;
  /** An S3-compatible endpoint (tests, MinIO). */
  readonly s3Endpoint?: string;
}

/** Opens an engine at a URL its descriptor accepted (engine-descriptor.ts). */
export type OpenEngine = (url: URL, options: EngineOptions) => Promise<Engine>;
