/**
 * The file ledger: which file versions staging holds. It decides what a load reads
 * (new or changed files, changed-files.ts) and what it skips (files already loaded, same fingerprint).
 * A changed file keeps its id, so replacing it is "delete its rows, load it again".
 */
import type { Engine } from '../engines/engine.js';
import type { StagingKind } from '../records/staging-record.js';
import type { SourceFile } from '../sources/source.js';
import { insertRows } from '../engines/insert-with-values.js';
import { changedFiles } from './changed-files.js';
import { HeapGuard } from './heap-guard.js';
import { ledgerStatements } from '../sql/bookkeeping.js';
import { sqlOf } from '../sql/statement.js';

export interface PlannedFile extends SourceFile {
  readonly kind: StagingKind;
  readonly fileId: number;
  /** The ledger already has this URI with another fingerprint: its old rows go first. */
  readonly replaces: boolean;
}

/**
 * A planned file that keeps the listed file rather than copies of its fields: a source may
 * make its path and fingerprint only when asked (LocalFile in local-source.ts), and a copy
 * would make them for every file at once. (An object spread here took 0.18 s for 100 k
 * files; planning XL's 1 M files this way takes 0.7 s, as the field-by-field copy did.)
 */
class ListedFileToLoad implements PlannedFile {
  constructor(
    private readonly file: SourceFile,
    readonly kind: StagingKind,
    readonly fileId: number,
    readonly replaces: boolean,
  ) {}

  get uri(): string {
    return this.file.uri;
  }

  get size(): number {
    return this.file.size;
  }

  get fingerprint(): string {
    return this.file.fingerprint;
  }
}

/** What a load needs to know of its plan once the files are staged and recorded. */
export interface PlanTotals {
  readonly skipped: number;
  /**
   * Per kind: the bytes this load reads and removes, and the bytes staging holds after
   * it. Their ratio chooses between the scoped and the full transform (pipeline/load-scope.ts).
   * A replaced file's old version is taken to be as large as its new one: the ledger
   * then needs one sum per kind, not a size per file.
   */
  readonly bytes: Readonly<Record<StagingKind, { readonly touched: number; readonly total: number }>>;
  /** Files the ledger held before the load (0 on a full refresh). */
  readonly ledgerFiles: number;
}

export interface LoadPlan extends PlanTotals {
  readonly toLoad: readonly PlannedFile[];
}

export async function planLoad(
  engine: Engine,
  listed: Readonly<Record<StagingKind, readonly SourceFile[]>>,
  fullRefresh: boolean,
): Promise<LoadPlan> {
  const ledger = fullRefresh ? emptyLedger : await readTotals(engine);
  const listing = [...listed.songs, ...listed.events];
  // Into an empty ledger every file is new: nothing to compare.
  const changed = ledger.files === 0 ? listing.map((_, index) => ({ index, fileId: undefined })) : await changedFiles(engine, listing);
  const bytes = { songs: { touched: 0, total: ledger.bytes.songs }, events: { touched: 0, total: ledger.bytes.events } };
  let maxId = ledger.maxId;
  const toLoad: PlannedFile[] = [];
  for (const { index, fileId } of changed) {
    const file = listing[index] as SourceFile;
    const kind: StagingKind = index < listed.songs.length ? 'songs' : 'events';
    toLoad.push(new ListedFileToLoad(file, kind, fileId ?? ++maxId, fileId !== undefined));
    // A replaced file's old rows go and its new ones come: both are touched.
    bytes[kind].touched += fileId === undefined ? file.size : 2 * file.size;
    if (fileId === undefined) bytes[kind].total += file.size;
  }
  return { toLoad, skipped: listing.length - changed.length, bytes, ledgerFiles: ledger.files };
}

/** What the ledger holds before a load, from one aggregate (not its rows). */
interface LedgerTotals {
  readonly files: number;
  readonly maxId: number;
  readonly bytes: Readonly<Record<StagingKind, number>>;
}

const emptyLedger: LedgerTotals = { files: 0, maxId: 0, bytes: { songs: 0, events: 0 } };

async function readTotals(engine: Engine): Promise<LedgerTotals> {
  const bytes = { songs: 0, events: 0 };
  let files = 0;
  let maxId = 0;
  for (const row of await engine.query<LedgerTotalsRow>(sqlOf(engine.dialect, ledgerStatements.totals))) {
    files += Number(row.files);
    maxId = Math.max(maxId, Number(row.max_id ?? 0));
    if (row.kind === 'songs' || row.kind === 'events') bytes[row.kind] = Number(row.bytes);
  }
  return { files, maxId, bytes };
}

interface LedgerTotalsRow extends Record<string, number | string | null> {
  kind: string;
  files: number;
  bytes: number | null;
  rows_loaded: number | null;
  max_id: number | null;
}

/** Rows staging holds per kind, as the ledger counts them (every staged row is a ledger row's, in the same transaction). */
export async function stagedRowsByLedger(engine: Engine): Promise<Record<StagingKind, number>> {
  const rows = { songs: 0, events: 0 };
  for (const row of await engine.query<LedgerTotalsRow>(sqlOf(engine.dialect, ledgerStatements.totals))) {
    if (row.kind === 'songs' || row.kind === 'events') rows[row.kind] = Number(row.rows_loaded ?? 0);
  }
  return rows;
}

/** Removes what replaced files brought before (and everything, on a full refresh). */
export async function clearReplaced(engine: Engine, toLoad: readonly PlannedFile[], fullRefresh: boolean): Promise<void> {
  if (fullRefresh) {
    for (const statement of ledgerStatements.clear) await engine.exec(sqlOf(engine.dialect, statement));
    return;
  }
  const ids = toLoad.filter((file) => file.replaces).map((file) => file.fileId);
  for (let start = 0; start < ids.length; start += 1000) {
    // File ids are integers from our own ledger, so they are safe to inline.
    const fileIds = ids.slice(start, start + 1000).map((id) => String(Math.trunc(id))).join(', ');
    for (const statement of ledgerStatements.forget) await engine.exec(sqlOf(engine.dialect, statement, { fileIds }));
  }
}

export interface FileOutcome {
  readonly accepted: number;
  readonly rejected: number;
}

/**
 * Ledger rows are built and inserted this many at a time: at XL (1 M files) the whole
 * ledger as one array of rows was held, with DuckDB at its limit, at the load's peak RSS.
 */
const LEDGER_ROWS_PER_INSERT = 100_000;

export async function recordLoadedFiles(
  engine: Engine,
  files: readonly PlannedFile[],
  outcomes: ReadonlyMap<number, FileOutcome>,
  runId: number,
  loadedAt: Date,
  /** The ledger, or the table a load staging ahead fills in its place (stage-ahead.ts). */
  table = 'load_files',
): Promise<void> {
  // Each slice's rows (paths and fingerprints made for them) are garbage once inserted,
  // but old by then: collected as they pile up, not at the end of the load.
  const heap = new HeapGuard();
  for (let start = 0; start < files.length; start += LEDGER_ROWS_PER_INSERT) {
    heap.check();
    const rows = files.slice(start, start + LEDGER_ROWS_PER_INSERT).map((file) => {
      const outcome = outcomes.get(file.fileId) ?? { accepted: 0, rejected: 0 };
      return [file.fileId, file.kind, file.uri, file.size, file.fingerprint, outcome.accepted, outcome.rejected, runId, loadedAt];
    });
    await insertRows(
      engine,
      table,
      ['file_id', 'kind', 'uri', 'size', 'fingerprint', 'rows_loaded', 'rows_rejected', 'run_id', 'loaded_at'],
      rows,
    );
  }
}
