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
import { rowTypes } from './values.js';

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
    return this.session.transaction(work);
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
   * No ANALYZE afterwards: measured at 1 M events, fresh statistics did not change the
   * transform's time (the one misjudged join is handled in dialect.ts), and cost 0.5 s.
   */
  async stage(kind: StagingKind, batches: AsyncIterable<StagingBatch>): Promise<number> {
    try {
      return await copyStagingBatches(this.session.client, this.dialect, kind, batches);
    } catch (error) {
      throw this.session.mapError(error);
    }
  }
}
