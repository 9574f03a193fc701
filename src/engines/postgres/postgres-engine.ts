/**
 * A PostgreSQL warehouse: one pg Client, one session, held for the engine's life.
 * Everything runs on that session, so the transaction, the temporary `next_*` tables
 * of the transform, the search path and the advisory load lock all belong together.
 */
import pg from 'pg';
import type { Engine, EngineOptions, Release, Row, SqlParams, SqlValue } from '../engine.js';
import { postgresCapabilities } from './capabilities.js';
import type { StagingBatch, StagingKind } from '../../records/staging-record.js';
import { takeLoadLock } from './advisory-lock.js';
import { clientConfigOf, resolveConnection, type PgConnection } from './connection.js';
import { copyStagingBatches, copyValueRows } from './copy-loader.js';
import { postgresDialect } from './dialect.js';
import { connectionError, errorContextOf } from './errors.js';
import { postgresIndexes } from './indexes.js';
import { PgSession } from './pg-session.js';
import { withIndexesSetAside } from './set-aside-indexes.js';
import { rowTypes } from './values.js';
import { stagingTables } from '../../sql/staging-columns.js';

/**
 * Memory for the sorts, hashes and index builds of a load, per transaction (SET LOCAL),
 * raised to these sizes and never lowered below what the server is configured with.
 * PostgreSQL's defaults (4 MB, 64 MB) make a 1 M-event transform spill every sort to
 * disk and split every hash join into batches.
 */
const loadMemory = `
SELECT set_config(name, value, true)
FROM (VALUES ('work_mem', '256MB'), ('maintenance_work_mem', '512MB')) AS wanted(name, value)
WHERE pg_size_bytes(current_setting(name)) < pg_size_bytes(value)`;

export class PostgresEngine implements Engine {
  readonly name = 'postgres';
  readonly dialect = postgresDialect;
  readonly capabilities = postgresCapabilities;

  private constructor(
    private readonly session: PgSession,
    private readonly connection: PgConnection,
    /** A dry run: no schema created, every transaction read-only. */
    private readonly readOnly: boolean,
  ) {}

  static async open(url: URL, options: EngineOptions): Promise<PostgresEngine> {
    const connection = resolveConnection(url, options);
    const context = errorContextOf(connection, url.protocol.replace(/:$/, ''));
    const session = new PgSession(new pg.Client({ ...clientConfigOf(connection), types: rowTypes }), context);
    const engine = new PostgresEngine(session, connection, options.readOnly ?? false);
    try {
      await session.client.connect();
      await engine.prepareSession();
    } catch (error) {
      await session.close();
      throw connectionError(error, context);
    }
    return engine;
  }

  /** UTC for every timestamp the session reads or writes; the schema created and searched first. */
  private async prepareSession(): Promise<void> {
    const client = this.session.client;
    await client.query(`SET TIME ZONE 'UTC'`);
    // A dry run: the server itself refuses any write.
    if (this.readOnly) await client.query('SET default_transaction_read_only TO on');
    const schema = this.connection.schema;
    if (schema === undefined) return;
    const quoted = this.dialect.quoteIdentifier(schema);
    // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
    const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (found.rowCount === 0 && !this.readOnly) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`SET search_path TO ${quoted}`);
  }

  describe(): string {
    return this.session.context.where;
  }

  close(): Promise<void> {
    return this.session.close();
  }

  exec(sql: string, params?: SqlParams): Promise<void> {
    return this.session.exec(sql, params);
  }

  query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.session.query<T>(sql, params);
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.session.transaction(async () => {
      await this.session.exec(loadMemory);
      return work();
    });
  }

  /** Per database and schema: loads into other schemas of the same database go ahead. */
  async lock(timeoutMs: number): Promise<Release> {
    // The schema the tables land in, however it was chosen (URL, option or the server's search_path).
    const [row] = await this.query('SELECT current_schema() AS schema');
    const scope = String(row?.schema ?? '');
    return takeLoadLock((sql, params) => this.query(sql, params), scope, this.describe(), timeoutMs, () => this.session.lost);
  }

  /** COPY rather than INSERT .. VALUES: 100 k ledger rows for 100 k song files in one stream. */
  async insertRows(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await copyValueRows(this.session.client, this.dialect, table, columns, rows);
    } catch (error) {
      throw this.session.mapError(error);
    }
  }

  /** Secondary indexes (see indexes.ts); idempotent. */
  async afterCreateTables(): Promise<void> {
    for (const statement of postgresIndexes) await this.exec(statement);
  }

  /**
   * Into an empty staging table (a first load) the COPY goes with the table's indexes set
   * aside (set-aside-indexes.ts) and is followed by ANALYZE: with no statistics at all
   * the planner misjudges every join of the transform by orders of magnitude. Later loads
   * add to a table autovacuum has analysed, and keep its indexes as they go.
   */
  async stage(kind: StagingKind, batches: AsyncIterable<StagingBatch>): Promise<number> {
    const table = this.dialect.quoteIdentifier(stagingTables[kind].table);
    const copy = async () => {
      try {
        return await copyStagingBatches(this.session.client, this.dialect, kind, batches);
      } catch (error) {
        throw this.session.mapError(error);
      }
    };
    const [row] = await this.query(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`);
    if (row?.empty !== true) return copy();
    const rows = await withIndexesSetAside(this, table, copy);
    await this.exec(`ANALYZE ${table}`);
    return rows;
  }

  /**
   * A star table filled while empty: its keys and indexes built after the rows
   * (set-aside-indexes.ts), then analysed, as staging is. Until autovacuum gets to it,
   * the next load's scoped transform would otherwise plan its lookups on no statistics.
   */
  async fillEmpty(table: string, fill: () => Promise<void>): Promise<void> {
    await withIndexesSetAside(this, table, fill);
    await this.exec(`ANALYZE ${table}`);
  }
}
