/**
 * The statements of sparkify's own bookkeeping: the file ledger (pipeline/ledger.ts),
 * run history (pipeline/run-history.ts), the summary printed after a load
 * (pipeline/summary.ts), and dropping and counting a table. Catalogue statements like any other, so an engine can
 * override one by name. Rows are appended through `Engine.insertRows`
 * (engines/insert-with-values.ts by default), not through a statement here.
 */
import type { SqlFragments } from './fragments.js';
import type { Statement } from './statement.js';
import { mostPlayedSongs, tableRowCounts } from './summary.js';

/** The staging tables and ledger, with the column that names each row's file. */
const fileTables = [
  { table: 'staging_events', column: 'source_file_id' },
  { table: 'staging_songs', column: 'source_file_id' },
  { table: 'load_files', column: 'file_id' },
] as const;

export const ledgerStatements = {
  knownFiles: { name: 'ledger:known-files', sql: 'SELECT file_id, uri, fingerprint FROM load_files' },
  /** Per kind: files, bytes, rows staged and the largest file id (pipeline/ledger.ts). */
  totals: {
    name: 'ledger:totals',
    sql: `SELECT kind, COUNT(*) AS files, SUM(size) AS bytes, SUM(rows_loaded) AS rows_loaded, MAX(file_id) AS max_id
       FROM load_files GROUP BY kind`,
  },
  /**
   * A load's listing, compared with the ledger inside the warehouse (pipeline/changed-files.ts):
   * `ord` is the file's place in the listing.
   */
  createListing: {
    name: 'ledger:create-listing',
    sql: 'CREATE TEMP TABLE listed_files (ord INTEGER NOT NULL, uri TEXT NOT NULL, fingerprint TEXT NOT NULL)',
  },
  /**
   * Listed files the ledger lacks (no file_id) or holds with another fingerprint (its
   * file_id), in listing order; texts compared as Node compares them, trailing blanks counted.
   */
  changedInListing: {
    name: 'ledger:changed-in-listing',
    sql: (f: SqlFragments) => `SELECT l.ord, k.file_id
       FROM listed_files l LEFT JOIN load_files k ON ${f.exactTextEquals('k.uri', 'l.uri')}
      WHERE k.file_id IS NULL OR NOT (${f.exactTextEquals('k.fingerprint', 'l.fingerprint')})
      ORDER BY l.ord`,
  },
  dropListing: { name: 'ledger:drop-listing', sql: 'DROP TABLE listed_files' },
  /** A full refresh empties staging and the ledger. */
  clear: fileTables.map(({ table }): Statement => ({ name: `ledger:clear-${table}`, sql: `DELETE FROM ${table}` })),
  /** Rows of replaced files go first; `fileIds` is a comma-separated list of our own integer ids. */
  forget: fileTables.map(({ table, column }): Statement => ({
    name: `ledger:forget-files-${table}`,
    sql: (_f, values) => `DELETE FROM ${table} WHERE ${column} IN (${String(values.fileIds)})`,
  })),
} as const;

export const runStatements = {
  abortRunning: { name: 'runs:abort-running', sql: `UPDATE etl_runs SET status = 'aborted' WHERE status = 'running'` },
  nextId: { name: 'runs:next-id', sql: 'SELECT COALESCE(MAX(run_id), 0) + 1 AS next_id FROM etl_runs' },
  begin: {
    name: 'runs:begin',
    sql: `INSERT INTO etl_runs (run_id, started_at, status, source) VALUES ($run_id, $started_at, 'running', $source)`,
  },
  finish: {
    name: 'runs:finish',
    sql: `UPDATE etl_runs
        SET finished_at = $finished_at, status = $status, files_loaded = $files_loaded,
            files_skipped = $files_skipped, rows_staged = $rows_staged, rows_rejected = $rows_rejected,
            table_changes = $table_changes, error = $error
      WHERE run_id = $run_id`,
  },
  /** The per-table changes and row counts the latest successful run recorded (pipeline/known-rows.ts). */
  lastSuccess: {
    name: 'runs:last-success',
    sql: `SELECT table_changes FROM etl_runs WHERE status = 'success' ORDER BY run_id DESC LIMIT 1`,
  },
  /** `limit`: a whole number, written into the text (Redshift refuses a bound LIMIT). */
  recent: {
    name: 'runs:recent',
    sql: (_f, values) => `SELECT run_id, started_at, finished_at, status, source, files_loaded, files_skipped,
            rows_staged, rows_rejected, table_changes, error
       FROM etl_runs ORDER BY run_id DESC LIMIT ${Math.max(1, Math.trunc(Number(values.limit)))}`,
  },
} as const satisfies Record<string, Statement>;

export const summaryStatements = {
  tableRowCounts: { name: 'summary:table-row-counts', sql: tableRowCounts },
  /** `limit`: how many songs. */
  mostPlayedSongs: { name: 'summary:most-played-songs', sql: (_f, values) => mostPlayedSongs(Number(values.limit)) },
} as const satisfies Record<string, Statement>;

/** Statements about any table; `table` is a name the dialect quoted. */
export const tableStatements = {
  drop: { name: 'table:drop', sql: (_f, values) => `DROP TABLE IF EXISTS ${String(values.table)}` },
  rowCount: { name: 'table:row-count', sql: (_f, values) => `SELECT COUNT(*) AS n FROM ${String(values.table)}` },
  /** `to`: the new name, quoted; a rename inside a transaction rolls back with it. */
  rename: { name: 'table:rename', sql: (_f, values) => `ALTER TABLE ${String(values.table)} RENAME TO ${String(values.to)}` },
  /** Tells a missing table from a dead warehouse. */
  ping: { name: 'table:ping', sql: 'SELECT 1 AS ok' },
} as const satisfies Record<string, Statement>;

/** Every bookkeeping statement, for the catalogue's list. */
export const bookkeepingStatements: readonly Statement[] = [
  ledgerStatements.knownFiles,
  ledgerStatements.totals,
  ledgerStatements.createListing,
  ledgerStatements.changedInListing,
  ledgerStatements.dropListing,
  ...ledgerStatements.clear,
  ...ledgerStatements.forget,
  ...Object.values(runStatements),
  ...Object.values(summaryStatements),
  ...Object.values(tableStatements),
];
