/**
 * The load lock on Redshift, which has no advisory locks: a second session holds an
 * exclusive LOCK on a one-purpose table inside an open transaction for as long as the
 * load runs. Another load's LOCK waits for it, up to its timeout (statement_timeout),
 * then fails with a message naming the lock. If the process dies, its session ends
 * and the lock goes with it. The same statements work on PostgreSQL.
 */
import type pg from 'pg';
import { LoadError } from '../../errors.js';
import type { Release } from '../engine.js';
import { loadError, sqlStateOf, type ErrorContext } from '../postgres/errors.js';

export const LOCK_TABLE = 'sparkify_load_lock';
/** statement_timeout 0 would mean "wait forever": the shortest wait is this. */
const MIN_WAIT_MS = 100;

export async function takeTableLock(lockSession: pg.Client, context: ErrorContext, timeoutMs: number): Promise<Release> {
  const end = () => lockSession.end().catch(() => undefined);
  try {
    await lockSession.query(`CREATE TABLE IF NOT EXISTS ${LOCK_TABLE} (purpose VARCHAR(64))`).catch((error: unknown) => {
      // Two first loads may create it at once; one of them loses that race harmlessly.
      if (!['42P07', '23505'].includes(sqlStateOf(error) ?? '')) throw error;
    });
    await lockSession.query('BEGIN');
    await lockSession.query(`SET statement_timeout TO ${Math.max(MIN_WAIT_MS, Math.trunc(timeoutMs))}`);
    await lockSession.query(`LOCK ${LOCK_TABLE}`);
    await lockSession.query('SET statement_timeout TO 0');
  } catch (error) {
    await end();
    if (sqlStateOf(error) === '57014') {
      const waited = (Math.max(MIN_WAIT_MS, timeoutMs) / 1000).toFixed(1);
      throw new LoadError(
        `another sparkify load into ${context.where} holds the load lock (table ${LOCK_TABLE}) after waiting ${waited} s; ` +
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
    await lockSession.query('ROLLBACK').catch(() => undefined);
    await end();
  };
}
