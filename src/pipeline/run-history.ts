/**
 * The `etl_runs` table: one row per load. A run is recorded as "running" before it
 * starts (so a crash leaves a trace), and finished inside the load's transaction on
 * success, or after the rollback on failure. Rows still "running" when a new load
 * holds the lock belong to a process that died: they become "aborted".
 */
import type { Engine } from '../engines/engine.js';
import type { RejectedRecord } from '../records/staging-record.js';
import { insertRows } from '../engines/insert-with-values.js';
import { runStatements } from '../sql/bookkeeping.js';
import { sqlOf } from '../sql/statement.js';
import type { TableChanges } from './transform.js';

export async function beginRun(engine: Engine, source: string, startedAt: Date): Promise<number> {
  await engine.exec(sqlOf(engine.dialect, runStatements.abortRunning));
  const [row] = await engine.query<{ next_id: number }>(sqlOf(engine.dialect, runStatements.nextId));
  const runId = Number(row?.next_id ?? 1);
  await engine.exec(sqlOf(engine.dialect, runStatements.begin), { run_id: runId, started_at: startedAt, source });
  return runId;
}

export interface RunOutcome {
  readonly status: 'success' | 'failed';
  readonly filesLoaded: number;
  readonly filesSkipped: number;
  readonly rowsStaged: number;
  readonly rowsRejected: number;
  readonly tableChanges?: TableChanges;
  readonly error?: string;
}

export async function finishRun(engine: Engine, runId: number, outcome: RunOutcome): Promise<void> {
  await engine.exec(
    sqlOf(engine.dialect, runStatements.finish),
    {
      run_id: runId,
      finished_at: new Date(),
      status: outcome.status,
      files_loaded: outcome.filesLoaded,
      files_skipped: outcome.filesSkipped,
      rows_staged: outcome.rowsStaged,
      rows_rejected: outcome.rowsRejected,
      table_changes: outcome.tableChanges ? JSON.stringify(outcome.tableChanges) : null,
      error: outcome.error ?? null,
    },
  );
}

/**
 * A rejected line longer than this is kept cut, with a note: a record that big is
 * broken anyway, file and line find the whole of it, and Redshift's widest VARCHAR
 * is 65,535 bytes.
 */
const MAX_RAW_CHARS = 16_000;

export async function recordRejected(engine: Engine, runId: number, rejected: readonly RejectedRecord[]): Promise<void> {
  const cut = (raw: string) => (raw.length <= MAX_RAW_CHARS ? raw : `${raw.slice(0, MAX_RAW_CHARS)}… [cut: ${raw.length} characters in all]`);
  await insertRows(
    engine,
    'load_errors',
    ['run_id', 'file', 'line', 'raw', 'reason'],
    rejected.map((r) => [runId, r.file, r.line, cut(r.raw), r.reason]),
  );
}

export interface RunSummary {
  readonly run_id: number;
  readonly started_at: Date;
  readonly finished_at: Date | null;
  readonly status: string;
  readonly source: string;
  readonly files_loaded: number | null;
  readonly files_skipped: number | null;
  readonly rows_staged: number | null;
  readonly rows_rejected: number | null;
  readonly table_changes: string | null;
  readonly error: string | null;
}

export async function recentRuns(engine: Engine, limit: number): Promise<RunSummary[]> {
  const rows = await engine.query(sqlOf(engine.dialect, runStatements.recent, { limit }));
  return rows as unknown as RunSummary[];
}
