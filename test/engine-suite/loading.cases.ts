/** SPEC.md "Loading": idempotent, incremental, atomic; the ledger and run history. */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { event, song, writeFixtureTree, writeLines } from '../support/fixture-tree.js';
import { count, createAndLoad, load, starSnapshot, withEngine } from '../support/load.js';
import { sampleAvailable, sampleRoot, sampleSkipReason } from '../support/sample-data.js';
import { makeTempDir } from '../support/temp-dir.js';
import type { EngineHarness } from './harness.js';

const day = (d: number) => Date.UTC(2018, 10, d, 10, 0, 0, 0);

/** Three days of plays by two users; user 7 upgrades on day 3. */
function writeThreeDays(root: string) {
  return writeFixtureTree(root, {
    songs: {
      'A/A/TRA.json': [song({ song_id: 'SOA', title: 'A', duration: 100 })],
      'A/B/TRB.json': [song({ song_id: 'SOB', title: 'B', duration: 200 })],
    },
    events: {
      '2018/11/2018-11-01-events.json': [event({ ts: day(1), song: 'A', length: 100 }), event({ ts: day(1) + 1, userId: '8', itemInSession: 1 })],
      '2018/11/2018-11-02-events.json': [event({ ts: day(2), song: 'B', length: 200, sessionId: 2 })],
      '2018/11/2018-11-03-events.json': [event({ ts: day(3), level: 'paid', sessionId: 3, song: 'A', length: 100 })],
    },
  });
}

