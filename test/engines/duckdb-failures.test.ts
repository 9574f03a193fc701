/**
 * DuckDB loads that fail part-way through the real pipeline, at the points where the
 * stager's part files matter: a reject at the very first line (a song file), at the last
 * line of the last event file after more than a part's worth of events, and a valid line
 * longer than read_json's default buffer. Each failed load must end in one DataError
 * naming file and line, a run recorded `failed`, the warehouse as it was, and no
 * scratch folder left next to the database.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { DataError, LoadError } from '../../src/errors.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { readTextBatches } from '../../src/records/read-records.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { count, createAndLoad, load, starSnapshot } from '../support/load.js';
import { event, song, writeFixtureTree, writeLines } from '../support/fixture-tree.js';
import { writeManyEvents } from '../support/many-events.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('duckdb-failures');
afterAll(() => temp.remove());
let counter = 0;

async function withWarehouse<T>(work: (engine: Awaited<ReturnType<typeof openEngine>>, file: string) => Promise<T>): Promise<T> {
  const file = path.join(temp.path, `warehouse-${++counter}.duckdb`);
  const engine = await openEngine(`duckdb:${file}`, { memoryLimit: '1GB' });
  try {
    return await work(engine, file);
  } finally {
    await engine.close();
  }
}

async function runStatuses(engine: Awaited<ReturnType<typeof openEngine>>): Promise<unknown[]> {
  return (await engine.query<{ status: string }>('SELECT status FROM etl_runs ORDER BY run_id')).map((row) => row.status);
}

/** The per-warehouse scratch folder holds this engine's own folder only (nothing staged is left). */
function scratchLeftovers(file: string): string[] {
  const root = `${file}.sparkify-tmp`;
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((owner) => readdirSync(path.join(root, owner)).filter((name) => name !== 'owner.json'));
}

describe('DuckDB loads that fail part-way', () => {
  it('a reject at the very first line of the first song file: file:1, run failed, warehouse as before', async () => {
    const good = writeFixtureTree(path.join(temp.path, 'first-good'), { songs: { 'A/one.json': [song()] }, events: { 'day.json': [event()] } });
    const bad = writeFixtureTree(path.join(temp.path, 'first-bad'), {
      songs: { 'A/A/0.json': ['{"num_songs": 1, "song_id":'], 'A/B/1.json': [song({ song_id: 'SOTEST0000000002' })] },
      events: { 'day.json': [event()] },
    });
    await withWarehouse(async (engine, file) => {
      await createAndLoad(engine, good);
      const before = await starSnapshot(engine);
      const error = await load(engine, bad, { fullRefresh: true }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).message).toMatch(/first-bad\/song_data\/A\/A\/0\.json:1: /);
      expect(await runStatuses(engine)).toEqual(['success', 'failed']);
      expect(await starSnapshot(engine)).toEqual(before);
      expect(scratchLeftovers(file)).toEqual([]);
    });
  });

  it('a reject at the last line of the last event file, after more than a staging part of events', async () => {
    // 120 k events of ~330 bytes: some 40 MB, past the first 32 MB part.
    const tree = writeManyEvents(path.join(temp.path, 'late'), 4, 30_000);
    const last = path.join(tree.logData, '2018/11/2018-11-04-events.json');
    const lines = readFileSync(last, 'utf8').split('\n').length;
    appendFileSync(last, '{"ts": 1541105830796, "page": "NextSong", oops\n');
    await withWarehouse(async (engine, file) => {
      const error = await createAndLoad(engine, tree).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).message).toContain(`2018-11-04-events.json:${lines}: not valid JSON`);
      expect(await runStatuses(engine)).toEqual(['failed']);
      expect(await count(engine, 'SELECT * FROM staging_events')).toBe(0);
      expect(scratchLeftovers(file)).toEqual([]);
    });
  }, 120_000);

  it('loads a valid 20 MB line, past read_json\'s default 16 MB buffer', async () => {
    const longAgent = 'a'.repeat(20 * 1024 * 1024);
    const tree = writeFixtureTree(path.join(temp.path, 'long-line'), {
      songs: { 'A/one.json': [song()] },
      events: { 'day.json': [event(), event({ ts: Date.UTC(2018, 10, 2), userId: '8', userAgent: longAgent })] },
    });
    await withWarehouse(async (engine) => {
      await createAndLoad(engine, tree);
      const [row] = await engine.query<{ n: number }>(`SELECT length(user_agent) AS n FROM staging_events WHERE user_id = '8'`);
      expect(row?.n).toBe(longAgent.length);
      expect(await count(engine, 'SELECT * FROM users')).toBe(2);
    });
  }, 120_000);

  it('an unreadable event file (binary) after a good one: the load fails naming it, nothing left behind', async () => {
    const tree = writeFixtureTree(path.join(temp.path, 'binary'), { songs: { 'A/one.json': [song()] }, events: { 'day.json': [event()] } });
    writeLines(path.join(tree.logData, 'zz.json'), [JSON.stringify(event()), '\u0000binary']);
    await withWarehouse(async (engine, file) => {
      const error = await createAndLoad(engine, tree).catch((caught: unknown) => caught);
      expect(String(error)).toMatch(/zz\.json/);
      expect(await runStatuses(engine)).toEqual(['failed']);
      expect(scratchLeftovers(file)).toEqual([]);
    });
  });

  it('an input that fails to read mid-way, after parts were written: its read error, staging empty, no part left', async () => {
    const line = JSON.stringify(event()) + '\n';
    const chunk = Buffer.from(line.repeat(Math.ceil((4 * 1024 * 1024) / line.length)));
    const breaking = () => Readable.from((async function* () {
      for (let i = 0; i < 10; i++) yield chunk; // 40 MB: one part inserted, the next half written
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', syscall: 'read' });
    })());
    await withWarehouse(async (engine, file) => {
      await createTables(engine, { drop: true });
      const batches = readTextBatches({ kind: 'events', files: [{ uri: '/data/broken.json', fileId: 1, size: 0 }], open: breaking, onReject: () => undefined });
      const error = await engine.transaction(() => (engine.stageText as NonNullable<typeof engine.stageText>)([{ kind: 'events', batches }])).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LoadError);
      expect((error as Error).message).toBe('/data/broken.json: could not be read: EIO: i/o error, read');
      expect(await count(engine, 'SELECT * FROM staging_events')).toBe(0);
      expect(scratchLeftovers(file)).toEqual([]);
    });
  }, 60_000);
});
