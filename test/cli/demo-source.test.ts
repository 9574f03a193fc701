/**
 * With no source named, `run` and `etl` load the demo dataset only into an empty
 * warehouse or one that holds nothing but demo data; over other data they exit 2 with
 * one line saying how to name a source, unless `--demo` insists. `npm start` (`run`
 * with no source) works twice in a row. The demo folder is generated small beforehand
 * (a missing one is generated at the full demo size, which is the same code path as ever).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engines/open-engine.js';
import { generateDataset } from '../../src/generate/index.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { DEMO_SOURCE_PREFIX, warehouseContents } from '../../src/pipeline/demo-data.js';
import { runEtl } from '../../src/pipeline/etl.js';
import { openSource } from '../../src/sources/open-source.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { snapshotWarehouse } from '../support/warehouse-snapshot.js';

const temp = makeTempDir('demo-source');
const server = postgresTestServer('demo');
afterAll(async () => {
  await server.close();
  temp.remove();
});

const cwd = temp.path;
const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '', SPARKIFY_SONG_DATA: '', SPARKIFY_LOG_DATA: '' };
const demoDir = path.join(cwd, 'demo-data');
const real = path.join(temp.path, 'real');

beforeAll(async () => {
  await generateDataset({ outDir: demoDir, songs: 30, events: 300, days: 2, seed: 42 });
  await generateDataset({ outDir: real, songs: 20, events: 200, days: 2, seed: 7 });
});

async function sources(warehouse: string): Promise<string[]> {
  const engine = await openEngine(warehouse);
  try {
    return (await engine.query<{ source: string }>('SELECT source FROM etl_runs ORDER BY run_id')).map((row) => row.source);
  } finally {
    await engine.close();
  }
}

const demoLabel = `${DEMO_SOURCE_PREFIX}songs: ${path.join(demoDir, 'song_data')}; events: ${path.join(demoDir, 'log_data')}`;

describe('sparkify run with no source', () => {
  const warehouse = `duckdb:${path.join(temp.path, 'warehouse.duckdb')}`;
  const cli = (...args: string[]) =>
    runCli([...args, '--warehouse', warehouse, ...(args[0] === 'run' ? ['--no-report'] : [])], { cwd, env });

  it('loads the demo into an empty warehouse, and again into a demo warehouse (npm start twice), marking the runs as demo', async () => {
    const once = await cli('run');
    expect(once.code, once.stderr).toBe(0);
    expect(once.stderr).toContain(`no source given: loading the demo dataset in ${demoDir}`);
    const twice = await cli('run');
    expect(twice.code, twice.stderr).toBe(0);
    expect(await sources(warehouse)).toEqual([demoLabel, demoLabel]);
  });

  it('refuses, exit 2, with one sparkify: line naming the ways to name a source, once the warehouse holds other data; nothing changes', async () => {
    expect((await cli('run', '--source', real)).code).toBe(0);
    const before = await snapshotWarehouse(warehouse);
    for (const command of ['run', 'etl']) {
      const refused = await cli(command);
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toMatch(
        // The first line says which warehouse was opened (as every load does); the refusal is the one error line.
        /^warehouse: duckdb:\S+ \(--warehouse\)\nsparkify: duckdb:\S+ holds data that is not the demo dataset, and no source was named: name one with --source DIR, --song-data PATH and --log-data PATH, or \[S3\] SONG_DATA and LOG_DATA in dwh\.cfg; or add --demo to load the demo dataset (in its place|beside it)\n$/,
      );
    }
    expect(await snapshotWarehouse(warehouse)).toEqual(before);
  });

  it('loads the demo anyway with --demo, and refuses --demo beside a source flag', async () => {
    const both = await cli('run', '--demo', '--source', real);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('sparkify: --demo loads the generated demo dataset, so it cannot go with --source; leave out one or the other\n');
    const insisted = await cli('run', '--demo');
    expect(insisted.code, insisted.stderr).toBe(0);
    expect((await sources(warehouse)).at(-1)).toBe(demoLabel);
    expect((await snapshotWarehouse(warehouse)).counts).toMatchObject({ staging_songs: 30, staging_events: 300 });
  });
});

describe('what a warehouse holds, as the demo guard sees it', () => {
  const engines = [
    { name: 'duckdb', fresh: async () => `duckdb:${path.join(temp.path, `contents-${Date.now()}.duckdb`)}` },
    { name: 'postgres', fresh: async () => (await server.freshWarehouse()).url },
  ];
  for (const { name, fresh } of engines) {
    it(`${name}: empty without tables or rows, demo when every ledger row came from a demo run (marked, or an unmarked label given), else other`, async () => {
      const engine = await openEngine(await fresh());
      try {
        expect(await warehouseContents(engine)).toBe('empty');
        await createTables(engine, { drop: true });
        expect(await warehouseContents(engine)).toBe('empty');
        const open = async (root: string) => ({
          songs: await openSource(path.join(root, 'song_data')),
          events: await openSource(path.join(root, 'log_data')),
        });
        await runEtl({ engine, sources: await open(demoDir), maxErrors: 0, demo: true });
        expect(await warehouseContents(engine)).toBe('demo');
        // A demo load recorded before the marker existed: recognised by its exact label only.
        await runEtl({ engine, sources: await open(demoDir), maxErrors: 0, rebuild: true });
        const unmarked = `songs: ${path.join(demoDir, 'song_data')}; events: ${path.join(demoDir, 'log_data')}`;
        expect(await warehouseContents(engine)).toBe('other');
        expect(await warehouseContents(engine, [unmarked])).toBe('demo');
        await runEtl({ engine, sources: await open(real), maxErrors: 0 });
        expect(await warehouseContents(engine, [unmarked])).toBe('other');
      } finally {
        await engine.close();
      }
    });
  }
});
