/**
 * How a failed command ends: one `sparkify: …` line on stderr, whatever went wrong, and
 * with --json a report on stdout as well, so a script reading stdout always gets JSON.
 */
import { redactUrlsIn } from '../config/redact.js';
import { DataError, exitCodeOf, SparkifyError } from '../errors.js';

/** What `--json` prints when a command fails. */
export interface FailureReport {
  readonly status: 'failed';
  readonly error: string;
  readonly exitCode: number;
  /** For a rejected record: where it is and why. */
  readonly file?: string;
  readonly line?: number;
}

/** The error as one line, without a stack; any URL in it redacted, as a last line of defence. */
export function failureMessage(error: unknown): string {
  const text =
    error instanceof SparkifyError
      ? error.message
      : `unexpected error: ${error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error)}`;
  return redactUrlsIn(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

export function failureReport(error: unknown): FailureReport {
  const report: FailureReport = { status: 'failed', error: failureMessage(error), exitCode: exitCodeOf(error) };
  return error instanceof DataError ? { ...report, file: error.file, line: error.line } : report;
}

/**
 * Prints the failure and returns the exit status. The stack trace of an unexpected error is
 * printed only with SPARKIFY_DEBUG=1: it helps whoever fixes sparkify, not whoever runs it.
 */
export function reportFailure(error: unknown, options: { json: boolean }): number {
  const report = failureReport(error);
  process.stderr.write(`sparkify: ${report.error}\n`);
  if (process.env.SPARKIFY_DEBUG === '1' && error instanceof Error && error.stack) {
    process.stderr.write(`${redactUrlsIn(error.stack)}\n`);
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report.exitCode;
}
