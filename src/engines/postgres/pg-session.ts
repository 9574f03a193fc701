/**
 * One pg Client as the Engine's statement runner: `$name` parameters rewritten to
 * positional ones, rows normalised, errors mapped, BEGIN/COMMIT/ROLLBACK, and a flag
 * that says when the session is gone. Shared with the Redshift engine, which speaks
 * the same protocol; each engine adds its own staging, locking and dialect.
 */
import type pg from 'pg';
import type { Row, SqlParams } from '../engine.js';
import { loadError, type ErrorContext } from './errors.js';
import { toPositional } from './params.js';
import { toRow } from './values.js';

export class PgSession {
  /** Set once the session is gone (server shutdown, network loss, terminated backend). */
  private lostFlag = false;
  private inTransaction = false;

  constructor(
    readonly client: pg.Client,
    readonly context: ErrorContext,
  ) {
    // Without a listener, an error on an idle client would crash the process.
    client.on('error', () => (this.lostFlag = true));
    client.on('end', () => (this.lostFlag = true));
  }

  get lost(): boolean {
    return this.lostFlag;
  }

  async close(): Promise<void> {
    if (this.lostFlag) return;
    this.lostFlag = true;
    await this.client.end().catch(() => undefined);
  }

  async exec(sql: string, params?: SqlParams): Promise<void> {
    await this.run(sql, params);
  }

  async query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const result = await this.run(sql, params);
    return result.rows.map((record: Record<string, unknown>) => toRow(record) as T);
  }

  /** Without parameters a statement goes as a simple query, so a script of several works. */
  private async run(sql: string, params?: SqlParams): Promise<pg.QueryResult> {
    try {
      if (params === undefined) {
        const result: pg.QueryResult | pg.QueryResult[] = await this.client.query(sql);
        return Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
      }
      const { text, values } = toPositional(sql, params);
      return await this.client.query({ text, values });
    } catch (error) {
      throw this.mapError(error);
    }
  }

  /** Any error met on this session as sparkify's: sparkify's own pass through. */
  mapError(error: unknown): Error {
    return loadError(error, this.context, this.lostFlag);
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) throw new Error('transaction() is not re-entrant');
    this.inTransaction = true;
    try {
      await this.exec('BEGIN');
      let result: T;
      try {
        result = await work();
      } catch (error) {
        // On a lost session the server has rolled back already.
        if (!this.lostFlag) await this.client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await this.exec('COMMIT');
      return result;
    } finally {
      this.inTransaction = false;
    }
  }
}
