/** Reads the post-load summary: every table's size and the top songs. */
import type { Engine } from '../engines/engine.js';
import { summaryStatements } from '../sql/bookkeeping.js';
import { sqlOf } from '../sql/statement.js';

export interface LoadSummary {
  readonly tables: Record<string, number>;
  readonly topSongs: readonly { title: string; artist: string | null; plays: number }[];
}

export async function readSummary(engine: Engine, topN = 10): Promise<LoadSummary> {
  const tables: Record<string, number> = {};
  for (const row of await engine.query<{ table_name: string; row_count: number }>(sqlOf(engine.dialect, summaryStatements.tableRowCounts))) {
    tables[row.table_name] = Number(row.row_count);
  }
  const topSongs = await engine.query<{ title: string; artist: string | null; plays: number }>(
    sqlOf(engine.dialect, summaryStatements.mostPlayedSongs, { limit: topN }),
  );
  return { tables, topSongs: topSongs.map((row) => ({ ...row, plays: Number(row.plays) })) };
}
