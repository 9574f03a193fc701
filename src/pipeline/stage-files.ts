/**
 * The staging step of a load: each kind's planned files, read and validated
 * (records/), handed to the engine's bulk stager, with progress.
 *
 * The event logs go first. An engine that stages text (DuckDB) reads the song files (one
 * small file each, the kind slow to read) while event parts wait for its INSERTs, so the
 * songs cost little time of their own (docs/design.md, "DuckDB specifics"). Until then
 * the songs went first, which stopped a load with a rejected song before any event was
 * read; it now stops after the events are read, with the same error and nothing loaded.
 */
import type { Engine, StageContext, TextStream } from '../engines/engine.js';
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

const STAGING_ORDER: readonly StagingKind[] = ['events', 'songs'];

/** One kind's share of the load: its files, and its batches (read when first asked for). */
interface KindToStage {
  readonly kind: StagingKind;
  readonly phase: Phase;
  readonly files: readonly PlannedFile[];
  readonly bytes: number;
  readonly reading: ReadOptions<PlannedFile>;
}

export async function stageFiles(
  engine: Engine,
  sources: Readonly<Record<StagingKind, Source>>,
  toLoad: readonly PlannedFile[],
  hooks: StageHooks,
): Promise<void> {
  // An engine whose warehouse parses the text again gets text only; others get typed fields.
  const textOnly = engine.stageText !== undefined;
  const kinds = STAGING_ORDER.map((kind): KindToStage => {
    const files = toLoad.filter((file) => file.kind === kind);
    const source = sources[kind];
    return {
      kind,
      phase: kind === 'songs' ? 'stage-songs' : 'stage-events',
      files,
      bytes: files.reduce((sum, file) => sum + file.size, 0),
      reading: {
        kind,
        files,
        open: (file) => source.open(file),
        readWhole: (file) => source.readWhole?.(file),
        onReject: hooks.onReject,
        onFileDone: (file, accepted, rejected) => hooks.onFileDone(file.fileId, { accepted, rejected }),
        // Text-only staging of a large event input validates on worker threads (records/validate-pool.ts).
        workers: textOnly && kind === 'events' ? validateWorkersFor(process.env.SPARKIFY_VALIDATE_WORKERS) : 0,
        workerFault: workerFault(),
      },
    };
  });
  // Sources fetch ahead (S3) from when a kind's reading starts.
  const prefetching = (kind: KindToStage) => sources[kind.kind].prefetch?.(kind.files);

  if (engine.stageText !== undefined) {
    await stageAsText(engine.stageText.bind(engine), kinds, prefetching, hooks);
    return;
  }
  // Typed records are what Node holds in flight; text-only staging keeps little, and DuckDB's memory dominates.
  const heap = new HeapGuard();
  for (const kind of kinds) {
    prefetching(kind);
    const batches = withProgress(kind.kind, readStagingBatches(kind.reading), hooks.onProgress, heap);
    const rows = await hooks.timed(kind.phase, () => engine.stage(kind.kind, batches, hooks.stageContext), kind.files.length, kind.bytes);
    hooks.onStaged(kind.kind, rows);
  }
}

/**
 * Every kind in one call, so the engine can read one while it writes the one before, or
 * read ahead in the next while it waits (engines/duckdb/staging-parts.ts). A kind's phase
 * lasts until its last record is handed over; the last phase lasts until staging is done,
 * so it includes the rows of earlier kinds still being written.
 */
async function stageAsText(
  stageText: NonNullable<Engine['stageText']>,
  kinds: readonly KindToStage[],
  prefetching: (kind: KindToStage) => void,
  hooks: StageHooks,
): Promise<void> {
  const handedOver = kinds.map(() => signal());
  const reports = kinds.map((_, index) => new ReportsInTurn(hooks, index === 0));
  const streams = kinds.map((kind, index): TextStream => {
    const report = reports[index] as ReportsInTurn;
    return {
      kind: kind.kind,
      batches: (async function* () {
        prefetching(kind);
        const reading = { ...kind.reading, onReject: report.onReject };
        yield* withProgress(kind.kind, readTextBatches(reading), report.onProgress);
        handedOver[index]?.resolve();
        reports[index + 1]?.takeTurn();
      })(),
    };
  });
  const staging = stageText(streams, hooks.stageContext);
  for (const [index, kind] of kinds.entries()) {
    const last = index === kinds.length - 1;
    const until = last ? staging : Promise.race([handedOver[index]?.promise, staging]);
    await hooks.timed(kind.phase, () => until, kind.files.length, kind.bytes);
  }
  const rows = await staging;
  for (const kind of kinds) hooks.onStaged(kind.kind, rows[kind.kind]);
}

/**
 * What a kind's reader reports, as if the kinds were read one after another: while the
 * engine reads a kind ahead of its turn, its rejected records are held, and reported in
 * order once every kind before it is handed over. So the load's rejected records, the one
 * that spends the --max-errors budget and the error it fails with are the same whenever
 * the engine reads ahead. At most the budget left plus one are held: the budget only
 * shrinks until the kind's turn, so the load fails at one of those, and a song tree of
 * bad files read ahead holds no more. Progress read ahead is not shown (the kind's own
 * phase has not begun); its next batch reports the running totals.
 */
class ReportsInTurn {
  private held: RejectedRecord[] = [];

  constructor(
    private readonly hooks: Pick<StageHooks, 'onReject' | 'onProgress' | 'stageContext'>,
    private inTurn: boolean,
  ) {}

  readonly onReject = (record: RejectedRecord): void => {
    if (this.inTurn) this.hooks.onReject(record);
    else if (this.held.length <= this.hooks.stageContext.errorsLeft()) this.held.push(record);
  };

  readonly onProgress: ProgressListener = (event) => {
    if (this.inTurn) this.hooks.onProgress(event);
  };

  /** The kinds before this one are handed over: what was held is reported (and may fail the load). */
  takeTurn(): void {
    this.inTurn = true;
    const held = this.held;
    this.held = [];
    for (const record of held) this.hooks.onReject(record);
  }
}

function signal(): { readonly promise: Promise<void>; readonly resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
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
