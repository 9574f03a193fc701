/**
 * A load that dies leaves the warehouse as it was: killed with SIGKILL while staging
 * or while building the star schema (the process kills itself at that point, through
 * the SPARKIFY_FAULT test hook, so the moment is exact), or failing on a full disk.
 * The next load completes. Real child processes for the kills; DuckDB and PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/generate/index.js';
import type { FaultPoint } from '../../src/pipeline/fault-injection.js';
import { runMain } from '../support/main-in-process.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { snapshotWarehouse, type WarehouseSnapshot } from '../support/warehouse-snapshot.js';

const temp = makeTempDir('killed-load');
const server = postgresTestServer('killed');
afterAll(async () => {
  await server.close();
  temp.remove();
});

const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '', SPARKIFY_SONG_DATA: '', SPARKIFY_LOG_DATA: '' };
const first = path.join(temp.path, 'first');
const second = path.join(temp.path, 'second');
/** What the generator says a correct load of `second` gives. */
const secondCounts = { songs: 60, staging_songs: 60, staging_events: 1_500 };

beforeAll(async () => {
  await generateDataset({ outDir: first, songs: 40, events: 600, days: 2, seed: 1 });
  await generateDataset({ outDir: second, songs: 60, events: 1_500, days: 3, seed: 2 });
});

async function killedAt(command: 'run' | 'etl', source: string, warehouse: string, point: FaultPoint) {
  const args = [command, '--source', source, '--warehouse', warehouse, '--quiet', ...(command === 'run' ? ['--no-report'] : [])];
  const result = await runCli(args, { env: { ...env, SPARKIFY_FAULT: `${point}:kill` } });
  expect(result.signal, result.stderr).toBe('SIGKILL');
}

function expectSameData(before: WarehouseSnapshot, after: WarehouseSnapshot): void {
  expect(after.counts).toEqual(before.counts);
  expect(after.tables).toEqual(before.tables);
  expect(after.loadErrors).toEqual(before.loadErrors);
}

const engines = [
  { name: 'duckdb', fresh: async () => `duckdb:${path.join(temp.path, `warehouse-${Date.now()}.duckdb`)}` },
  { name: 'postgres', fresh: async () => (await server.freshWarehouse()).url },
] as const;

describe('a load killed with SIGKILL', () => {
  for (const engine of engines) {
    it(`${engine.name}: while staging or building the star schema, leaves the warehouse as it was; the next run completes`, async () => {
      const warehouse = await engine.fresh();
      expect((await runMain(['run', '--source', first, '--warehouse', warehouse, '--quiet', '--no-report'], env)).code).toBe(0);
      const before = await snapshotWarehouse(warehouse);

      await killedAt('run', second, warehouse, 'stage-events');
      expectSameData(before, await snapshotWarehouse(warehouse));
      await killedAt('run', second, warehouse, 'merge-songplays');
      expectSameData(before, await snapshotWarehouse(warehouse));
      await killedAt('etl', second, warehouse, 'stage-songs');
      expectSameData(before, await snapshotWarehouse(warehouse));

      const next = await runMain(['run', '--source', second, '--warehouse', warehouse, '--quiet', '--no-report'], env);
      expect(next.code, next.stderr).toBe(0);
      const after = await snapshotWarehouse(warehouse);
      expect(after.counts).toMatchObject(secondCounts);
      // Each killed run is found still running by the next load, which marks it aborted.
      expect(after.etlRuns.map((row) => row.status)).toEqual(['success', 'aborted', 'aborted', 'aborted', 'success']);
    });
  }
});

describe('a full disk', () => {
  const disk = path.join(temp.path, 'small-disk');
  let mounted = false;
  afterAll(() => {
    if (mounted) execFileSync('umount', [disk]);
  });

  it('fails a DuckDB load with exit 1 and leaves the warehouse as it was; with room again, the load completes', async (context) => {
    mkdirSync(disk, { recursive: true });
    try {
      // Room for the first load, not for the second beside it (a rebuild needs both until it commits).
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=5m', 'tmpfs', disk], { stdio: 'pipe' });
      mounted = true;
    } catch (error) {
      const reason = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
      console.warn(`skipping the full-disk test: cannot mount a small tmpfs here (${reason})`);
      context.skip();
    }
    const big = path.join(temp.path, 'big');
    await generateDataset({ outDir: big, songs: 1_000, events: 20_000, days: 3, seed: 3 });
    const warehouse = `duckdb:${path.join(disk, 'warehouse.duckdb')}`;
    expect((await runMain(['run', '--source', first, '--warehouse', warehouse, '--quiet', '--no-report'], env)).code).toBe(0);
    const before = await snapshotWarehouse(warehouse);

    const full = await runMain(['run', '--source', big, '--warehouse', warehouse, '--quiet', '--no-report'], env);
    expect(full.code, full.stderr).toBe(1);
    expect(full.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^sparkify: /)]);
    const after = await snapshotWarehouse(warehouse);
    expectSameData(before, after);
    expect(after.etlRuns.slice(0, before.etlRuns.length)).toEqual(before.etlRuns);

    execFileSync('mount', ['-o', 'remount,size=64m', disk]);
    const roomy = await runMain(['run', '--source', big, '--warehouse', warehouse, '--quiet', '--no-report'], env);
    expect(roomy.code, roomy.stderr).toBe(0);
    expect((await snapshotWarehouse(warehouse)).counts).toMatchObject({ songs: 1_000, staging_events: 20_000 });
  });
});
