/**
 * Staging ahead (pipeline/stage-ahead.ts) on DuckDB: a load into empty staging stages in
 * a transaction committed before the load's, which swaps the tables in; the tables it
 * builds (and its ledger) equal those of a load that stages inside its transaction; an incremental load
 * stages inside its own; a failed load leaves no table ahead and the warehouse as it
 * was; a killed one leaves only tables ahead, which the next load drops.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engines/engine.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { generateDataset, type GenerateSummary } from '../../src/generate/index.js';
import { runEtl } from '../../src/pipeline/etl.js';
import type { ProgressEvent } from '../../src/pipeline/progress.js';
import { ledgerAhead, tablesAhead } from '../../src/pipeline/stage-ahead.js';
import { openSource } from '../../src/sources/open-source.js';
import { runMain } from '../support/main-in-process.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { snapshotOf, snapshotWarehouse } from '../support/warehouse-snapshot.js';

const temp = makeTempDir('stage-ahead');
const data = path.join(temp.path, 'data');
let generated: GenerateSummary;
let n = 0;
const fresh = () => `duckdb:${path.join(temp.path, `warehouse-${++n}.duckdb`)}`;
const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '', SPARKIFY_SONG_DATA: '', SPARKIFY_LOG_DATA: '', SPARKIFY_FAULT: '' };

beforeAll(async () => {
  generated = await generateDataset({ outDir: data, songs: 40, events: 1_200, days: 3, seed: 11 });
});
afterAll(() => temp.remove());

/** What a load did, in order: transactions begun and ended, DDL sent, phases started. */
function recording(engine: Engine): string[] {
  const steps: string[] = [];
  const [transaction, exec] = [engine.transaction.bind(engine), engine.exec.bind(engine)];
  engine.transaction = async (work) => {
    steps.push('BEGIN');
    const result = await transaction(work);
    steps.push('COMMIT');
    return result;
  };
  engine.exec = (sql, params) => {
    const ddl = /^\s*(CREATE TABLE|DROP TABLE|ALTER TABLE)[^(]*/i.exec(sql)?.[0];
    if (ddl !== undefined) steps.push(ddl.replace(/\s+/g, ' ').trim());
    return exec(sql, params);
  };
  return steps;
}

async function load(warehouse: string, options: { stageAhead?: boolean; steps?: string[]; rebuild?: boolean } = {}): Promise<void> {
  const engine = await openEngine(warehouse);
  const target: Engine =
    options.stageAhead === false
      ? Object.assign(Object.create(engine) as Engine, { capabilities: { ...engine.capabilities, stagesAheadWhenEmpty: false } })
      : engine;
  const steps = options.steps === undefined ? undefined : recording(target);
  try {
    const sources = {
      songs: await openSource(path.join(data, 'song_data')),
      events: await openSource(path.join(data, 'log_data')),
    };
    const onProgress = (event: ProgressEvent) => {
      if (event.type === 'phase-start') steps?.push(`phase ${event.phase}`);
    };
    await runEtl({ engine: target, sources, maxErrors: 0, onProgress, rebuild: options.rebuild });
    if (steps) options.steps?.push(...steps);
  } finally {
    await engine.close();
  }
}

async function tablesAheadIn(warehouse: string): Promise<string[]> {
  const engine = await openEngine(warehouse);
  try {
    const rows = await engine.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%\\_ahead' ESCAPE '\\' ORDER BY table_name`,
    );
    return rows.map((row) => row.table_name);
  } finally {
    await engine.close();
  }
}

