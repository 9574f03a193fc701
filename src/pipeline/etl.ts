/**
 * `etl`: ledger -> stage -> transform -> run record, in one transaction where the engine
 * can (load-unit.ts says what happens where it cannot).
 * Only new or changed files are read; the star rows they can change are recomputed from
 * staging and merged (all of them on a first load or a large one: pipeline/load-scope.ts),
 * so a one-shot load and any sequence of incremental loads agree.
 * `run` rebuilds: it drops and creates the tables inside that same transaction, so
 * until the new load commits every table is exactly as it was.
 */
import type { Engine, StageContext } from '../engines/engine.js';
import { DataError } from '../errors.js';
import type { RejectedRecord, StagingKind } from '../records/staging-record.js';
import type { Source } from '../sources/source.js';
import { dropDataTables, ensureTables } from './create-tables.js';
import { sourceLabel } from './demo-data.js';
import { injectFault } from './fault-injection.js';
import { asOneUnit, clearUnrecorded } from './load-unit.js';
import { clearReplaced, planLoad, recordLoadedFiles, type FileOutcome, type LoadPlan, type PlannedFile, type PlanTotals } from './ledger.js';
import { knownStarRows, stagingRowsAfter } from './known-rows.js';
import { collectNow } from './heap-guard.js';
import { fitsScopedTransform, LoadScope, SCOPED_SHARE, type StarScope } from './load-scope.js';
import { ignoreProgress, type Phase, type ProgressListener } from './progress.js';
import { beginRun, finishRun, recordRejected } from './run-history.js';
import { createTablesAhead, dropTablesAhead, ledgerAhead, stagesAhead, swapInTablesAhead, tablesAhead } from './stage-ahead.js';
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
  /**
   * Drop and create the data tables and the ledger first, inside the load's transaction
   * (what `run` does): the load then starts from an empty warehouse, and a failure
   * anywhere leaves the old one in place. Run history and load errors are kept.
   */
  readonly rebuild?: boolean;
  /** The sources are the generated demo dataset: the run's source label says so (pipeline/demo-data.ts). */
  readonly demo?: boolean;
  /**
   * More work that belongs to the load (`run`'s checks and report), done inside its
   * transaction after the run record: if it throws, the load is rolled back and the run
   * marked failed.
   */
  readonly beforeCommit?: () => Promise<void>;
  /** Test hook run after each star table is merged (to inject a failure). */
  readonly afterTable?: StepHook;
  /**
   * The largest share of staging a load may touch and still take the scoped transform
   * (default SCOPED_SHARE, pipeline/load-scope.ts). Tests pass Infinity to take it always.
   */
  readonly scopedShare?: number;
}

export interface EtlReport {
  readonly runId: number;
  readonly status: 'success';
  readonly warehouse: string;
  readonly source: string;
  readonly filesLoaded: number;
  readonly filesSkipped: number;
  readonly rowsStaged: Record<StagingKind, number>;
  /** Rows each staging table holds after the load. */
  readonly stagingRows: Record<StagingKind, number>;
  readonly rejected: { readonly count: number; readonly examples: readonly RejectedRecord[] };
  readonly tables: TableChanges;
  /** How the star schema was brought up to date: from all of staging, for the keys the load touched, or not at all (nothing new). */
  readonly transform: TransformPath;
  readonly phases: Partial<Record<Phase, number>>;
  readonly seconds: number;
}

export type TransformPath = 'full' | 'scoped' | 'none';

const REJECTED_EXAMPLES = 5;
/**
 * A file list this long is collected as soon as it is let go (about 18 MB of heap, and
 * 176 MB at XL's 1 M files). A full collection costs 30-50 ms even with little to free,
 * more in a process with a large heap, so a short list is left to V8.
 */
