/** Reads the post-load summary: every table's size and the top songs. */
import type { Engine } from '../engines/engine.js';
import { mostPlayedSongs, tableRowCounts } from '../sql/summary.js';

export interface LoadSummary {
  readonly tables: Record<string, number>;
  readonly topSongs: readonly { title: string; artist: string | null; plays: number }[];
}

export async function readSummary(engine: Engine, topN = 10): Promise<LoadSummary> {
  const tables: Record<string, number> = {};
  for (const row of await engine.query<{ table_name: string; row_count: number }>(tableRowCounts)) {
    tables[row.table_name] = Number(row.row_count);
  }
  const topSongs = await engine.query<{ title: string; artist: string | null; plays: number }>(mostPlayedSongs(topN));
  return { tables, topSongs: topSongs.map((row) => ({ ...row, plays: Number(row.plays) })) };
}
