/**
 * The staging step of a load: each kind's planned files, read and validated
 * (records/), handed to the engine's bulk stager, with progress. Songs go first, so
 * a rejected song stops a load before the larger event logs are read.
 */
import type { Engine, StageContext } from '../engines/engine.js';
import { readStagingBatches } from '../records/read-records.js';
import type { RejectedRecord, StagingBatch, StagingKind } from '../records/staging-record.js';
import type { Source } from '../sources/source.js';
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
  for (const kind of ['songs', 'events'] as const) {
    const files = toLoad.filter((file) => file.kind === kind);
    const source = sources[kind];
    source.prefetch?.(files);
    const batches = readStagingBatches({
      kind,
      files,
      open: (file) => source.open(file),
      readWhole: (file) => source.readWhole?.(file),
      onReject: hooks.onReject,
      onFileDone: (file, accepted, rejected) => hooks.onFileDone(file.fileId, { accepted, rejected }),
    });
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    const rows = await hooks.timed(
      kind === 'songs' ? 'stage-songs' : 'stage-events',
      () => engine.stage(kind, withProgress(kind, batches, hooks.onProgress), hooks.stageContext),
      files.length,
      bytes,
    );
    hooks.onStaged(kind, rows);
  }
}

async function* withProgress(
  kind: StagingKind,
  batches: AsyncIterable<StagingBatch>,
  onProgress: ProgressListener,
): AsyncGenerator<StagingBatch> {
  let rows = 0;
  let bytes = 0;
  let files = 0;
  for await (const batch of batches) {
    rows += batch.records.length;
    bytes += batch.bytes;
    files += batch.files;
    onProgress({ type: 'staged', kind, files, rows, bytes });
    yield batch;
  }
}
