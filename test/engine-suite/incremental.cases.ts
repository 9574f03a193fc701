/**
 * The scoped transform of an incremental load (pipeline/load-scope.ts) on each of the
 * dependencies between star tables: every case loads a sequence of source trees one
 * after another, taking the scoped path, and must end with exactly the tables of one
 * load of the last tree (the full path), as well as the values the rule asks for.
 */
import { mkdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EtlReport } from '../../src/pipeline/etl.js';
import { event, song, writeFixtureTree, writeLines, type FixtureLine, type FixtureTree } from '../support/fixture-tree.js';
import { createAndLoad, load, starSnapshot, withEngine } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';
import type { EngineHarness } from './harness.js';

const at = (day: number, minute = 0) => Date.UTC(2018, 10, day, 10, minute, 0, 0);

type Files = Record<string, readonly FixtureLine[]>;

/** A song no event plays, and a visitor's page view: for a tree that needs a file of a kind (an empty tree is an error). */
const unplayed: Files = { 'Z/Z/TRZ.json': [song({ song_id: 'SOZ', title: 'Unplayed', artist_id: 'ARZ', artist_name: 'Z' })] };
const visitor: Files = { '2018/11/2018-11-00-events.json': [event({ userId: '', page: 'Home' })] };

/** One state of the source tree: files absent here keep their place (and rows) from before. */
interface Step {
  readonly songs?: Files;
  readonly events?: Files;
}

