/**
 * The demo dataset's mark in the run history, and the question a load with no named
 * source asks before it loads the demo: does this warehouse hold anything else?
 *
 * A demo load's `etl_runs.source` starts with "demo: ". The ledger (`load_files`) says
 * which run brought each file staging holds, so a warehouse holds only demo data when
 * it has rows and every ledger row came from a demo run. A marker in the label rather
 * than a path test: the demo folder's path depends on where sparkify ran, and any
 * folder may be called demo-data.
 */
import type { Engine } from '../engines/engine.js';
import type { StagingKind } from '../records/staging-record.js';
import type { Source } from '../sources/source.js';
import { dataTables } from '../sql/schema.js';
import { rowsIfTable } from './table-rows.js';

export const DEMO_SOURCE_PREFIX = 'demo: ';

/** What `etl_runs.source` says for a load: the two roots, marked when they are the demo dataset. */
export function sourceLabel(sources: Readonly<Record<StagingKind, Pick<Source, 'root'>>>, demo: boolean): string {
  const label = `songs: ${sources.songs.root}; events: ${sources.events.root}`;
  return demo ? `${DEMO_SOURCE_PREFIX}${label}` : label;
}

export type WarehouseContents = 'empty' | 'demo' | 'other';

/**
 * `legacyDemoLabels`: exact labels of demo loads recorded before the marker existed
 * (the demo folder's roots, unmarked), so a warehouse `npm start` filled then is still
 * recognised.
 */
export async function warehouseContents(engine: Engine, legacyDemoLabels: readonly string[] = []): Promise<WarehouseContents> {
  let holdsRows = false;
  for (const table of dataTables) {
    holdsRows = ((await rowsIfTable(engine, table)) ?? 0) > 0;
    if (holdsRows) break;
  }
  if (!holdsRows) return 'empty';
  const legacy = legacyDemoLabels.map((_, i) => `r.source = $legacy_${i}`);
  const params = Object.fromEntries([['demo_pattern', `${DEMO_SOURCE_PREFIX}%`], ...legacyDemoLabels.map((label, i) => [`legacy_${i}`, label])]);
  const counted = await engine
    .query<{ files: number; other: number }>(
      `SELECT COUNT(*) AS files, COUNT(*) - COUNT(demo_runs.run_id) AS other
         FROM load_files f
         LEFT JOIN (SELECT r.run_id FROM etl_runs r WHERE ${['r.source LIKE $demo_pattern', ...legacy].join(' OR ')}) demo_runs
           ON demo_runs.run_id = f.run_id`,
      params,
    )
    .catch(() => undefined);
  const files = Number(counted?.[0]?.files ?? 0);
  const other = Number(counted?.[0]?.other ?? 1);
  // Rows with no ledger row (or no ledger) were not put there by a demo load.
  return files > 0 && other === 0 ? 'demo' : 'other';
}
