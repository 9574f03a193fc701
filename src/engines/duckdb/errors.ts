/** DuckDB's native errors mapped to sparkify's, in one place. */
import path from 'node:path';
import { ConnectionError, LoadError, SparkifyError } from '../../errors.js';

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

/** Where an open warehouse writes: named in messages about a full disk. */
export interface WarehousePaths {
  /** The database file (':memory:' for an in-memory warehouse). */
  readonly database: string;
  /** The per-warehouse temp folder: staging parts and DuckDB's spill files. */
  readonly tempRoot: string;
  /** This engine's own folder inside it, whose names never appear in a message. */
  readonly tempFolder: string;
  /** The memory_limit in force, for an out-of-memory message. */
  readonly memoryLimit: string;
}

/**
 * A failed statement or staging step as one line (a LoadError, exit 1) instead of a
 * stack trace or DuckDB's multi-line text. A full disk is said to be one, naming the
 * folder that is full: DuckDB reports a full temp folder as "Out of Memory Error:
 * failed to offload data block", and a full warehouse disk as an IO or commit error.
 */
export function duckdbError(error: unknown, paths: WarehousePaths): SparkifyError {
  if (error instanceof SparkifyError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const nothingLoaded = 'free some space there and run the load again (nothing was loaded)';

  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ENOSPC' || /failed to offload data block|max_temp_directory_size/i.test(message)) {
    return new LoadError(`no space left on the disk holding the temp folder ${paths.tempRoot}; ${nothingLoaded}`, { cause: error });
  }
  if (/No space left on device|disk is full|not enough space/i.test(message)) {
    const file = /"([^"]+)"/.exec(message)?.[1] ?? paths.database;
    const where = file.startsWith(paths.tempRoot)
      ? `the temp folder ${paths.tempRoot}`
      : `the warehouse's folder ${path.dirname(path.resolve(paths.database))}`;
    return new LoadError(`no space left on the disk holding ${where}; ${nothingLoaded}`, { cause: error });
  }
  if (isSystemError(error)) {
    return new LoadError(`cannot write in the temp folder ${paths.tempRoot}: ${error.code}`, { cause: error });
  }
  if (/^Out of Memory Error/i.test(message)) {
    return new LoadError(
      `DuckDB ran out of memory (memory_limit ${paths.memoryLimit}); raise --memory-limit (MEMORY_LIMIT; unset, it is 512 MiB at most)`,
      { cause: error },
    );
  }
  return new LoadError(`DuckDB: ${withoutTempNames(message.split('\n')[0] ?? '', paths)}`, { cause: error });
}

/** An error from the operating system (Node's `code` and `syscall`), not from DuckDB. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** A staging part's path means nothing to a user: it is gone by the time they read it. */
function withoutTempNames(line: string, paths: WarehousePaths): string {
  if (!line.includes(paths.tempFolder)) return line;
  const escaped = paths.tempFolder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return line.replace(new RegExp(`"?${escaped}[^"\\s,]*"?`, 'g'), 'the staged records');
}
