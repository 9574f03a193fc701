/**
 * Whether the warehouse has anything to report on. A missing table is told apart
 * from an unreachable warehouse by a trivial query: if that fails too, the error is
 * real and is rethrown. Error texts differ per engine, so they are not parsed.
 */
import type { Engine } from '../engines/engine.js';
import { recentRuns, type RunSummary } from '../pipeline/run-history.js';
import { rowsIfTable } from '../pipeline/table-rows.js';

export type WarehouseState = 'loaded' | 'empty' | 'missing-tables';

const starTables = ['songplays', 'users', 'songs', 'artists', 'time'] as const;

export async function warehouseState(engine: Engine): Promise<WarehouseState> {
  let plays = 0;
  for (const table of starTables) {
    const rows = await rowsIfTable(engine, table);
    if (rows === null) return 'missing-tables';
    if (table === 'songplays') plays = rows;
  }
  return plays > 0 ? 'loaded' : 'empty';
}

/** Recent runs, or none when the run history table does not exist yet. */
export async function runsIfAny(engine: Engine, limit: number): Promise<RunSummary[]> {
  if ((await rowsIfTable(engine, 'etl_runs')) === null) return [];
  return recentRuns(engine, limit);
}
