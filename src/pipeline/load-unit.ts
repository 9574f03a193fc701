/**
 * How the load is made all or nothing, chosen from the engine's capabilities, never its
 * name. An engine with `loadInOneTransaction` runs the whole load (DROP and CREATE,
 * staging, the transform, the ledger, the run record) in one transaction: a failure
 * rolls every table back. An engine without it (a warehouse with no general
 * transactions) commits statement by statement; the load's order keeps that safe to
 * retry: staging rows are recorded in the ledger only after they are all staged, the
 * star tables are a pure function of staging and are merged, and the next load first
 * deletes staged rows that no ledger row accounts for (a failed load's). A failed
 * rebuild (`run`) on such an engine leaves the tables it had recreated.
 */
import type { Engine } from '../engines/engine.js';

/** Runs `work` as one unit: in one transaction where the engine can, else as its statements commit. */
export function asOneUnit<T>(engine: Engine, work: () => Promise<T>): Promise<T> {
  return engine.capabilities.loadInOneTransaction ? engine.transaction(work) : work();
}

/**
 * Without one transaction, a failed load may have left staged rows behind whose files the
 * ledger does not list (it is written after staging): they go before the next load stages.
 * With one transaction there are none, and nothing is sent.
 */
export async function clearUnrecorded(engine: Engine): Promise<void> {
  if (engine.capabilities.loadInOneTransaction) return;
  for (const table of ['staging_events', 'staging_songs']) {
    await engine.exec(`DELETE FROM ${table} WHERE source_file_id NOT IN (SELECT file_id FROM load_files)`);
  }
}
