/**
 * One generated example, checked against the model: the dataset is written to a fresh
 * folder and loaded through the real pipeline, one-shot or in two incremental batches
 * (the songs and the first half of the log files, then all), failing on the first
 * rejected record or with a large --max-errors. After each load the warehouse must hold
 * exactly the model's tables, and the rejected records must be the model's (file and
 * line; a reason naming the same field). A load that must fail must leave every table
 * as it was. The incremental loads take the scoped transform whatever share of staging
 * they touch (pipeline/load-scope.ts), the one-shot load the full one: both must give
 * the model's tables.
 */
import path from 'node:path';
import { expect } from 'vitest';
import type { Engine } from '../../src/engines/engine.js';
import { DataError } from '../../src/errors.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { load, withEngine } from '../support/load.js';
import { firstBatch, inputFiles, placeFile, writeDataset, type Dataset } from './dataset.js';
import type { ModelEngineSetup } from './engine-setups.js';
import { runModel, type ModelReject, type ModelResult } from './spec-model/reference-model.js';
import { modelSnapshot, songplayIdProblems, warehouseSnapshot } from './star-snapshot.js';

export interface Scenario {
  readonly dataset: Dataset;
  /** Large --max-errors instead of failing on the first rejected record. */
  readonly tolerant: boolean;
  /** Two incremental loads instead of one. */
  readonly split: boolean;
}

export const MANY_ERRORS = 10_000;

export async function checkScenario(setup: ModelEngineSetup, root: string, scenario: Scenario): Promise<void> {
  const { dataset, tolerant, split } = scenario;
  const batches = split ? [firstBatch(dataset), dataset] : [dataset];
  const input = writeDataset(root, batches[0] as Dataset);
  await withEngine(await setup.warehouse(), async (engine) => {
    await createTables(engine, { drop: true });
    let before: ModelResult | undefined;
    for (const batch of batches) {
      const loaded = new Set(before ? batches[0]?.map((f) => f.path) : []);
      // The tree gains the new files; the loaded ones stay untouched (a rewrite is a changed file).
      for (const file of batch) if (before && !loaded.has(file.path)) placeFile(root, file);
      const model = runModel(inputFiles(batch));
      const fresh = model.rejects.filter((r) => !loaded.has(r.file));
      const ok = await loadAndCompare(engine, root, input, { model, before, fresh, tolerant, scoped: split });
      if (!ok) return;
      before = model;
    }
  });
}

interface Expectation {
  readonly model: ModelResult;
  /** What the warehouse held before this load (undefined: nothing). */
  readonly before: ModelResult | undefined;
  /** The model's rejected records in the files this load reads for the first time. */
  readonly fresh: readonly ModelReject[];
  readonly tolerant: boolean;
  /** Take the scoped transform however much the load touches. */
  readonly scoped: boolean;
}

/** Loads, compares with the model; false when the load failed as it must. */
async function loadAndCompare(
  engine: Engine,
  root: string,
  input: { songData: string; logData: string },
  { model, before, fresh, tolerant, scoped }: Expectation,
): Promise<boolean> {
  const [lastRun] = await engine.query<{ n: number }>('SELECT COALESCE(MAX(run_id), 0) AS n FROM etl_runs');
  const error = await withoutUncaught(() =>
    withinTime(
      load(engine, input, { maxErrors: tolerant ? MANY_ERRORS : 0, ...(scoped ? { scopedShare: Infinity } : {}) }).then(
        () => undefined,
        (failure: unknown) => failure,
      ),
    ),
  );
  if (!tolerant && fresh.length > 0) {
    expect(error, 'the load must fail on a rejected record').toBeInstanceOf(DataError);
    const failure = error as DataError;
    const named = `${path.relative(root, failure.file)}:${failure.line}`;
    expect(fresh.map((r) => `${r.file}:${r.line}`), `the failure names a rejected record: ${failure.message}`).toContain(named);
    expect(await warehouseSnapshot(engine), 'a failed load leaves every table as it was').toEqual(modelSnapshot(before));
    return false;
  }
  if (error !== undefined) throw error;
  expect(await warehouseSnapshot(engine)).toEqual(modelSnapshot(model));
  expect(await songplayIdProblems(engine)).toEqual([]);
  const kept = await engine.query<{ file: string; line: number; reason: string }>(
    'SELECT file, line, reason FROM load_errors WHERE run_id > $last_run ORDER BY file, line',
    { last_run: Number(lastRun?.n) },
  );
  const keptRecords = kept.map((r) => ({ at: `${path.relative(root, r.file)}:${Number(r.line)}`, reason: r.reason })).sort(byAt);
  const expected = fresh.map((r) => ({ at: `${r.file}:${r.line}`, reason: reasonPattern(r) })).sort(byAt);
  expect(keptRecords).toEqual(expected);
  return true;
}

/**
 * Runs a load and fails if anything escaped it as an uncaught exception meanwhile (or
 * just after: a destroyed stream reports on a later tick), such as item 3's
 * ERR_STREAM_DESTROYED. Vitest reports those too, but only here do they shrink.
 */
async function withoutUncaught<T>(work: () => Promise<T>): Promise<T> {
  const escaped: unknown[] = [];
  const listener = (error: unknown) => escaped.push(error);
  process.on('uncaughtException', listener);
  try {
    const result = await work();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(escaped.map(String), 'nothing may escape a load unhandled').toEqual([]);
    return result;
  } finally {
    process.off('uncaughtException', listener);
  }
}

const LOAD_TIME_LIMIT_MS = 90_000;

/** A load of a few files that has not finished in 90 s hangs: a failure, not a test time-out (which would not shrink). */
async function withinTime<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the load did not finish within ${LOAD_TIME_LIMIT_MS / 1000} s`)), LOAD_TIME_LIMIT_MS);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

const byAt = (a: { at: string }, b: { at: string }) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/** The project's reason text is its own; it must name the field the model rejects, or say the text is not JSON. */
function reasonPattern(reject: ModelReject): unknown {
  return reject.kind === 'json' ? expect.stringMatching(/JSON|UTF-8|object/i) : expect.stringContaining(`"${reject.kind}"`);
}
