/**
 * The pipeline chooses how a load is all or nothing from the engine's capabilities
 * (pipeline/load-unit.ts), never its name: an engine registered here is DuckDB declaring
 * `loadInOneTransaction: false`, whose `transaction` refuses to run. A load on it never
 * asks for a transaction, a failed load's staged rows are cleared by the next load, and
 * the result equals a one-transaction load of the same data.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { duckdbEngine } from '../../src/engines/duckdb/index.js';
import type { Engine } from '../../src/engines/engine.js';
import type { EngineDescriptor } from '../../src/engines/engine-descriptor.js';
import { DataError } from '../../src/errors.js';
import { event, song, writeFixtureTree, writeLines } from '../support/fixture-tree.js';
import { count, createAndLoad, load, starSnapshot, withEngine } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';
import { useEngine } from '../support/use-engine.js';

const SCHEME = 'duckdb-no-transactions';

/** DuckDB, minus transactions: every method but `transaction` is DuckDB's own. */
function withoutTransactions(inner: Engine): Engine {
  return {
    name: SCHEME,
    dialect: inner.dialect,
    capabilities: { ...inner.capabilities, loadInOneTransaction: false },
    describe: () => inner.describe(),
    close: () => inner.close(),
    exec: (sql, params) => inner.exec(sql, params),
    query: (sql, params) => inner.query(sql, params),
    transaction: () => Promise.reject(new Error('this engine has no transactions')),
    lock: (timeoutMs) => inner.lock(timeoutMs),
    stage: (kind, batches, context) => inner.stage(kind, batches, context),
    ...(inner.insertRows ? { insertRows: inner.insertRows.bind(inner) } : {}),
  };
}

const noTransactions: EngineDescriptor = {
  ...duckdbEngine,
  name: SCHEME,
  schemes: [SCHEME],
  defaultUrl: undefined,
  capabilities: { ...duckdbEngine.capabilities, loadInOneTransaction: false },
  open: async (url, options) => withoutTransactions(await duckdbEngine.open(new URL(url.href.replace(`${SCHEME}:`, 'duckdb:')), options)),
};
useEngine(noTransactions);

const temp = makeTempDir('load-unit');
afterAll(() => temp.remove());

const songs = { 'A/one.json': [song({ song_id: 'S1', artist_id: 'A1', title: 'One', artist_name: 'Ann', duration: 200 })], 'B/two.json': [song()] };
const goodDay = [event({ song: 'One', artist: 'Ann', length: 200, userId: '7' }), event({ page: 'Home', userId: '7', itemInSession: 1 })];

describe('a load on an engine without one transaction for the whole load', () => {
  it('never asks for a transaction; a failed load leaves staged rows that the next load clears; the result equals a transactional load', async () => {
    const tree = writeFixtureTree(path.join(temp.path, 'tree'), { songs, events: { 'day.json': goodDay } });
    writeLines(path.join(tree.logData, 'zz.json'), [JSON.stringify(event({ userId: '8' }))]);
    // A song file that is not JSON fails the first load after the events (staged first) were staged.
    const late = path.join(tree.songData, 'Z', 'zz.json');
    mkdirSync(path.dirname(late), { recursive: true });
    writeLines(late, ['{not json']);
    const warehouse = { url: `${SCHEME}:${path.join(temp.path, 'stepwise.duckdb')}`, options: { memoryLimit: '256MB' } };

    await withEngine(warehouse, async (engine) => {
      const failed = await createAndLoad(engine, tree).then(() => undefined, (caught: unknown) => caught);
      expect(failed).toBeInstanceOf(DataError);
      expect((failed as Error).message).toMatch(/zz\.json:1/);
      // Committed as they went: rows staged, no ledger row for them.
      expect(await count(engine, 'SELECT * FROM staging_events')).toBe(3);
      expect(await count(engine, 'SELECT * FROM load_files')).toBe(0);

      writeLines(late, [JSON.stringify(song({ song_id: 'S9', artist_id: 'A9' }))]);
      const report = await load(engine, tree);
      expect(report.filesLoaded).toBe(5);
      expect(await count(engine, 'SELECT * FROM staging_songs')).toBe(3);
      expect(await count(engine, 'SELECT * FROM staging_events')).toBe(3);
    });

    const stepwise = await withEngine(warehouse, starSnapshot);
    const transactional = await withEngine({ url: `duckdb:${path.join(temp.path, 'one-transaction.duckdb')}`, options: { memoryLimit: '256MB' } }, async (engine) => {
      await createAndLoad(engine, tree);
      return starSnapshot(engine);
    });
    expect(stepwise).toEqual(transactional);
    expect(stepwise.songplays?.length).toBe(2);
  }, 60_000);
});
