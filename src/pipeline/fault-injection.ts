/**
 * Test-only fault injection. `SPARKIFY_FAULT=<point>` makes a load fail at that point
 * (`<point>:kill`: the process sends itself SIGKILL there), so the tests can prove
 * through the real command line that a failure anywhere in `run`, `etl` or
 * `create-tables` leaves the warehouse as it was (test/cli/atomic-*.test.ts). This is
 * the one place the variable is read; unset, as it always is outside the tests, it
 * does nothing.
 */
import { LoadError } from '../errors.js';

export const faultPoints = [
  /** After `run` (or `create-tables`) dropped and created the tables, or `etl` cleared replaced files. */
  'tables',
  /** Staging, after the first batch of songs (or events) went to the engine. */
  'stage-songs',
  'stage-events',
  /** After each star table's merge. */
  'merge-songs',
  'merge-artists',
  'merge-users',
  'merge-songplays',
  'merge-time',
  /** Just before the run's `success` row is written. */
  'run-record',
  /** `run` only: after the quality checks, and after the report was built, both before the commit. */
  'checks',
  'report',
] as const;

export type FaultPoint = (typeof faultPoints)[number];

const VARIABLE = 'SPARKIFY_FAULT';

export function injectFault(point: FaultPoint): void {
  const wanted = process.env[VARIABLE];
  if (wanted === undefined || wanted === '') return;
  if (wanted === `${point}:kill`) process.kill(process.pid, 'SIGKILL');
  if (wanted === point) throw new LoadError(`injected fault at "${point}" (${VARIABLE}, a test hook)`);
}

/**
 * `SPARKIFY_FAULT=validate-worker` (or `validate-worker:exit`): the threads that
 * validate event logs throw (or stop) at their first chunk. Not one of `faultPoints`,
 * which every load passes: workers run only for large inputs or when asked
 * (SPARKIFY_VALIDATE_WORKERS).
 */
export function workerFault(): 'throw' | 'exit' | undefined {
  const wanted = process.env[VARIABLE];
  if (wanted === 'validate-worker') return 'throw';
  if (wanted === 'validate-worker:exit') return 'exit';
  return undefined;
}
