/**
 * `etl`: ledger -> stage -> transform -> run record, in one transaction.
 * Only new or changed files are read; the star schema is rebuilt from staging and
 * merged, so a one-shot load and any sequence of incremental loads agree.
 */
import type { Engine, StageContext } from '../engines/engine.js';
import { DataError } from '../errors.js';
import type { RejectedRecord, StagingKind } from '../records/staging-record.js';
import type { Source } from '../sources/source.js';
import { ensureTables } from './create-tables.js';
import { clearReplaced, planLoad, recordLoadedFiles, type FileOutcome, type PlannedFile } from './ledger.js';
import { ignoreProgress, type Phase, type ProgressListener } from './progress.js';
import { beginRun, finishRun, recordRejected } from './run-history.js';
import { stageFiles } from './stage-files.js';
import { buildStarSchema, type StepHook, type TableChanges } from './transform.js';

export interface EtlOptions {
  readonly engine: Engine;
  readonly sources: Readonly<Record<StagingKind, Source>>;
  /** Rejected records tolerated before the load fails. */
  readonly maxErrors: number;
  /** Reload every file, ignoring the ledger. */
  readonly fullRefresh?: boolean;
  readonly lockTimeoutMs?: number;
  readonly onProgress?: ProgressListener;
  /** Test hook run after each star table is merged (to inject a failure). */
  readonly afterTable?: StepHook;
}

export interface EtlReport {
  readonly runId: number;
  readonly status: 'success';
  readonly warehouse: string;
  readonly source: string;
  readonly filesLoaded: number;
  readonly filesSkipped: number;
  readonly rowsStaged: Record<StagingKind, number>;
  readonly rejected: { readonly count: number; readonly examples: readonly RejectedRecord[] };
  readonly tables: TableChanges;
  readonly phases: Partial<Record<Phase, number>>;
  readonly seconds: number;
}

const REJECTED_EXAMPLES = 5;

export async function runEtl(options: EtlOptions): Promise<EtlReport> {
  const { engine, sources, maxErrors } = options;
  const onProgress = options.onProgress ?? ignoreProgress;
  const started = Date.now();
  const phases: Partial<Record<Phase, number>> = {};
  const timed = async <T>(phase: Phase, work: () => Promise<T>, files?: number, bytes?: number): Promise<T> => {
    const t0 = performance.now();
    onProgress({ type: 'phase-start', phase, files, bytes });
    const result = await work();
    const seconds = (performance.now() - t0) / 1000;
    phases[phase] = seconds;
    onProgress({ type: 'phase-end', phase, seconds });
    return result;
  };

  const release = await engine.lock(options.lockTimeoutMs ?? 0);
  try {
    await ensureTables(engine);
    const sourceLabel = `songs: ${sources.songs.root}; events: ${sources.events.root}`;
    const runId = await beginRun(engine, sourceLabel, new Date(started));
    const rejected: RejectedRecord[] = [];
    const outcomes = new Map<number, FileOutcome>();
    let plan: { toLoad: readonly PlannedFile[]; skipped: number } = { toLoad: [], skipped: 0 };
    const rowsStaged: Record<StagingKind, number> = { songs: 0, events: 0 };

    try {
      const listed = await timed('list', async () => ({
        songs: await sources.songs.list(),
        events: await sources.events.list(),
      }));
      plan = await planLoad(engine, listed, options.fullRefresh ?? false);

      const tables = await engine.transaction(async () => {
        await clearReplaced(engine, plan, options.fullRefresh ?? false);
        const onReject = (record: RejectedRecord) => {
          rejected.push(record);
          if (rejected.length > maxErrors) throw tooManyRejected(record, maxErrors);
        };
        // For an engine whose own loader refuses rows (Redshift's COPY): same budget, same list.
        const uriById = new Map(plan.toLoad.map((file) => [file.fileId, file.uri]));
        const stageContext: StageContext = {
          errorsLeft: () => Math.max(0, maxErrors - rejected.length),
          fileUri: (fileId) => uriById.get(fileId),
          reject: onReject,
        };
        await stageFiles(engine, sources, plan.toLoad, {
          onReject,
          stageContext,
          onFileDone: (fileId, outcome) => outcomes.set(fileId, outcome),
          onStaged: (kind, rows) => (rowsStaged[kind] = rows),
          timed,
          onProgress,
        });
        await recordLoadedFiles(engine, plan.toLoad, outcomes, runId, new Date());
        await recordRejected(engine, runId, rejected);
        const changes = await timed('transform', () => buildStarSchema(engine, onProgress, options.afterTable));
        await finishRun(engine, runId, {
          status: 'success',
          filesLoaded: plan.toLoad.length,
          filesSkipped: plan.skipped,
          rowsStaged: rowsStaged.songs + rowsStaged.events,
          rowsRejected: rejected.length,
          tableChanges: changes,
        });
        return changes;
      });

      return {
        runId,
        status: 'success',
        warehouse: engine.describe(),
        source: sourceLabel,
        filesLoaded: plan.toLoad.length,
        filesSkipped: plan.skipped,
        rowsStaged,
        rejected: { count: rejected.length, examples: rejected.slice(0, REJECTED_EXAMPLES) },
        tables,
        phases,
        seconds: (Date.now() - started) / 1000,
      };
    } catch (error) {
      await recordFailure(engine, runId, error, plan, rejected, maxErrors);
      throw error;
    }
  } finally {
    await release();
  }
}

function tooManyRejected(record: RejectedRecord, maxErrors: number): DataError {
  const detail = maxErrors === 0
    ? ' (the load stops at the first rejected record; allow some with --max-errors N)'
    : ` (more than --max-errors ${maxErrors} rejected records; nothing was loaded)`;
  return new DataError(record.file, record.line, record.reason, detail);
}

/** After a rollback: the run is marked failed, and the rejected records are kept for diagnosis. */
async function recordFailure(
  engine: Engine,
  runId: number,
  error: unknown,
  plan: { toLoad: readonly PlannedFile[]; skipped: number },
  rejected: readonly RejectedRecord[],
  maxErrors: number,
): Promise<void> {
  try {
    await recordRejected(engine, runId, rejected.slice(0, maxErrors + 1));
    await finishRun(engine, runId, {
      status: 'failed',
      filesLoaded: 0,
      filesSkipped: plan.skipped,
      rowsStaged: 0,
      rowsRejected: rejected.length,
      error: error instanceof Error ? error.message.split('\n')[0] : String(error),
    });
  } catch (secondary) {
    // The warehouse itself failed (a dropped connection): the original error matters more.
    void secondary;
  }
}
