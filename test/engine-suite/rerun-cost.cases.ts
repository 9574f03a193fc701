/**
 * What an incremental load costs beyond its own files (issue 13, "incremental at scale"):
 * the ledger's decision is made without reading the ledger into Node where the engine
 * can compare inside the warehouse (pipeline/changed-files.ts), and the row counts of the
 * load summary are worked out, not counted, on an incremental load (pipeline/known-rows.ts).
 * Both must give exactly what the old way gave: the in-Node comparison, and COUNT(*).
 */
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engines/engine.js';
import { insertRows } from '../../src/engines/insert-with-values.js';
import { changedFiles, changedFilesInNode, type ListedFile } from '../../src/pipeline/changed-files.js';
import type { EtlReport } from '../../src/pipeline/etl.js';
import { readSummary } from '../../src/pipeline/summary.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { event, song, writeFixtureTree, writeLines } from '../support/fixture-tree.js';
import { count, createAndLoad, load, withEngine } from '../support/load.js';
import { nastyStrings } from '../support/nasty-strings.js';
import { makeTempDir } from '../support/temp-dir.js';
import type { EngineHarness } from './harness.js';

const day = (d: number) => Date.UTC(2018, 10, d, 10, 0, 0, 0);
const tables = ['staging_events', 'staging_songs', 'songplays', 'users', 'songs', 'artists', 'time'] as const;

/** Every table's COUNT(*), in the summary's order. */
async function countedRows(engine: Engine): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of tables) rows[table] = await count(engine, `SELECT * FROM ${engine.dialect.quoteIdentifier(table)}`);
  return rows;
}

/** The rows a load's report says each table holds, as the summary prints them. */
async function reportedRows(engine: Engine, report: EtlReport): Promise<Record<string, number>> {
  return (await readSummary(engine, report)).tables;
}