export function loadingCases(harness: EngineHarness): void {
  describe('loading', () => {
    const temp = makeTempDir('loading');
    afterAll(() => temp.remove());
    let n = 0;
    const freshDir = () => path.join(temp.path, `case-${++n}`);

    it('is idempotent: a second etl of the same files skips them and changes nothing', async () => {
      const input = writeThreeDays(freshDir());
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        const first = await createAndLoad(engine, input);
        const before = await starSnapshot(engine);
        const second = await load(engine, input);
        expect(second.filesSkipped).toBe(5);
        expect(second.filesLoaded).toBe(0);
        expect(Object.values(second.tables).every((t) => t.inserted + t.updated + t.deleted === 0)).toBe(true);
        expect(await starSnapshot(engine)).toEqual(before);
        expect(first.tables.songplays).toEqual({ inserted: 4, updated: 0, deleted: 0, rows: 4 });
        const refreshed = await load(engine, input, { fullRefresh: true });
        expect(refreshed.filesLoaded).toBe(5);
        expect(await starSnapshot(engine)).toEqual(before);
      });
    });

    it('loads incrementally: two batches equal one load, levels move to the latest event', async () => {
      const oneShot = writeThreeDays(freshDir());
      const batched = writeThreeDays(freshDir());
      const day3 = path.join(batched.logData, '2018/11/2018-11-03-events.json');
      const held = readFileSync(day3);
      writeFileSync(day3, '');
      const dayThreeLater = () => writeFileSync(day3, held);

      const expected = await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, oneShot);
        return starSnapshot(engine);
      });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, batched);
        expect(await engine.query('SELECT level FROM users WHERE user_id = 7')).toEqual([{ level: 'free' }]);
        dayThreeLater();
        const second = await load(engine, batched);
        expect(second.filesLoaded).toBe(1);
        expect(second.tables.users).toEqual({ inserted: 0, updated: 1, deleted: 0, rows: 2 });
        expect(await starSnapshot(engine)).toEqual(expected);
      });
    });

    it('replaces what a changed file brought, never adds to it', async () => {
      const input = writeThreeDays(freshDir());
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        writeLines(path.join(input.logData, '2018/11/2018-11-01-events.json'), [event({ ts: day(1), song: 'A', length: 100 })]);
        const report = await load(engine, input);
        expect(report.filesLoaded).toBe(1);
        expect(report.tables.songplays.deleted).toBe(1);
        expect(await count(engine, 'SELECT * FROM staging_events')).toBe(3);
        expect(await engine.query('SELECT user_id FROM users ORDER BY user_id')).toEqual([{ user_id: 7 }]);
        expect(await count(engine, 'SELECT * FROM songplays')).toBe(3);
      });
    });

    it('is atomic: a failure in the transform leaves the warehouse as it was', async () => {
      const input = writeThreeDays(freshDir());
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        const before = await starSnapshot(engine);
        const stagedBefore = await count(engine, 'SELECT * FROM staging_events');
        writeLines(path.join(input.logData, '2018/11/2018-11-04-events.json'), [event({ ts: day(4), userId: '9' })]);
        const failure = load(engine, input, {
          afterTable: async (table) => {
            if (table === 'songplays') throw new Error('injected failure after songplays');
          },
        });
        await expect(failure).rejects.toThrow('injected failure after songplays');
        expect(await starSnapshot(engine)).toEqual(before);
        expect(await count(engine, 'SELECT * FROM staging_events')).toBe(stagedBefore);
        expect(await count(engine, 'SELECT * FROM load_files')).toBe(5);
        const runs = await engine.query('SELECT run_id, status, error FROM etl_runs ORDER BY run_id');
        expect(runs).toEqual([
          { run_id: 1, status: 'success', error: null },
          { run_id: 2, status: 'failed', error: 'injected failure after songplays' },
        ]);
        const retry = await load(engine, input);
        expect(retry.filesLoaded).toBe(1);
        expect(await engine.query('SELECT user_id FROM users ORDER BY user_id')).toEqual([{ user_id: 7 }, { user_id: 8 }, { user_id: 9 }]);
      });
    });

    it('records every run in etl_runs with files, rows and per-table changes', async () => {
      const input = writeThreeDays(freshDir());
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        await load(engine, input);
        const runs = await engine.query('SELECT run_id, status, files_loaded, files_skipped, rows_staged, rows_rejected, table_changes FROM etl_runs ORDER BY run_id');
        expect(runs.map(({ table_changes: _c, ...rest }) => rest)).toEqual([
          { run_id: 1, status: 'success', files_loaded: 5, files_skipped: 0, rows_staged: 6, rows_rejected: 0 },
          { run_id: 2, status: 'success', files_loaded: 0, files_skipped: 5, rows_staged: 0, rows_rejected: 0 },
        ]);
        expect(JSON.parse(String(runs[0]?.table_changes)).users).toEqual({ inserted: 2, updated: 0, deleted: 0, rows: 2 });
      });
    });

    describe.skipIf(!sampleAvailable)(`the reference sample in two batches (skipped when ${sampleSkipReason})`, () => {
      it('days 1-15 then 16-30 equal one load of all 30 days, with the same songplay ids', async () => {
        const root = freshDir();
        cpSync(path.join(sampleRoot, 'song_data'), path.join(root, 'song_data'), { recursive: true });
        const logDir = path.join(root, 'log_data/2018/11');
        const allDays = readdirSync(path.join(sampleRoot, 'log_data/2018/11')).sort();
        const copyDays = (days: string[]) => days.forEach((f) => cpSync(path.join(sampleRoot, 'log_data/2018/11', f), path.join(logDir, f)));
        copyDays(allDays.slice(0, 15));
        const input = { songData: path.join(root, 'song_data'), logData: path.join(root, 'log_data') };
        const sample = { songData: path.join(sampleRoot, 'song_data'), logData: path.join(sampleRoot, 'log_data') };

        const expected = await withEngine(await harness.freshWarehouse(), async (engine) => {
          await createAndLoad(engine, sample);
          return starSnapshot(engine);
        });
        await withEngine(await harness.freshWarehouse(), async (engine) => {
          await createAndLoad(engine, input);
          copyDays(allDays.slice(15));
          const second = await load(engine, input);
          expect(second.filesLoaded).toBe(allDays.length - 15);
          const actual = await starSnapshot(engine);
          expect(actual.songplays).toHaveLength(6820);
          expect(actual.users).toHaveLength(97);
          expect(actual.time).toHaveLength(6813);
          expect(actual).toEqual(expected);
        });
      });
    });
  });
}
