/** DuckDB's native errors mapped to sparkify's, in one place. */
import { ConnectionError, LoadError } from '../../errors.js';

/** True when another process holds the database file's lock. */
export function isFileLockError(error: unknown): boolean {
  return error instanceof Error && /Could not set lock on file/i.test(error.message);
}

export function lockHeldError(file: string, error: unknown): LoadError {
  const pid = /PID (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  const holder = pid ? `process ${pid}` : 'another process';
  return new LoadError(`${file} is in use by ${holder} (another sparkify load or query); wait for it to finish, or raise LOCK_TIMEOUT`);
}

export function openError(file: string, error: unknown): ConnectionError {
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new ConnectionError(`cannot open the DuckDB warehouse ${file}: ${detail}`, { cause: error });
}

/** A failed statement, as a one-line LoadError (exit 1) instead of a stack trace. */
export function statementError(error: unknown): never {
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  throw new LoadError(`DuckDB: ${detail}`, { cause: error });
}
