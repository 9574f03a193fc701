/** Reads the post-load summary: every table's size and the top songs. */
import type { Engine } from '../engines/engine.js';
import { summaryStatements } from '../sql/bookkeeping.js';
import { sqlOf } from '../sql/statement.js';
import type { EtlReport } from './etl.js';

export interface LoadSummary {
  readonly tables: Record<string, number>;
  /**
   * Null after a load that changed no star row (nothing new): they are the last load's,
   * and counting them scans every play, which would make a rerun with nothing new cost
   * time that follows the warehouse (on PostgreSQL 4 s at 5 M events, 19-36 s at 20 M).
   */
  readonly topSongs: readonly { title: string; artist: string | null; plays: number }[] | null;
}

/**
 * `report`: the load just made, whose report already holds every table's rows (counted
 * or worked out: pipeline/known-rows.ts), so nothing is counted again. Without it every
 * table is counted.
 */
export async function readSummary(engine: Engine, report?: EtlReport, topN = 10): Promise<LoadSummary> {
  const tables: Record<string, number> = report === undefined ? {} : tableRowsOf(report);
  if (report === undefined) {
    for (const row of await engine.query<{ table_name: string; row_count: number }>(sqlOf(engine.dialect, summaryStatements.tableRowCounts))) {
      tables[row.table_name] = Number(row.row_count);
    }
  }
  if (report?.transform === 'none') return { tables, topSongs: null };
  const topSongs = await engine.query<{ title: string; artist: string | null; plays: number }>(
    sqlOf(engine.dialect, summaryStatements.mostPlayedSongs, { limit: topN }),
  );
  return { tables, topSongs: topSongs.map((row) => ({ ...row, plays: Number(row.plays) })) };
}

/** Every table's rows after a load, in the order of the summary's own count (sql/summary.ts). */
export function tableRowsOf(report: EtlReport): Record<string, number> {
  const { stagingRows, tables } = report;
  return {
    staging_events: stagingRows.events,
    staging_songs: stagingRows.songs,
    songplays: tables.songplays.rows,
    users: tables.users.rows,
    songs: tables.songs.rows,
    artists: tables.artists.rows,
    time: tables.time.rows,
  };
}
