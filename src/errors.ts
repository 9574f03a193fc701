/**
 * The few error kinds sparkify raises, each with the exit status the CLI uses.
 * Messages are one line, say what to do, and never carry a secret: callers pass
 * descriptions built from redacted values only.
 */

export abstract class SparkifyError extends Error {
  abstract readonly exitCode: 1 | 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A bad command line: unknown flag, missing argument, conflicting options. */
export class UsageError extends SparkifyError {
  readonly exitCode = 2;
}

/** A bad or missing setting, in `dwh.cfg`, the environment or a flag. */
export class ConfigError extends SparkifyError {
  readonly exitCode = 2;
}

/** The warehouse (or an object store) could not be reached or refused us. */
export class ConnectionError extends SparkifyError {
  readonly exitCode = 2;
}

/** A load failed: unreadable input, a database error during the load, a lock held elsewhere. */
export class LoadError extends SparkifyError {
  readonly exitCode = 1;
}

/** One input record was rejected and the maximum-errors budget was spent. Names file and line. */
export class DataError extends SparkifyError {
  readonly exitCode = 1;
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    detail = '',
  ) {
    super(`${file}:${line}: ${reason}${detail}`);
  }
}

/** One or more data-quality checks failed. */
export class CheckFailedError extends SparkifyError {
  readonly exitCode = 1;
}

/**
 * Provisioning on AWS (`sparkify infra`) failed, or found a resource in a state it cannot work
 * with (busy, quota reached, no capacity). Credentials, permissions and naming conflicts are
 * ConfigErrors instead: the user fixes those in their setup, not by waiting.
 */
export class InfraError extends SparkifyError {
  readonly exitCode = 1;
}

export function exitCodeOf(error: unknown): number {
  return error instanceof SparkifyError ? error.exitCode : 1;
}
