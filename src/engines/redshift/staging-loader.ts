/**
 * How a Redshift engine fills staging, kept apart from the session so the same engine
 * can stage through S3 and COPY (production) or, in tests where no Redshift exists,
 * through PostgreSQL's COPY FROM STDIN on a PostgreSQL server.
 */
import type pg from 'pg';
import type { Dialect } from '../dialect.js';
import type { Row, SqlParams, StageContext } from '../engine.js';
import type { StagingBatch, StagingKind } from '../../records/staging-record.js';

/** What a loader may use of the engine's session. */
export interface LoaderSession {
  readonly dialect: Dialect;
  /** The session's backend process id: system views name sessions by it. */
  readonly sessionId: number;
  /** The driver client, for streaming protocols (COPY FROM STDIN). */
  readonly client: pg.ClientBase;
  exec(sql: string, params?: SqlParams): Promise<void>;
  query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
  /** Runs a query on a second, short-lived session: after a failed statement the first one's transaction is aborted. */
  queryAside<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
}

export interface StagingLoader {
  /** True when staging goes through an object store (the engine's capability flag). */
  readonly fromObjectStore: boolean;
  stage(kind: StagingKind, batches: AsyncIterable<StagingBatch>, session: LoaderSession, context?: StageContext): Promise<number>;
  /** Releases what the loader holds (an S3 client's sockets). */
  close?(): Promise<void>;
  /** The load's transaction committed: what it staged may go (best effort; never fails the load). */
  committed?(): Promise<void>;
  /** The load's transaction rolled back: keep what it staged, for the retry. */
  rolledBack?(): void;
}