describe('staging ahead on DuckDB', () => {
  it('a first load stages in a transaction committed before the load, which renames the tables in', async () => {
    const warehouse = fresh();
    const steps: string[] = [];
    await load(warehouse, { steps });
    // Before it: the tables ensured and the files listed, outside any transaction.
    const staged = steps.slice(steps.indexOf('BEGIN'), steps.indexOf('COMMIT') + 1);
    expect(staged).toEqual([
      'BEGIN',
      `DROP TABLE IF EXISTS "${tablesAhead.songs}"`,
      `DROP TABLE IF EXISTS "${tablesAhead.events}"`,
      `DROP TABLE IF EXISTS "${ledgerAhead}"`,
      `CREATE TABLE IF NOT EXISTS ${tablesAhead.songs}`,
      `CREATE TABLE IF NOT EXISTS ${tablesAhead.events}`,
      `CREATE TABLE IF NOT EXISTS ${ledgerAhead}`,
      'phase stage-events',
      'phase stage-songs',
      'COMMIT',
    ]);
    const loadUnit = steps.slice(steps.indexOf('COMMIT') + 1);
    expect(loadUnit[0]).toBe('BEGIN');
    expect(loadUnit.slice(loadUnit.indexOf('DROP TABLE IF EXISTS "staging_songs"'), loadUnit.indexOf('phase transform') + 1)).toEqual([
      'DROP TABLE IF EXISTS "staging_songs"',
      `ALTER TABLE "${tablesAhead.songs}" RENAME TO "staging_songs"`,
      'DROP TABLE IF EXISTS "staging_events"',
      `ALTER TABLE "${tablesAhead.events}" RENAME TO "staging_events"`,
      'DROP TABLE IF EXISTS "load_files"',
      `ALTER TABLE "${ledgerAhead}" RENAME TO "load_files"`,
      'phase transform',
    ]);
    expect(loadUnit.at(-1)).toBe('COMMIT');
    expect(await tablesAheadIn(warehouse)).toEqual([]);
    // The ledger renamed into place keeps its keys.
    const engine = await openEngine(warehouse);
    try {
      const keys = await engine.query<{ constraint_type: string; columns: string }>(
        `SELECT constraint_type, array_to_string(constraint_column_names, ',') AS columns
           FROM duckdb_constraints() WHERE table_name = 'load_files' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE') ORDER BY 1`,
      );
      expect(keys).toEqual([{ constraint_type: 'PRIMARY KEY', columns: 'file_id' }, { constraint_type: 'UNIQUE', columns: 'uri' }]);
    } finally {
      await engine.close();
    }
  });

  it('builds exactly the tables a load staging inside its transaction builds, with the generator\'s counts', async () => {
    const [ahead, inside] = [fresh(), fresh()];
    await load(ahead);
    await load(inside, { stageAhead: false });
    const [a, b] = [await snapshotWarehouse(ahead), await snapshotWarehouse(inside)];
    expect(a.tables).toEqual({ ...b.tables, load_files: a.tables.load_files });
    // The ledger differs only in its load times.
    const ledger = async (warehouse: string) => {
      const engine = await openEngine(warehouse);
      try {
        return await engine.query('SELECT file_id, kind, uri, size, fingerprint, rows_loaded, rows_rejected, run_id FROM load_files ORDER BY file_id');
      } finally {
        await engine.close();
      }
    };
    const rows = await ledger(ahead);
    expect(rows).toHaveLength(generated.expected.songs + (await ledger(inside)).filter((row) => row.kind === 'events').length);
    expect(rows).toEqual(await ledger(inside));
    expect(a.counts).toMatchObject({
      staging_events: generated.expected.events,
      staging_songs: generated.expected.songs,
      songplays: generated.expected.songplays,
      users: generated.expected.users,
      time: generated.expected.distinctStartTimes,
    });
  });

  it('an incremental load stages inside its own transaction; a rebuild stages ahead again', async () => {
    const warehouse = fresh();
    await load(warehouse);
    const incremental: string[] = [];
    await load(warehouse, { steps: incremental });
    expect(incremental.filter((step) => step === 'BEGIN')).toHaveLength(1);
    expect(incremental.some((step) => step.includes('_ahead'))).toBe(false);
    const rebuild: string[] = [];
    await load(warehouse, { steps: rebuild, rebuild: true });
    expect(rebuild.filter((step) => step === 'BEGIN')).toHaveLength(2);
    expect(rebuild).toContain(`ALTER TABLE "${tablesAhead.events}" RENAME TO "staging_events"`);
    expect(await tablesAheadIn(warehouse)).toEqual([]);
  });

  it('a load that fails after staging ahead drops the tables ahead and leaves the warehouse as it was', async () => {
    const warehouse = fresh();
    await runMain(['create-tables', '--warehouse', warehouse, '--quiet'], env);
    const before = await snapshotWarehouse(warehouse);
    for (const fault of ['tables', 'merge-songplays', 'run-record', 'stage-events'] as const) {
      const result = await runMain(['etl', '--source', data, '--warehouse', warehouse, '--quiet'], { ...env, SPARKIFY_FAULT: fault });
      expect(result.stderr).toMatch(`injected fault at "${fault}"`);
      const after = await snapshotWarehouse(warehouse);
      expect(after.tables).toEqual(before.tables);
      expect(await tablesAheadIn(warehouse)).toEqual([]);
    }
  });

  it('a load killed after staging ahead leaves only the tables ahead, which the next load drops', async () => {
    const warehouse = fresh();
    await runMain(['create-tables', '--warehouse', warehouse, '--quiet'], env);
    const before = await snapshotWarehouse(warehouse);
    const killed = await runCli(['etl', '--source', data, '--warehouse', warehouse, '--quiet'], { env: { ...env, SPARKIFY_FAULT: 'tables:kill' } });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const engine = await openEngine(warehouse);
    try {
      expect((await snapshotOf(engine)).tables).toEqual(before.tables);
      const [row] = await engine.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${tablesAhead.events}`);
      expect(Number(row?.n)).toBe(generated.expected.events);
    } finally {
      await engine.close();
    }
    const next = await runMain(['etl', '--source', data, '--warehouse', warehouse, '--quiet'], env);
    expect(next.code, next.stderr).toBe(0);
    expect((await snapshotWarehouse(warehouse)).counts).toMatchObject({ staging_events: generated.expected.events, songplays: generated.expected.songplays });
    expect(await tablesAheadIn(warehouse)).toEqual([]);
  });
});
