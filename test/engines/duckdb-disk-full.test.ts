/**
 * A full disk under a DuckDB warehouse, on a small tmpfs (mounted by the test where it
 * may: as root on Linux; skipped with the reason elsewhere). DuckDB says "Out of Memory
 * Error" for a temp folder it cannot spill to, and an IO or commit error for its own
 * file; sparkify says which folder is full, in one line, and the warehouse stays as it was.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadError } from '../../src/errors.js';
import { duckdbError } from '../../src/engines/duckdb/errors.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { writeManyEvents } from '../support/many-events.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('duckdb-disk-full');
const mountPoint = path.join(temp.path, 'small-disk');
mkdirSync(mountPoint);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { encoding: 'utf8' });
const mountSkipReason = mounted.status === 0 ? '' : `cannot mount a small tmpfs here (${(mounted.stderr || mounted.error?.message || 'mount refused').trim()})`;
if (mountSkipReason) console.warn(`skipping full-disk tests: ${mountSkipReason}`);

afterAll(() => {
  if (!mountSkipReason) spawnSync('umount', [mountPoint]);
  temp.remove();
});

const paths = { database: '/data/w.duckdb', tempRoot: '/data/w.duckdb.sparkify-tmp', tempFolder: '/data/w.duckdb.sparkify-tmp/sparkify-1-abc', memoryLimit: '4096MiB' };

describe('DuckDB errors about space and memory', () => {
  it('a temp folder DuckDB cannot spill to is a full temp folder, not "Out of Memory"', () => {
    const error = duckdbError(new Error('Out of Memory Error: failed to offload data block of size 256.0 KiB (1.7 MiB/1.7 MiB used).\nThis limit was set by the \'max_temp_directory_size\' setting.'), paths);
    expect(error).toBeInstanceOf(LoadError);
    expect(error.message).toBe('no space left on the disk holding the temp folder /data/w.duckdb.sparkify-tmp; free some space there and run the load again (nothing was loaded)');
  });

  it('a database file DuckDB cannot write names the warehouse folder', () => {
    const error = duckdbError(new Error('TransactionContext Error: Failed to commit: Could not write file "/data/w.duckdb": No space left on device'), paths);
    expect(error.message).toBe("no space left on the disk holding the warehouse's folder /data; free some space there and run the load again (nothing was loaded)");
  });

  it('a staging part Node cannot write names the temp folder', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    expect(duckdbError(enospc, paths).message).toMatch(/^no space left on the disk holding the temp folder \/data\/w\.duckdb\.sparkify-tmp;/);
  });

  it('real memory exhaustion says which limit and how to raise it; other errors never name a staging part', () => {
    expect(duckdbError(new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.9 GiB/4.0 GiB used)'), paths).message).toMatch(
      /^DuckDB ran out of memory \(memory_limit 4096MiB\); raise --memory-limit/,
    );
    const conversion = duckdbError(new Error(`Invalid Input Error: JSON transform error in file "${paths.tempFolder}/stage-events-x/events-0.ndjson", in line 3: Could not convert`), paths);
    expect(conversion.message).toBe('DuckDB: Invalid Input Error: JSON transform error in file the staged records, in line 3: Could not convert');
  });
});

describe.skipIf(mountSkipReason !== '')(`a DuckDB warehouse on a full disk${mountSkipReason ? ` (skipped: ${mountSkipReason})` : ''}`, () => {
  const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '' };
  const warehouse = `duckdb:${path.join(mountPoint, 'w.duckdb')}`;
  let small: { songData: string; logData: string };
  let big: { songData: string; logData: string };

  beforeAll(() => {
    small = writeFixtureTree(path.join(temp.path, 'small'), { songs: { 'A/one.json': [song()] }, events: { 'day.json': [event()] } });
    // Some 11 MB of events: more than the disk has left.
    big = writeManyEvents(path.join(temp.path, 'big'), 2, 15_000);
  });

  it('a load that does not fit: one sparkify: line naming the full folder, exit 1, the warehouse as before', async () => {
    const first = await runCli(['run', '--song-data', small.songData, '--log-data', small.logData, '--warehouse', warehouse, '--quiet'], { env });
    expect(first.code).toBe(0);

    const full = await runCli(['etl', '--song-data', big.songData, '--log-data', big.logData, '--warehouse', warehouse, '--quiet'], { env });
    expect(full.code).toBe(1);
    expect(full.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^sparkify: no space left on the disk holding .*${mountPoint}`))]);

    const engine = await openEngine(warehouse, { memoryLimit: '256MB' });
    try {
      expect(await engine.query('SELECT COUNT(*) AS n FROM songplays')).toEqual([{ n: 1 }]);
      expect(await engine.query('SELECT COUNT(*) AS n FROM staging_events')).toEqual([{ n: 1 }]);
      expect((await engine.query<{ status: string }>('SELECT status FROM etl_runs ORDER BY run_id')).map((row) => row.status)).toEqual(['success', 'failed']);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it("DuckDB's own file on the full disk: the commit's error names the warehouse's folder, and the rows are as before", async () => {
    const engine = await openEngine(`duckdb:${path.join(mountPoint, 'direct.duckdb')}`, { memoryLimit: '256MB' });
    try {
      await engine.exec('CREATE TABLE kept AS SELECT range AS i FROM range(10)');
      const error = await engine
        .transaction(() => engine.exec("CREATE TABLE grown AS SELECT range AS i, repeat('x', 100) || range AS s FROM range(400000)"))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LoadError);
      expect((error as Error).message).toMatch(/^no space left on the disk holding the warehouse's folder /);
      expect((error as Error).message).toContain(mountPoint);
      expect(await engine.query('SELECT COUNT(*) AS n FROM kept')).toEqual([{ n: 10 }]);
    } finally {
      await engine.close();
    }
  });
});
