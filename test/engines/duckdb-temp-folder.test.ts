/**
 * DuckDB's scratch folders: one per open engine, next to the database file, removed
 * at close; those of a process that died (SIGKILL, a crash) are removed by the next
 * engine to open the warehouse, and those of a live process are left alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engines/open-engine.js';
import { claimTempFolder, removeAbandoned, tempRootsFor } from '../../src/engines/duckdb/temp-folder.js';
import { writeManyEvents } from '../support/many-events.js';
import { finished, spawnCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('duckdb-temp-folder');
afterAll(() => temp.remove());

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function ownedFolder(root: string, name: string, owner: Record<string, unknown> | undefined): string {
  const folder = path.join(root, name);
  mkdirSync(path.join(folder, 'stage-events-x'), { recursive: true });
  writeFileSync(path.join(folder, 'stage-events-x', 'events-0.ndjson'), '{}\n');
  if (owner) writeFileSync(path.join(folder, 'owner.json'), JSON.stringify(owner));
  return folder;
}

describe('DuckDB scratch folders', () => {
  it('lives next to the database file, or under the system temp folder for an in-memory warehouse', () => {
    expect(tempRootsFor('/data/w.duckdb')[0]).toBe('/data/w.duckdb.sparkify-tmp');
    expect(tempRootsFor(':memory:')).toEqual([expect.stringContaining(os.tmpdir())]);
  });

  it('removes the folders of dead owners, and keeps those of live ones, other hosts and fresh unmarked ones', async () => {
    const root = path.join(temp.path, 'owners');
    const dead = ownedFolder(root, `sparkify-1-dead`, { host: os.hostname(), pid: deadPid() });
    const live = ownedFolder(root, `sparkify-2-live`, { host: os.hostname(), pid: process.ppid });
    const elsewhere = ownedFolder(root, `sparkify-3-elsewhere`, { host: `not-${os.hostname()}`, pid: deadPid() });
    const unmarked = ownedFolder(root, `sparkify-4-unmarked`, undefined);
    const reused = ownedFolder(root, `sparkify-5-reused`, { host: os.hostname(), pid: process.ppid, started: 'another start time' });
    expect(await removeAbandoned(root)).toEqual([dead, reused]);
    expect(readdirSync(root).sort()).toEqual([live, elsewhere, unmarked].map((folder) => path.basename(folder)).sort());
  });

  it('claims a folder with an owner marker, and removes it and the then empty root when done', async () => {
    const root = path.join(temp.path, 'claim');
    const folder = await claimTempFolder([root]);
    expect(path.dirname(folder.path)).toBe(root);
    expect(JSON.parse(readFileSync(path.join(folder.path, 'owner.json'), 'utf8'))).toMatchObject({ host: os.hostname(), pid: process.pid });
    await folder.remove();
    expect(existsSync(root)).toBe(false);
  });

  it('a load killed with SIGKILL while staging leaves its parts; the next open of the warehouse removes them', async () => {
    const tree = writeManyEvents(path.join(temp.path, 'killed-tree'), 6, 40_000);
    const database = path.join(temp.path, 'killed.duckdb');
    const root = `${database}.sparkify-tmp`;
    const child = spawnCli(['run', '--song-data', tree.songData, '--log-data', tree.logData, '--warehouse', `duckdb:${database}`], {
      env: { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '' },
    });
    const outcome = finished(child);
    const stagedPart = () => readdirSync(root, { recursive: true }).map(String).find((name) => /stage-[^/]+\/events-\d+\.ndjson$/.test(name));
    for (let waited = 0; !(existsSync(root) && stagedPart()); waited += 20) {
      if (waited > 60_000) throw new Error('the load never staged events');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect((await outcome).signal).toBe('SIGKILL');
    expect(stagedPart()).toBeDefined();

    const engine = await openEngine(`duckdb:${database}`, { memoryLimit: '256MB' });
    try {
      // Only the new engine's own folder remains, with nothing staged in it.
      expect(readdirSync(root, { recursive: true }).map(String).filter((name) => !name.endsWith('owner.json')).length).toBe(1);
    } finally {
      await engine.close();
    }
    expect(existsSync(root)).toBe(false);
  }, 120_000);
});
