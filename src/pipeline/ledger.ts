/**
 * The file ledger: which file versions staging holds. It decides what a load reads
 * (new or changed files) and what it skips (files already loaded, same fingerprint).
 * A changed file keeps its id, so replacing it is "delete its rows, load it again".
 */
import type { Engine } from '../engines/engine.js';
import type { StagingKind } from '../records/staging-record.js';
import type { SourceFile } from '../sources/source.js';
import { insertRows } from '../engines/insert-with-values.js';
import { ledgerStatements } from '../sql/bookkeeping.js';
import { sqlOf } from '../sql/statement.js';

export interface PlannedFile extends SourceFile {
  readonly kind: StagingKind;
  readonly fileId: number;
  /** The ledger already has this URI with another fingerprint: its old rows go first. */
  readonly replaces: boolean;
}

export interface LoadPlan {
  readonly toLoad: readonly PlannedFile[];
  readonly skipped: number;
  /**
   * Per kind: the bytes this load reads and removes, and the bytes staging holds after
   * it. Their ratio chooses between the scoped and the full transform (pipeline/load-scope.ts).
   * A replaced file's old version is taken to be as large as its new one: the ledger
   * then needs one sum per kind, not a size per file (reading 100 k ledger rows is the
   * larger part of a rerun that finds nothing new).
   */
  readonly bytes: Readonly<Record<StagingKind, { readonly touched: number; readonly total: number }>>;
}

interface LedgerRow extends Record<string, number | string> {
  file_id: number;
  uri: string;
  fingerprint: string;
}

export async function planLoad(
  engine: Engine,
  listed: Readonly<Record<StagingKind, readonly SourceFile[]>>,
  fullRefresh: boolean,
): Promise<LoadPlan> {
  const known = new Map<string, LedgerRow>();
  let maxId = 0;
  if (!fullRefresh) {
    for (const row of await engine.query<LedgerRow>(sqlOf(engine.dialect, ledgerStatements.knownFiles))) {
      known.set(row.uri, row);
      maxId = Math.max(maxId, row.file_id);
    }
  }
  const bytes = { songs: { touched: 0, total: 0 }, events: { touched: 0, total: 0 } };
  if (!fullRefresh) {
    for (const row of await engine.query<{ kind: string; bytes: number }>('SELECT kind, SUM(size) AS bytes FROM load_files GROUP BY kind')) {
      if (row.kind === 'songs' || row.kind === 'events') bytes[row.kind].total = Number(row.bytes);
    }
  }
  const toLoad: PlannedFile[] = [];
  let skipped = 0;
  for (const kind of ['songs', 'events'] as const) {
    for (const file of listed[kind]) {
      const previous = known.get(file.uri);
      if (previous?.fingerprint === file.fingerprint) {
        skipped++;
        continue;
      }
      // Spelled out: an object spread here took 0.18 s for 100 k files, this 10 ms.
      toLoad.push({
        uri: file.uri,
        size: file.size,
        fingerprint: file.fingerprint,
        kind,
        fileId: previous?.file_id ?? ++maxId,
        replaces: previous !== undefined,
      });
      // A replaced file's old rows go and its new ones come: both are touched.
      bytes[kind].touched += previous === undefined ? file.size : 2 * file.size;
      if (previous === undefined) bytes[kind].total += file.size;
    }
  }
  return { toLoad, skipped, bytes };
}

/** Removes what replaced files brought before (and everything, on a full refresh). */
export async function clearReplaced(engine: Engine, plan: LoadPlan, fullRefresh: boolean): Promise<void> {
  if (fullRefresh) {
    for (const statement of ledgerStatements.clear) await engine.exec(sqlOf(engine.dialect, statement));
    return;
  }
  const ids = plan.toLoad.filter((file) => file.replaces).map((file) => file.fileId);
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

export async function recordLoadedFiles(
  engine: Engine,
  files: readonly PlannedFile[],
  outcomes: ReadonlyMap<number, FileOutcome>,
  runId: number,
  loadedAt: Date,
): Promise<void> {
  const rows = files.map((file) => {
    const outcome = outcomes.get(file.fileId) ?? { accepted: 0, rejected: 0 };
    return [file.fileId, file.kind, file.uri, file.size, file.fingerprint, outcome.accepted, outcome.rejected, runId, loadedAt];
  });
  await insertRows(
    engine,
    'load_files',
    ['file_id', 'kind', 'uri', 'size', 'fingerprint', 'rows_loaded', 'rows_rejected', 'run_id', 'loaded_at'],
    rows,
  );
}
