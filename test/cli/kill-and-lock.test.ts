/**
 * What a scheduler does to a warehouse: kills a load half-way, or starts two at
 * once. Real child processes, a real DuckDB file, generated data.
 */
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engines/open-engine.js';
import type { Engine } from '../../src/engines/engine.js';
import { generateDataset } from '../../src/generate/index.js';
import { runCli, spawnCli, finished } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('kill-lock');
afterAll(() => temp.remove());
const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '' };
/**
 * Every CLI here runs in the test's own folder, never in the repository (where `run`
 * used to overwrite the user's ./report.html). The loads skip the report: this file is
 * about kills and locks, the report has its own tests, and drawing it for 250,000 events
 * twice made the cases slow on a busy machine.
 */
const cwd = temp.path;

/** Row counts and an order-independent fingerprint of every star table. */
async function fingerprint(warehouse: string): Promise<Record<string, unknown>> {
  const engine: Engine = await openEngine(warehouse);
  try {
    const result: Record<string, unknown> = {};
    for (const [table, key] of [['songplays', 'songplay_id'], ['users', 'user_id'], ['songs', 'song_id'], ['artists', 'artist_id'], ['time', 'start_time']] as const) {
      // A sum of row hashes: order-independent, and small enough for DuckDB's default memory limit.
      const [row] = await engine.query(`SELECT COUNT(*) AS n, SUM(CAST(hash(t) AS HUGEINT)) AS digest, COUNT(DISTINCT ${key}) AS keys FROM "${table}" t`);
      result[table] = row;
    }
    result.runs = await engine.query('SELECT run_id, status FROM etl_runs ORDER BY run_id');
    return result;
  } finally {
    await engine.close();
  }
}

describe('a load killed half-way, and two loads at once', () => {
  const generated = path.join(temp.path, 'generated');
  const tree = path.join(temp.path, 'tree');
  let days: string[] = [];
  const logDir = (root: string) => path.join(root, 'log_data/2018/11');

  beforeAll(async () => {
    await generateDataset({ outDir: generated, songs: 2_000, events: 250_000, days: 6, seed: 11, startDate: '2018-11-01' });
    days = readdirSync(logDir(generated)).sort();
    cpSync(path.join(generated, 'song_data'), path.join(tree, 'song_data'), { recursive: true });
    mkdirSync(logDir(tree), { recursive: true });
    cpSync(path.join(logDir(generated), days[0] as string), path.join(logDir(tree), days[0] as string));
  });

  it('leaves the warehouse as it was, and the next etl completes it with nothing doubled', async () => {
    const warehouse = `duckdb:${path.join(temp.path, 'killed.duckdb')}`;
    const first = await runCli(['run', '--source', tree, '--warehouse', warehouse, '--quiet', '--no-report'], { env, cwd });
    expect(first.code).toBe(0);
    const before = await fingerprint(warehouse);

    for (const day of days.slice(1)) cpSync(path.join(logDir(generated), day), path.join(logDir(tree), day));
    const child = spawnCli(['etl', '--source', tree, '--warehouse', warehouse], { env, cwd });
    const outcome = finished(child);
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('staging events')) resolve();
      });
    });
    child.kill('SIGKILL');
    expect((await outcome).signal).toBe('SIGKILL');

    const afterKill = await fingerprint(warehouse);
    expect({ ...afterKill, runs: undefined }).toEqual({ ...before, runs: undefined });
    expect(afterKill.runs).toEqual([{ run_id: 1, status: 'success' }, { run_id: 2, status: 'running' }]);

    const resumed = await runCli(['etl', '--source', tree, '--warehouse', warehouse, '--quiet'], { env, cwd });
    expect(resumed.code).toBe(0);
    const oneShot = `duckdb:${path.join(temp.path, 'one-shot.duckdb')}`;
    expect((await runCli(['run', '--source', tree, '--warehouse', oneShot, '--quiet', '--no-report'], { env, cwd })).code).toBe(0);
    const [completed, expected] = [await fingerprint(warehouse), await fingerprint(oneShot)];
    expect({ ...completed, runs: undefined }).toEqual({ ...expected, runs: undefined });
    expect(completed.runs).toEqual([{ run_id: 1, status: 'success' }, { run_id: 2, status: 'aborted' }, { run_id: 3, status: 'success' }]);
  });

  it('makes a second concurrent load wait for the first, or fail clearly when it will not wait', async () => {
    const warehouse = `duckdb:${path.join(temp.path, 'concurrent.duckdb')}`;
    const source = generated;
    const firstLoad = spawnCli(['run', '--source', source, '--warehouse', warehouse, '--quiet', '--no-report'], { env, cwd });
    const firstDone = finished(firstLoad);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const impatient = await runCli(['etl', '--source', source, '--warehouse', warehouse, '--lock-timeout', '0'], { env, cwd });
    expect(impatient.code).toBe(1);
    expect(impatient.stderr).toMatch(/is in use by process \d+ \(another sparkify load or query\)/);
    const patient = await runCli(['etl', '--source', source, '--warehouse', warehouse, '--lock-timeout', '120', '--json', '--quiet'], { env, cwd });
    expect((await firstDone).code).toBe(0);
    expect(patient.code).toBe(0);
    // It waited for the first load to commit, so it found every file already loaded.
    expect(JSON.parse(patient.stdout).report).toMatchObject({ filesLoaded: 0, filesSkipped: 2_000 + days.length });
    const result = await fingerprint(warehouse);
    expect(result.runs).toEqual([{ run_id: 1, status: 'success' }, { run_id: 2, status: 'success' }]);
    const fresh = `duckdb:${path.join(temp.path, 'fresh.duckdb')}`;
    await runCli(['run', '--source', source, '--warehouse', fresh, '--quiet', '--no-report'], { env, cwd });
    expect({ ...result, runs: undefined }).toEqual({ ...(await fingerprint(fresh)), runs: undefined });
  });
});
