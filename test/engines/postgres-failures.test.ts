/**
 * PostgreSQL under trouble: the connection dropped while COPY streams, a COPY the
 * server rejects, and two loads racing for the advisory load lock.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engines/engine.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { DataError, LoadError, SparkifyError } from '../../src/errors.js';
import { event, writeLines } from '../support/fixture-tree.js';
import { count, createAndLoad, load, starSnapshot, withEngine } from '../support/load.js';
import { writeManyEvents } from '../support/many-events.js';
import { postgresTestFile } from '../support/postgres-warehouse.js';

const { server, freshDir, smallTree } = postgresTestFile('failures');

/** Everything a failed load must leave as it was. */
async function warehouseState(engine: Engine) {
  return {
    star: await starSnapshot(engine),
    stagingEvents: await count(engine, 'SELECT * FROM staging_events'),
    stagingSongs: await count(engine, 'SELECT * FROM staging_songs'),
    files: await engine.query('SELECT file_id, uri, fingerprint FROM load_files ORDER BY file_id'),
  };
}

async function backendPid(engine: Engine): Promise<number> {
  const [row] = await engine.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return Number(row?.pid);
}

describe('postgres: a connection that drops mid-load', () => {
  it('fails the load cleanly, and the warehouse is as before', async () => {
    const warehouse = await server.freshWarehouse();
    const big = writeManyEvents(freshDir(), 6, 25_000);
    let before: Awaited<ReturnType<typeof warehouseState>> | undefined;
    await withEngine(warehouse, async (engine) => {
      await createAndLoad(engine, smallTree());
      before = await warehouseState(engine);
    });

    const admin = await server.admin();
    const engine = await openEngine(warehouse.url, warehouse.options);
    const pid = await backendPid(engine);
    let terminated: Promise<unknown> | undefined;
    let copyWasStreaming = false;
    const failure = load(engine, big, {
      onProgress: (progress) => {
        // Once the COPY of events is under way (50 k of 150 k rows sent), cut its session from outside.
        if (progress.type === 'staged' && progress.kind === 'events' && progress.rows >= 50_000 && !terminated) {
          copyWasStreaming = true;
          terminated = admin.query('SELECT pg_terminate_backend($1)', [pid]);
        }
      },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    const error = await failure;
    await terminated;
    await engine.close();

    expect(copyWasStreaming).toBe(true);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as SparkifyError).exitCode).toBe(1);
    expect((error as Error).message).toMatch(/^the connection to PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:\d+\/\S+ was lost during the load .*nothing was committed, run the load again$/);
    await withEngine(warehouse, async (reopened) => {
      expect(await warehouseState(reopened)).toEqual(before);
      // The lock died with the session: the next load takes it at once and succeeds.
      const report = await load(reopened, big);
      expect(report.rowsStaged.events).toBe(150_000);
    });
  });
});

describe('postgres: a record no timestamp can hold, met mid-COPY', () => {
  it('is a rejected record naming its file and line (not an input file number), rolls back, and leaves the session usable', async () => {
    const warehouse = await server.freshWarehouse();
    await withEngine(warehouse, async (engine) => {
      await createAndLoad(engine, smallTree());
      const before = await warehouseState(engine);
      // 20 k good events stream first; then a valid record whose ts no timestamp can hold.
      const input = writeManyEvents(freshDir(), 2, 10_000);
      const lastFile = path.join(input.logData, '2018/11/2018-11-30-events.json');
      writeLines(lastFile, [event(), event({ ts: 8.64e15 + 1 })]);
      const error = await load(engine, input).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      expect(error).toMatchObject({ file: lastFile, line: 2, reason: '"ts" 8640000000000001 is outside years 1–9999 UTC' });
      expect(await warehouseState(engine)).toEqual(before);
      expect(await engine.query('SELECT status FROM etl_runs ORDER BY run_id')).toEqual([{ status: 'success' }, { status: 'failed' }]);
    });
  });
});

describe('postgres: the advisory load lock', () => {
  it('makes a second load wait, then fail clearly when the first holds it too long', async () => {
    const warehouse = await server.freshWarehouse();
    await withEngine(warehouse, async (first) => {
      const release = await first.lock(0);
      const firstPid = await backendPid(first);
      await withEngine(warehouse, async (second) => {
        const started = Date.now();
        const error = await load(second, smallTree(), { lockTimeoutMs: 400 }).then(() => undefined, (e: unknown) => e);
        expect(Date.now() - started).toBeGreaterThanOrEqual(400);
        expect(error).toBeInstanceOf(LoadError);
        expect((error as Error).message).toMatch(
          new RegExp(`^another sparkify load into postgres://\\S+ holds the load lock: PostgreSQL backend ${firstPid} \\(sparkify, connected .*\\) after waiting 0\\.4 s; wait for it to finish, or raise LOCK_TIMEOUT$`),
        );
        await release();
        // Released: now the second load goes ahead.
        const report = await createAndLoad(second, smallTree(), { lockTimeoutMs: 0 });
        expect(report.tables.songplays.rows).toBe(2);
      });
    });
  });

  it('lets two loads started together both succeed, one after the other', async () => {
    const warehouse = await server.freshWarehouse();
    await withEngine(warehouse, (engine) => createAndLoad(engine, smallTree()));
    const inputs = [writeManyEvents(freshDir(), 2, 10_000), writeManyEvents(freshDir(), 2, 10_000)];
    const reports = await Promise.all(
      inputs.map((input) => withEngine(warehouse, (engine) => load(engine, input, { lockTimeoutMs: 60_000 }))),
    );
    expect(reports.map((report) => report.status)).toEqual(['success', 'success']);
    await withEngine(warehouse, async (engine) => {
      // Interleaved, both would have taken the same next run id (MAX + 1) and one would fail.
      expect(await engine.query('SELECT run_id, status FROM etl_runs ORDER BY run_id')).toEqual([
        { run_id: 1, status: 'success' }, { run_id: 2, status: 'success' }, { run_id: 3, status: 'success' },
      ]);
      expect(await count(engine, 'SELECT * FROM staging_events')).toBe(2 + 40_000);
    });
  });

  it('is per schema: loads into two schemas of one database do not wait for each other', async () => {
    const { url } = await server.freshWarehouse();
    await withEngine({ url, options: { schema: 'a' } }, async (a) => {
      const release = await a.lock(0);
      await withEngine({ url, options: { schema: 'b' } }, async (b) => {
        const releaseB = await b.lock(0);
        await releaseB();
      });
      await release();
    });
  });
});