/** The engine, with every statement it is sent through exec and query written down. */
function recording(engine: Engine): { engine: Engine; statements: string[] } {
  const statements: string[] = [];
  const wrapped = new Proxy(engine, {
    get(target, property, receiver) {
      if (property === 'exec' || property === 'query') {
        return (sql: string, params?: never) => {
          statements.push(sql.replace(/\s+/g, ' ').trim());
          return property === 'exec' ? target.exec(sql, params) : target.query(sql, params);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { engine: wrapped, statements };
}

/** The old decision (pipeline/ledger.ts before issue 13), as plain code: the oracle. */
function expectedChanges(ledger: readonly { uri: string; fingerprint: string; fileId: number }[], listing: readonly ListedFile[]) {
  const known = new Map(ledger.map((row) => [row.uri, row]));
  return listing.flatMap((file, index) => {
    const previous = known.get(file.uri);
    return previous?.fingerprint === file.fingerprint ? [] : [{ index, fileId: previous?.fileId }];
  });
}

export function rerunCostCases(harness: EngineHarness): void {
  describe('the fixed cost of a rerun: the ledger compared in the warehouse, row counts worked out', () => {
    const temp = makeTempDir('rerun-cost');
    afterAll(() => temp.remove());
    let n = 0;
    const freshDir = () => path.join(temp.path, `case-${++n}`);

    it('decides new, changed and unchanged files as the in-Node comparison does (generated listings)', async () => {
      const uris = fc.constantFrom('/d/a.json', '/d/b.json', '/d/A.json', '/d/a.json ', 's3://b/k/c.json', ...nastyStrings.map((s) => `/d/${s}.json`));
      const fingerprints = fc.constantFrom('10-1', '10-2', '11-1', '"etag"', '10-1 ');
      const scenario = fc.record({
        ledger: fc.uniqueArray(fc.record({ uri: uris, fingerprint: fingerprints }), { selector: (row) => row.uri, maxLength: 8 }),
        // A URI may be listed twice (the same folder named for songs and for logs).
        listing: fc.array(fc.record({ uri: uris, fingerprint: fingerprints }), { maxLength: 12 }),
        firstId: fc.integer({ min: 1, max: 1_000_000 }),
      });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createTables(engine, { drop: true });
        await fc.assert(
          fc.asyncProperty(scenario, async ({ ledger, listing, firstId }) => {
            await engine.exec('DELETE FROM load_files');
            const rows = ledger.map((row, i) => ({ ...row, fileId: firstId + 3 * i }));
            await insertRows(engine, 'load_files', ['file_id', 'kind', 'uri', 'size', 'fingerprint', 'rows_loaded', 'rows_rejected', 'run_id', 'loaded_at'],
              rows.map((row) => [row.fileId, 'songs', row.uri, 10, row.fingerprint, 1, 0, 1, new Date(0)]));
            const expected = expectedChanges(rows, listing);
            expect(await changedFiles(engine, listing)).toEqual(expected);
            // Both ways where the engine can take the listing in bulk (the other way is its only one).
            if (engine.insertRows) expect(await changedFilesInNode(engine, listing)).toEqual(expected);
          }),
          { numRuns: Number(process.env.SPARKIFY_PROPERTY_RUNS ?? 25) },
        );
      });
    });

    it('a rerun with nothing new neither reads the ledger into Node nor counts a table, and reports every table as COUNT(*) does', async () => {
      const input = writeFixtureTree(freshDir(), {
        songs: { 'A/TRA.json': [song({ song_id: 'SOA', title: 'A', duration: 100 })] },
        events: { 'day-1.json': [event({ ts: day(1), song: 'A', length: 100 }), event({ ts: day(1) + 1, userId: '8', page: 'Home' })] },
      });
      await withEngine(await harness.freshWarehouse(), async (plain) => {
        await createAndLoad(plain, input);
        const { engine, statements } = recording(plain);
        const rerun = await load(engine, input);
        expect(rerun.transform).toBe('none');
        // Nor does it rank the songs again: they are the last load's, and ranking them scans every play.
        expect((await readSummary(engine, rerun)).topSongs).toBeNull();
        expect(statements.filter((sql) => sql.includes('FROM songplays'))).toEqual([]);
        expect(await reportedRows(plain, rerun)).toEqual(await countedRows(plain));
        expect(await reportedRows(plain, rerun)).toMatchObject({ staging_events: 2, staging_songs: 1, songplays: 1, users: 2 });
        if (plain.insertRows) expect(statements.filter((sql) => sql.includes('SELECT file_id, uri, fingerprint FROM load_files'))).toEqual([]);
        const counted = (table: string) => statements.some((sql) => sql.includes(`COUNT(*) AS n FROM ${plain.dialect.quoteIdentifier(table)}`));
        expect(['songplays', 'users', 'songs', 'artists', 'time'].filter(counted)).toEqual([]);
        if (plain.capabilities.stagesEveryAcceptedRecord) expect(['staging_events', 'staging_songs'].filter(counted)).toEqual([]);
        // The listing's temporary table never touches a table of the user's by that name.
        await plain.exec('CREATE TABLE listed_files (note TEXT)');
        await plain.exec(`INSERT INTO listed_files VALUES ('mine')`);
        await load(plain, input);
        expect(await plain.query('SELECT note FROM listed_files')).toEqual([{ note: 'mine' }]);
      });
    });

    it('reports every table as COUNT(*) does after a scoped load, a changed file, a failed load, a full refresh and a rebuild', async () => {
      const input = writeFixtureTree(freshDir(), {
        songs: { 'A/TRA.json': [song({ song_id: 'SOA', title: 'A', duration: 100 })], 'B/TRB.json': [song({ song_id: 'SOB', title: 'B', artist_id: 'ARB', duration: 200 })] },
        events: {
          'day-1.json': [event({ ts: day(1), song: 'A', length: 100 }), event({ ts: day(1) + 1, userId: '8', song: 'B', length: 200 })],
          'day-2.json': [event({ ts: day(2), song: 'B', length: 200, sessionId: 2 })],
        },
      });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        const steps: [string, EtlReport][] = [['first load', await createAndLoad(engine, input)]];
        const check = async (label: string, report: EtlReport) => {
          steps.push([label, report]);
          expect({ label, rows: await reportedRows(engine, report) }).toEqual({ label, rows: await countedRows(engine) });
          // The most-played songs: ranked after any load that changed the star schema, and then as a fresh summary ranks them.
          const { topSongs } = await readSummary(engine, report);
          expect({ label, topSongs }).toEqual({ label, topSongs: report.transform === 'none' ? null : (await readSummary(engine)).topSongs });
        };
        // A new day: scoped, with plays, users and times added.
        writeLines(path.join(input.logData, 'day-3.json'), [event({ ts: day(3), userId: '9', song: 'A', length: 100 }), event({ ts: day(3) + 5, userId: '7', page: 'Home' })]);
        await check('a new day', await load(engine, input, { scopedShare: Infinity }));
        expect(steps.at(-1)?.[1].transform).toBe('scoped');
        // A changed file: its plays go (deleted) and others come.
        writeLines(path.join(input.logData, 'day-1.json'), [event({ ts: day(1) + 60_000, userId: '10', song: 'B', length: 200 })]);
        await check('a changed file', await load(engine, input, { scopedShare: Infinity }));
        expect(steps.at(-1)?.[1].tables.songplays.deleted).toBeGreaterThan(0);
        // A failed load (a rejected record) changes nothing, and the next rerun still knows the counts.
        writeLines(path.join(input.logData, 'day-4.json'), [event({ ts: day(4), userId: '11' }), '{not json']);
        await expect(load(engine, input, { scopedShare: Infinity })).rejects.toThrow();
        writeLines(path.join(input.logData, 'day-4.json'), [event({ ts: day(4), userId: '11', song: 'A', length: 100 })]);
        await check('after a failed load', await load(engine, input, { scopedShare: Infinity }));
        await check('nothing new', await load(engine, input));
        await check('a full refresh', await load(engine, input, { fullRefresh: true }));
        await check('a rebuild', await load(engine, input, { rebuild: true }));
        await check('nothing new after the rebuild', await load(engine, input));
        // create-tables keeps the history but empties every table: the old counts no longer hold.
        await createTables(engine, { drop: true });
        await check('a scoped first load after create-tables', await load(engine, input, { scopedShare: Infinity }));
      });
    });
  });
}