const COLLECT_AFTER_FILES = 100_000;

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
    const source = sourceLabel(sources, options.demo ?? false);
    const runId = await beginRun(engine, source, new Date(started));
    const rejected: RejectedRecord[] = [];
    const outcomes = new Map<number, FileOutcome>();
    // The plan's file list and its totals apart: the list (1 M objects at XL) is let go once
    // the files are staged and recorded, so the transform does not hold it (recordFiles).
    let files: readonly PlannedFile[] = [];
    let totals: PlanTotals = { skipped: 0, bytes: { songs: { touched: 0, total: 0 }, events: { touched: 0, total: 0 } }, ledgerFiles: 0 };
    const rowsStaged: Record<StagingKind, number> = { songs: 0, events: 0 };
    const share = options.scopedShare ?? SCOPED_SHARE;
    let transform: TransformPath = 'full';

    try {
      // A rebuild starts from empty tables: the ledger's old rows are not consulted.
      const rebuild = options.rebuild ?? false;
      const fullRefresh = options.fullRefresh ?? false;
      ({ toLoad: files, ...totals } = await listAndPlan(engine, sources, timed, rebuild || fullRefresh));
      const filesLoaded = files.length;

      let stagingRows: Record<StagingKind, number> = { songs: 0, events: 0 };
      const onReject = (record: RejectedRecord) => {
        rejected.push(record);
        if (rejected.length > maxErrors) throw tooManyRejected(record, maxErrors);
      };
      // For an engine whose own loader refuses rows (Redshift's COPY): same budget, same list.
      // The map is made when first asked for: other engines never ask, and it holds an entry a file (1 M at XL).
      let uriById: Map<number, string> | undefined;
      const stage = (tables?: StageContext['tables']) => {
        const stageContext: StageContext = {
          errorsLeft: () => Math.max(0, maxErrors - rejected.length),
          fileUri: (fileId) => (uriById ??= new Map(files.map((file) => [file.fileId, file.uri]))).get(fileId),
          reject: onReject,
          tables,
        };
        return stageFiles(engine, sources, files, {
          onReject,
          stageContext,
          onFileDone: (fileId, outcome) => outcomes.set(fileId, outcome),
          onStaged: (kind, rows) => (rowsStaged[kind] = rows),
          timed,
          onProgress,
        });
      };
      // The ledger's rows are the last use of the file list: it goes then, and a long one is collected.
      const recordFiles = async (table?: string) => {
        await recordLoadedFiles(engine, files, outcomes, runId, new Date(), table);
        const long = files.length >= COLLECT_AFTER_FILES;
        files = [];
        outcomes.clear();
        uriById = undefined;
        if (long) collectNow();
      };
      // Into empty staging, an engine may stage in a transaction of its own first (stage-ahead.ts).
      const ahead = stagesAhead(engine, rebuild || fullRefresh || totals.ledgerFiles === 0);
      if (ahead) {
        await engine.transaction(async () => {
          await createTablesAhead(engine);
          await stage(tablesAhead);
          await recordFiles(ledgerAhead);
        });
      }
      const tables = await asOneUnit(engine, async () => {
        let scope: LoadScope | undefined;
        if (rebuild) {
          await dropDataTables(engine);
          await ensureTables(engine);
        } else if (!ahead) {
          // (Staged ahead, staging and the ledger are replaced whole below: nothing to clear.)
          await clearUnrecorded(engine);
          // The keys of the rows a replaced file takes away are kept before they go.
          if (!fullRefresh && fitsScopedTransform(totals, share)) scope = await LoadScope.begin(engine, { ...totals, toLoad: files }, share);
          await clearReplaced(engine, files, fullRefresh);
        }
        injectFault('tables');
        if (ahead) {
          await swapInTablesAhead(engine);
        } else {
          await stage();
          await recordFiles();
        }
        await recordRejected(engine, runId, rejected);
        const changes = await timed('transform', async () => {
          const starScope = await scope?.collect();
          transform = pathOf(starScope);
          // Only an incremental load works its row counts out; a full one counts (known-rows.ts).
          const rowsBefore = starScope === undefined ? undefined : await knownStarRows(engine, totals);
          const built = await buildStarSchema(engine, onProgress, options.afterTable, starScope, rowsBefore);
          stagingRows = await stagingRowsAfter(engine, rowsBefore !== undefined);
          await scope?.drop();
          return built;
        });
        injectFault('run-record');
        await finishRun(engine, runId, {
          status: 'success',
          filesLoaded,
          filesSkipped: totals.skipped,
          rowsStaged: rowsStaged.songs + rowsStaged.events,
          rowsRejected: rejected.length,
          tableChanges: changes,
        });
        await options.beforeCommit?.();
        return changes;
      }).catch(async (error: unknown) => {
        // The load rolled back; the tables staged ahead, committed, go too.
        if (ahead) await dropTablesAhead(engine).catch(() => undefined);
        throw error;
      });

      return {
        runId,
        status: 'success',
        warehouse: engine.describe(),
        source,
        filesLoaded,
        filesSkipped: totals.skipped,
        rowsStaged,
        stagingRows,
        rejected: { count: rejected.length, examples: rejected.slice(0, REJECTED_EXAMPLES) },
        tables,
        transform,
        phases,
        seconds: (Date.now() - started) / 1000,
      };
    } catch (error) {
      await recordFailure(engine, runId, error, totals.skipped, rejected, maxErrors);
      throw error;
    }
  } finally {
    await release();
  }
}

/**
 * Lists both sources and plans the load. A function of its own so that the listing (1 M
 * file objects at XL) is garbage once the plan is made: a local of `runEtl`, an async
 * function, would be held until the load ends.
 */
async function listAndPlan(
  engine: Engine,
  sources: Readonly<Record<StagingKind, Source>>,
  timed: <T>(phase: Phase, work: () => Promise<T>) => Promise<T>,
  ignoreLedger: boolean,
): Promise<LoadPlan> {
  const listed = await timed('list', async () => ({
    songs: await sources.songs.list(),
    events: await sources.events.list(),
  }));
  return planLoad(engine, listed, ignoreLedger);
}

function pathOf(scope: StarScope | undefined): TransformPath {
  if (scope === undefined) return 'full';
  return Object.values(scope).every((keys) => keys === 0) ? 'none' : 'scoped';
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
  filesSkipped: number,
  rejected: readonly RejectedRecord[],
  maxErrors: number,
): Promise<void> {
  try {
    await recordRejected(engine, runId, rejected.slice(0, maxErrors + 1));
    await finishRun(engine, runId, {
      status: 'failed',
      filesLoaded: 0,
      filesSkipped,
      rowsStaged: 0,
      rowsRejected: rejected.length,
      error: error instanceof Error ? error.message.split('\n')[0] : String(error),
    });
  } catch (secondary) {
    // The warehouse itself failed (a dropped connection): the original error matters more.
    void secondary;
  }
}
