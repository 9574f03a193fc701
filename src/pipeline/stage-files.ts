/**
 * The staging step of a load: each kind's planned files, read and validated
 * (records/), handed to the engine's bulk stager, with progress. Songs go first, so
 * a rejected song stops a load before the larger event logs are read.
 */
import type { Engine, StageContext } from '../engines/engine.js';
import { readStagingBatches, readTextBatches, type ReadOptions } from '../records/read-records.js';
import { recordCount, type RejectedRecord, type StagingBatch, type StagingKind, type TextRecord } from '../records/staging-record.js';
import type { Source } from '../sources/source.js';
import { validateWorkersFor } from '../records/validate-pool.js';
import { injectFault, workerFault } from './fault-injection.js';
import { HeapGuard } from './heap-guard.js';
import type { FileOutcome, PlannedFile } from './ledger.js';
import type { Phase, ProgressListener } from './progress.js';

export interface StageHooks {
  readonly onReject: (record: RejectedRecord) => void;
  readonly stageContext: StageContext;
  readonly onFileDone: (fileId: number, outcome: FileOutcome) => void;
  readonly onStaged: (kind: StagingKind, rows: number) => void;
  readonly timed: <T>(phase: Phase, work: () => Promise<T>, files?: number, bytes?: number) => Promise<T>;
  readonly onProgress: ProgressListener;
}

export async function stageFiles(
  engine: Engine,
  sources: Readonly<Record<StagingKind, Source>>,
  toLoad: readonly PlannedFile[],
  hooks: StageHooks,
): Promise<void> {
  // An engine whose warehouse parses the text again gets text only; others get typed fields.
  const stageText = engine.stageText?.bind(engine);
  // Typed records are what Node holds in flight; text-only staging keeps little, and DuckDB's memory dominates.
  const heap = stageText ? undefined : new HeapGuard();
  for (const kind of ['songs', 'events'] as const) {
    const files = toLoad.filter((file) => file.kind === kind);
    const source = sources[kind];
    source.prefetch?.(files);
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    const reading: ReadOptions<PlannedFile> = {
      kind,
      files,
      open: (file) => source.open(file),
      readWhole: (file) => source.readWhole?.(file),
      onReject: hooks.onReject,
      onFileDone: (file, accepted, rejected) => hooks.onFileDone(file.fileId, { accepted, rejected }),
      // Text-only staging of a large event input validates on worker threads (records/validate-pool.ts).
      workers: stageText && kind === 'events' ? validateWorkersFor(process.env.SPARKIFY_VALIDATE_WORKERS) : 0,
      workerFault: workerFault(),
    };
    const stage = stageText
      ? () => stageText(kind, withProgress(kind, readTextBatches(reading), hooks.onProgress, heap), hooks.stageContext)
      : () => engine.stage(kind, withProgress(kind, readStagingBatches(reading), hooks.onProgress, heap), hooks.stageContext);
    const rows = await hooks.timed(kind === 'songs' ? 'stage-songs' : 'stage-events', stage, files.length, bytes);
    hooks.onStaged(kind, rows);
  }
}

async function* withProgress<R extends TextRecord>(
  kind: StagingKind,
  batches: AsyncIterable<StagingBatch<R>>,
  onProgress: ProgressListener,
  heap?: HeapGuard,
): AsyncGenerator<StagingBatch<R>> {
  let rows = 0;
  let bytes = 0;
  let files = 0;
  for await (const batch of batches) {
    rows += recordCount(batch);
    bytes += batch.bytes;
    files += batch.files;
    onProgress({ type: 'staged', kind, files, rows, bytes });
    heap?.check();
    yield batch;
    // Resumed when the engine asks for more: it has taken a batch, so this fails mid-stage.
    injectFault(kind === 'songs' ? 'stage-songs' : 'stage-events');
  }
}
