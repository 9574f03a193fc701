/**
 * The load lock on Redshift, which has no advisory locks: a second session holds an
 * exclusive LOCK on a one-purpose table inside an open transaction for as long as the
 * load runs. Another load's LOCK waits for it, and the wait is bounded here, by a timer:
 * Redshift does not document whether statement_timeout ends a waiting LOCK, nor with
 * which SQLSTATE. When the timer fires, the waiting session is ended with
 * pg_terminate_backend (documented on Redshift for one's own sessions) from a short
 * third session, so no forgotten LOCK stays queued behind the holder. If a process dies,
 * its session ends and its lock goes with it. The same statements work on PostgreSQL.
 */
import type pg from 'pg';
import { LoadError } from '../../errors.js';
import type { Release } from '../engine.js';
import { loadError, sqlStateOf, type ErrorContext } from '../postgres/errors.js';

export const LOCK_TABLE = 'sparkify_load_lock';
/** A zero or negative timeout would mean "do not wait at all": the shortest wait is this. */
const MIN_WAIT_MS = 100;

export interface LockSession {
  readonly client: pg.Client;
  /** The session's backend process id, to end it when its wait runs out. */
  readonly sessionId: number;
}

/** Ends a waiting session from elsewhere (pg_terminate_backend on another session). */
export type EndSession = (sessionId: number) => Promise<void>;

/** The statement that ends a session whose LOCK waited too long. */
export const terminateSessionSql = 'SELECT pg_terminate_backend($1)';

class LockWaitExpired extends Error {}

export async function takeTableLock(lock: LockSession, context: ErrorContext, timeoutMs: number, endSession: EndSession): Promise<Release> {
  const { client } = lock;
  const end = () => client.end().catch(() => undefined);
  const waitMs = Math.max(MIN_WAIT_MS, Math.trunc(timeoutMs));
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS ${LOCK_TABLE} (purpose VARCHAR(64))`).catch((error: unknown) => {
      // Two first loads may create it at once; one of them loses that race harmlessly.
      if (!['42P07', '23505'].includes(sqlStateOf(error) ?? '')) throw error;
    });
    await client.query('BEGIN');
    await boundedWait(client.query(`LOCK ${LOCK_TABLE}`), waitMs, () => {
      // The driver reports the ended session as an 'error' event: expected here.
      client.on('error', () => undefined);
      return endSession(lock.sessionId);
    });
  } catch (error) {
    await end();
    if (error instanceof LockWaitExpired) {
      throw new LoadError(
        `another sparkify load into ${context.where} holds the load lock (table ${LOCK_TABLE}) after waiting ${(waitMs / 1000).toFixed(1)} s; ` +
          'wait for it to finish, or raise LOCK_TIMEOUT',
        { cause: error },
      );
    }
    throw loadError(error, context, false);
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await client.query('ROLLBACK').catch(() => undefined);
    await end();
  };
}

/** Waits for `work` up to `ms`; past that, runs `giveUp` and throws LockWaitExpired. */
async function boundedWait(work: Promise<unknown>, ms: number, giveUp: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), ms);
  });
  try {
    const outcome = await Promise.race([work.then(() => 'locked' as const), expired]);
    if (outcome === 'locked') return;
  } finally {
    clearTimeout(timer);
  }
  // The LOCK is still queued: end its session, and let its now-failing promise go quietly.
  work.catch(() => undefined);
  await giveUp().catch(() => undefined);
  throw new LockWaitExpired(`LOCK ${LOCK_TABLE} still waiting after ${ms} ms`);
}
