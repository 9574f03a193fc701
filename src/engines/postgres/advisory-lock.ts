/**
 * The load lock: a session-level advisory lock, so two sparkify loads into the same
 * database and schema never interleave, while loads into other schemas go ahead.
 * Polled with pg_try_advisory_lock rather than waited on with pg_advisory_lock, so the
 * wait has our timeout and a clear message, whatever the server's lock_timeout.
 * The server drops the lock with the session, so a crashed load never leaves it held.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { LoadError } from '../../errors.js';
import type { Release, Row, SqlParams } from '../engine.js';

export type Query = (sql: string, params?: SqlParams) => Promise<Row[]>;

const POLL_MS = 200;
/** "SPKY": the first half of the two-int key, so our locks are easy to tell apart in pg_locks. */
const LOCK_CLASS = 0x53504b59;

/** The lock's two int4 keys: our class, and a 32-bit FNV-1a hash of the schema name. */
export function lockKeys(scope: string): readonly [number, number] {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(scope, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return [LOCK_CLASS, hash | 0];
}

export async function takeLoadLock(query: Query, scope: string, where: string, timeoutMs: number, isLost: () => boolean): Promise<Release> {
  const [key1, key2] = lockKeys(scope);
  const deadline = Date.now() + Math.max(0, timeoutMs);
  for (;;) {
    const [row] = await query('SELECT pg_try_advisory_lock($key1, $key2) AS locked', { key1, key2 });
    if (row?.locked === true) break;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new LoadError(await holderMessage(query, key1, key2, where, timeoutMs));
    await sleep(Math.min(POLL_MS, remaining));
  }
  let released = false;
  return async () => {
    // A lost session has released the lock already; failing here would hide the real error.
    if (released || isLost()) return;
    released = true;
    await query('SELECT pg_advisory_unlock($key1, $key2) AS unlocked', { key1, key2 });
  };
}

async function holderMessage(query: Query, key1: number, key2: number, where: string, timeoutMs: number): Promise<string> {
  // pg_locks shows the two int4 keys as oids, i.e. unsigned.
  const rows = await query(
    `SELECT a.pid, a.application_name, a.backend_start
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.classid = CAST($class_id AS oid) AND l.objid = CAST($object_id AS oid)`,
    { class_id: String(key1 >>> 0), object_id: String(key2 >>> 0) },
  ).catch(() => []);
  const holder = rows[0];
  const who = holder
    ? `PostgreSQL backend ${String(holder.pid)} (${holder.application_name || 'unnamed client'}, connected ${
        holder.backend_start instanceof Date ? holder.backend_start.toISOString() : String(holder.backend_start)
      })`
    : 'another session';
  const waited = timeoutMs > 0 ? ` after waiting ${(timeoutMs / 1000).toFixed(1)} s` : '';
  return `another sparkify load into ${where} holds the load lock: ${who}${waited}; wait for it to finish, or raise LOCK_TIMEOUT`;
}