export function incrementalCases(harness: EngineHarness): void {
  describe('incremental loads (scoped transform)', () => {
    const temp = makeTempDir('incremental');
    afterAll(() => temp.remove());
    let n = 0;
    let mtime = Date.UTC(2020, 0, 1) / 1000;

    /** Writes a step's files into the tree, each with a later mtime, so the ledger sees every rewrite as a change. */
    const writeStep = (root: string, step: Step) => {
      const input = writeFixtureTree(root, {});
      for (const [kind, dir] of [['songs', input.songData], ['events', input.logData]] as const) {
        for (const [name, lines] of Object.entries(step[kind] ?? {})) {
          const file = path.join(dir, name);
          mkdirSync(path.dirname(file), { recursive: true });
          writeLines(file, lines);
          mtime += 60;
          utimesSync(file, mtime, mtime);
        }
      }
      return input;
    };

    /**
     * Loads the steps one by one (scoped) and their union at once (full); returns the
     * incremental warehouse's tables and the last load's report, after checking both agree.
     */
    const loadSteps = async (steps: readonly Step[]) => {
      const incremental = path.join(temp.path, `case-${++n}-incremental`);
      const { tables, last } = await withEngine(await harness.freshWarehouse(), async (engine) => {
        let report: EtlReport | undefined;
        for (const [i, step] of steps.entries()) {
          const input = writeStep(incremental, step);
          report = i === 0 ? await createAndLoad(engine, input) : await load(engine, input, { scopedShare: Infinity });
          if (i > 0) expect(report.transform).toBe('scoped');
        }
        return { tables: await starSnapshot(engine), last: report as EtlReport };
      });
      const final: FixtureTree = {
        songs: Object.assign({}, ...steps.map((s) => s.songs ?? {})) as Files,
        events: Object.assign({}, ...steps.map((s) => s.events ?? {})) as Files,
      };
      const oneShot = await withEngine(await harness.freshWarehouse(), async (engine) => {
        const report = await createAndLoad(engine, writeFixtureTree(path.join(temp.path, `case-${n}-one-shot`), final));
        expect(report.transform).toBe('full');
        return starSnapshot(engine);
      });
      expect(tables).toEqual(oneShot);
      return { tables, last };
    };

    it('a new song file matches plays loaded before it (songs -> songplays)', async () => {
      const { tables, last } = await loadSteps([
        { songs: unplayed, events: { '2018/11/2018-11-01-events.json': [event({ ts: at(1), song: 'Late', artist: 'Band', length: 180 })] } },
        { songs: { 'A/A/TRLATE.json': [song({ song_id: 'SOLATE', title: 'Late', artist_name: 'Band', artist_id: 'ARBAND', duration: 180.005 })] } },
      ]);
      expect(tables.songplays).toMatchObject([{ song_id: 'SOLATE', artist_id: 'ARBAND' }]);
      expect(last.tables.songplays).toEqual({ inserted: 0, updated: 1, deleted: 0, rows: 1 });
      expect(last.tables.songs).toEqual({ inserted: 1, updated: 0, deleted: 0, rows: 2 });
      expect(last.tables.users).toEqual({ inserted: 0, updated: 0, deleted: 0, rows: 1 });
    });

    it("a changed song file moves its artist, also for plays matched through the song's other copy", async () => {
      const { tables, last } = await loadSteps([
        {
          songs: {
            'A/B/TRONE.json': [song({ song_id: 'SOONE', title: 'One', artist_name: 'Band', artist_id: 'AROLD', duration: 100 })],
            'A/C/TRONE.json': [song({ song_id: 'SOONE', title: 'Uno', artist_name: 'Band', artist_id: 'AROLD', duration: 100 })],
          },
          events: { '2018/11/2018-11-01-events.json': [event({ ts: at(1), song: 'Uno', artist: 'Band', length: 100 })] },
        },
        // The first copy of SOONE (by file) now names another artist: the play matched through "Uno" follows it.
        { songs: { 'A/B/TRONE.json': [song({ song_id: 'SOONE', title: 'One', artist_name: 'Band', artist_id: 'ARNEW', duration: 100 })] } },
      ]);
      expect(tables.songplays).toMatchObject([{ song_id: 'SOONE', artist_id: 'ARNEW' }]);
      expect((tables.artists as { artist_id: string }[]).map((a) => a.artist_id)).toEqual(['ARNEW', 'AROLD']);
      expect(last.tables.songs).toEqual({ inserted: 0, updated: 1, deleted: 0, rows: 1 });
      expect(last.tables.songplays).toEqual({ inserted: 0, updated: 1, deleted: 0, rows: 1 });
    });

    it('an artist whose last song moves to another artist disappears, and one keeps the row of its smallest song_id', async () => {
      const { tables, last } = await loadSteps([
        {
          songs: {
            'A/A/TRB.json': [song({ song_id: 'SOB', artist_id: 'ARX', artist_name: 'X', artist_location: 'Berlin' })],
            'A/A/TRC.json': [song({ song_id: 'SOC', artist_id: 'ARY', artist_name: 'Y' })],
          },
          events: visitor,
        },
        {
          songs: {
            'A/A/TRA.json': [song({ song_id: 'SOA', artist_id: 'ARX', artist_name: 'X', artist_location: 'Paris' })],
            'A/A/TRC.json': [song({ song_id: 'SOC', artist_id: 'ARX', artist_name: 'X', artist_location: 'Rome' })],
          },
        },
      ]);
      expect(tables.artists).toEqual([{ artist_id: 'ARX', name: 'X', location: 'Paris', latitude: null, longitude: null }]);
      expect(last.tables.artists).toEqual({ inserted: 0, updated: 1, deleted: 1, rows: 1 });
    });

    it("a changed log file that drops a user's latest event moves the user back to the event before", async () => {
      const { tables, last } = await loadSteps([
        {
          songs: unplayed,
          events: {
            '2018/11/2018-11-01-events.json': [event({ ts: at(1), level: 'free', firstName: 'Ada' })],
            '2018/11/2018-11-02-events.json': [event({ ts: at(2), level: 'paid', firstName: 'Ada', page: 'Home' })],
          },
        },
        { events: { '2018/11/2018-11-02-events.json': [event({ ts: at(2), userId: '8', level: 'paid', page: 'Home' })] } },
      ]);
      expect(tables.users).toMatchObject([{ user_id: 7, level: 'free' }, { user_id: 8, level: 'paid' }]);
      expect(last.tables.users).toEqual({ inserted: 1, updated: 1, deleted: 0, rows: 2 });
    });

    it('a start time whose only play goes disappears from time; one still played stays', async () => {
      const { tables, last } = await loadSteps([
        {
          songs: unplayed,
          events: {
            '2018/11/2018-11-01-events.json': [
              event({ ts: at(1, 1), sessionId: 1 }),
              event({ ts: at(1, 2), sessionId: 1, itemInSession: 1 }),
              event({ ts: at(1, 2), sessionId: 9, userId: '8' }),
            ],
          },
        },
        { events: { '2018/11/2018-11-01-events.json': [event({ ts: at(1, 2), sessionId: 9, userId: '8' })] } },
      ]);
      expect(tables.time).toMatchObject([{ start_time: new Date(at(1, 2)) }]);
      expect(tables.songplays).toMatchObject([{ user_id: 8, session_id: 9 }]);
      expect(last.tables.time).toEqual({ inserted: 0, updated: 0, deleted: 1, rows: 1 });
      expect(last.tables.songplays).toEqual({ inserted: 0, updated: 0, deleted: 2, rows: 1 });
      // User 7 has no event left, so no row either.
      expect(last.tables.users).toEqual({ inserted: 0, updated: 0, deleted: 1, rows: 1 });
    });

    it("a start time stays in time when its play in scope goes but another file's play, out of scope, holds it too", async () => {
      const { tables, last } = await loadSteps([
        {
          songs: unplayed,
          events: {
            '2018/11/2018-11-01-events.json': [event({ ts: at(1, 1), sessionId: 1 }), event({ ts: at(1, 2), sessionId: 1, itemInSession: 1 })],
            '2018/11/2018-11-02-events.json': [event({ ts: at(1, 2), sessionId: 9, userId: '8' })],
          },
        },
        // The first day's file loses its play at minute 2; the second day's file is not read again.
        { events: { '2018/11/2018-11-01-events.json': [event({ ts: at(1, 1), sessionId: 1 })] } },
      ]);
      expect(tables.time).toMatchObject([{ start_time: new Date(at(1, 1)) }, { start_time: new Date(at(1, 2)) }]);
      expect(last.tables.time).toEqual({ inserted: 0, updated: 0, deleted: 0, rows: 2 });
      expect(last.tables.songplays).toEqual({ inserted: 0, updated: 0, deleted: 1, rows: 2 });
    });

    it('a replaced file holding the first copy of a repeated play hands the play to the copy left in another file', async () => {
      const copy = { ts: at(3), sessionId: 4, itemInSession: 2 };
      const { tables, last } = await loadSteps([
        {
          songs: unplayed,
          events: {
            '2018/11/a-events.json': [event({ ...copy, location: 'first copy' })],
            '2018/11/b-events.json': [event({ ...copy, location: 'second copy' })],
          },
        },
        { events: { '2018/11/a-events.json': [event({ ts: at(4), location: 'another play' })] } },
      ]);
      expect((tables.songplays as { location: string }[]).map((p) => p.location).sort()).toEqual(['another play', 'second copy']);
      expect(last.tables.songplays).toEqual({ inserted: 1, updated: 1, deleted: 0, rows: 2 });
    });

    it('a rerun with nothing new skips the transform and reports every table unchanged with its rows', async () => {
      const input = writeStep(path.join(temp.path, `case-${++n}`), {
        songs: { 'A/A/TRA.json': [song()] },
        events: { '2018/11/2018-11-01-events.json': [event(), event({ ts: at(2), userId: '8' })] },
      });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        const first = await createAndLoad(engine, input);
        const before = await starSnapshot(engine);
        const again = await load(engine, input);
        expect(again.transform).toBe('none');
        expect(again.filesLoaded).toBe(0);
        expect(again.tables).toEqual(Object.fromEntries(
          Object.entries(first.tables).map(([table, change]) => [table, { inserted: 0, updated: 0, deleted: 0, rows: change.rows }]),
        ));
        expect(again.tables.songplays.rows).toBe(2);
        expect(await starSnapshot(engine)).toEqual(before);
        const [run] = await engine.query<{ status: string; files_loaded: number; table_changes: string }>(
          'SELECT status, files_loaded, table_changes FROM etl_runs ORDER BY run_id DESC LIMIT 1',
        );
        expect(run?.status).toBe('success');
        expect(JSON.parse(run?.table_changes ?? '{}')).toEqual(again.tables);
      });
    });

    it('takes the full transform when a load touches more than a quarter of staging, the scoped one below', async () => {
      const root = path.join(temp.path, `case-${++n}`);
      const days = Array.from({ length: 8 }, (_, i) => i + 1);
      const input = writeStep(root, {
        songs: { 'A/A/TRA.json': [song()] },
        events: Object.fromEntries(days.map((d) => [`2018/11/2018-11-0${d}-events.json`, [event({ ts: at(d) })]])),
      });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        expect((await createAndLoad(engine, input)).transform).toBe('full');
        writeStep(root, { events: { '2018/11/2018-11-09-events.json': [event({ ts: at(9), level: 'paid' })] } });
        const small = await load(engine, input);
        expect(small.transform).toBe('scoped');
        expect(small.tables.users).toEqual({ inserted: 0, updated: 1, deleted: 0, rows: 1 });
        writeStep(root, {
          events: Object.fromEntries([10, 11, 12, 13].map((d) => [`2018/11/2018-11-${d}-events.json`, [event({ ts: at(d) })]])),
        });
        const large = await load(engine, input);
        expect(large.transform).toBe('full');
        expect(large.tables.songplays).toEqual({ inserted: 4, updated: 0, deleted: 0, rows: 13 });
      });
    });
  });
}
