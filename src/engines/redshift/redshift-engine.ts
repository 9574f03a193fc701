/**
 * A Redshift warehouse: one session over the PostgreSQL protocol for the load (its
 * transaction, temporary tables and COPYs belong together), short second sessions for
 * the load lock and for reading COPY errors after a failed COPY. How staging is filled
 * is the loader's business (staging-loader.ts): S3 and COPY in production.
 */
import type pg from 'pg';
import type { Dialect } from '../dialect.js';
import type { Capabilities, Engine, Release, Row, SqlParams, StageContext } from '../engine.js';
import type { StagingBatch, StagingKind } from '../../records/staging-record.js';
import { loadError } from '../postgres/errors.js';
import { toPositional } from '../postgres/params.js';
import { toRow } from '../postgres/values.js';
import { PgSession } from '../postgres/pg-session.js';
import { openSession, type SessionTarget } from './session.js';
import type { LoaderSession, StagingLoader } from './staging-loader.js';
import { takeTableLock, terminateSessionSql } from './table-lock.js';

/** What differs between a real Redshift engine and the test composition on PostgreSQL. */
export interface RedshiftParts {
  readonly dialect: Dialect;
  readonly loader: StagingLoader;
  readonly capabilities: Capabilities;
}

export class RedshiftEngine implements Engine {
  readonly name = 'redshift';
  readonly dialect: Dialect;
  readonly capabilities: Capabilities;

  private readonly releases = new Set<Release>();
  /** The PostgreSQL engine's statement runner: parameters, rows, errors and transactions alike. */
  private readonly session: PgSession;

  private constructor(
    private readonly client: pg.Client,
    private readonly sessionId: number,
    private readonly target: SessionTarget,
    private readonly parts: RedshiftParts,
  ) {
    this.dialect = parts.dialect;
    this.capabilities = parts.capabilities;
    this.session = new PgSession(client, target.context);
  }

  static async open(target: SessionTarget, parts: RedshiftParts): Promise<RedshiftEngine> {
    const { client, sessionId } = await openSession(target);
    return new RedshiftEngine(client, sessionId, target, parts);
  }

  describe(): string {
    return this.target.context.where;
  }

  async close(): Promise<void> {
    for (const release of [...this.releases]) await release();
    await this.parts.loader.close?.();
    await this.session.close();
  }

  exec(sql: string, params?: SqlParams): Promise<void> {
    return this.session.exec(sql, params);
  }

  query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.session.query<T>(sql, params);
  }

  /** After a commit the loader may clean up what it staged; after a rollback it keeps it for the retry. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await this.session.transaction(work);
    } catch (error) {
      this.parts.loader.rolledBack?.();
      throw error;
    }
    await this.parts.loader.committed?.();
    return result;
  }

  async lock(timeoutMs: number): Promise<Release> {
    const lockSession = await openSession(this.target, 'sparkify load lock');
    const endSession = async (sessionId: number) => {
      const { client } = await openSession(this.target, 'sparkify end lock wait');
      try {
        await client.query(terminateSessionSql, [sessionId]);
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    const release = await takeTableLock(lockSession, this.target.context, timeoutMs, endSession);
    const tracked: Release = async () => {
      this.releases.delete(tracked);
      await release();
    };
    this.releases.add(tracked);
    return tracked;
  }

  stage(kind: StagingKind, batches: AsyncIterable<StagingBatch>, context?: StageContext): Promise<number> {
    return this.parts.loader.stage(kind, batches, this.loaderSession(), context);
  }

  private loaderSession(): LoaderSession {
    return {
      dialect: this.dialect,
      sessionId: this.sessionId,
      client: this.client,
      exec: (sql, params) => this.exec(sql, params),
      query: (sql, params) => this.query(sql, params),
      queryAside: async <T extends Row = Row>(sql: string, params?: SqlParams) => {
        const { client } = await openSession(this.target, 'sparkify load errors');
        try {
          const { text, values } = toPositional(sql, params);
          const result = await client.query({ text, values });
          return result.rows.map((record: Record<string, unknown>) => toRow(record) as T);
        } catch (error) {
          throw loadError(error, this.target.context, false);
        } finally {
          await client.end().catch(() => undefined);
        }
      },
    };
  }
}
