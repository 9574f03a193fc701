/** SPEC.md's rules, each on a few records written beside its assertion. */
import { afterAll, describe, expect, it } from 'vitest';
import { event, song, writeFixtureTree, writeLines } from '../support/fixture-tree.js';
import { createAndLoad, count, load, withEngine } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';
import type { EngineHarness } from './harness.js';

const t0 = Date.UTC(2018, 10, 4, 23, 59, 59, 999); // a Sunday, just before midnight UTC

export function specRuleCases(harness: EngineHarness): void {
  describe('SPEC rules', () => {
    const temp = makeTempDir('spec-rules');
    afterAll(() => temp.remove());
    let treeCount = 0;
    const tree = (songs: Record<string, unknown>[], events: (string | Record<string, unknown>)[]) =>
      writeFixtureTree(`${temp.path}/tree-${++treeCount}`, {
        songs: Object.fromEntries(songs.map((s, i) => [`A/B/C/TR${i}.json`, [s]])),
        events: { '2018/11/2018-11-04-events.json': events },
      });

    it('matches a play to the song with the same title and artist within 0.01 s, smallest song_id on ties', async () => {
      const input = tree(
        [
          song({ song_id: 'SOB', artist_id: 'AR2', title: 'Tune', artist_name: 'Band', duration: 100.004 }),
          song({ song_id: 'SOA', artist_id: 'AR1', title: 'Tune', artist_name: 'Band', duration: 99.995 }),
          song({ song_id: 'SOC', artist_id: 'AR3', title: 'Other', artist_name: 'Band', duration: 50 }),
        ],
        [
          event({ song: 'Tune', artist: 'Band', length: 100.0, ts: t0, itemInSession: 0 }),
          event({ song: 'Other', artist: 'Band', length: 50.02, ts: t0 + 1, itemInSession: 1 }),
          event({ song: 'Tune', artist: 'Somebody else', length: 100.0, ts: t0 + 2, itemInSession: 2 }),
        ],
      );
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        const plays = await engine.query('SELECT item_in_session, song_id, artist_id FROM songplays ORDER BY item_in_session');
        expect(plays).toEqual([
          { item_in_session: 0, song_id: 'SOA', artist_id: 'AR1' },
          { item_in_session: 1, song_id: null, artist_id: null },
          { item_in_session: 2, song_id: null, artist_id: null },
        ]);
      });
    });

    it('keeps only NextSong events of logged-in users as plays, but every logged-in user as a user', async () => {
      const input = tree([song()], [
        event({ userId: '', firstName: null, lastName: null, gender: null, level: 'free', auth: 'Logged Out', ts: t0 }),
        event({ userId: '8', page: 'Home', firstName: 'Bob', ts: t0 + 1 }),
        event({ userId: '7', ts: t0 + 2 }),
      ]);
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        expect(await engine.query('SELECT user_id FROM songplays')).toEqual([{ user_id: 7 }]);
        expect(await engine.query('SELECT user_id, first_name FROM users ORDER BY user_id')).toEqual([
          { user_id: 7, first_name: 'Ada' },
          { user_id: 8, first_name: 'Bob' },
        ]);
      });
    });

    it("takes a user's level and name from the latest event, ties broken by the larger itemInSession", async () => {
      const input = tree([song()], [
        event({ userId: '7', level: 'free', ts: t0, itemInSession: 0 }),
        event({ userId: '7', level: 'paid', ts: t0 + 5, itemInSession: 2, lastName: 'King' }),
        event({ userId: '7', level: 'free', ts: t0 + 5, itemInSession: 1, page: 'Home' }),
      ]);
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        expect(await engine.query('SELECT user_id, last_name, level FROM users')).toEqual([{ user_id: 7, last_name: 'King', level: 'paid' }]);
        expect(await engine.query('SELECT level FROM songplays ORDER BY start_time')).toEqual([{ level: 'free' }, { level: 'paid' }]);
      });
    });

    // Copies tie on (ts, itemInSession): the later file by URI wins, then the later line. The
    // later file is loaded first, so its ledger id is the smaller one, and the earlier
    // file's copy sits on a later line: neither load order nor line alone can pass.
    it("takes a user's latest event found twice from the later file by URI, then the later line", async () => {
      const latest = { userId: '7', ts: t0 + 5, itemInSession: 2, page: 'Home' };
      const input = writeFixtureTree(`${temp.path}/tie-users`, {
        songs: { 'A/B/C/TR0.json': [song()] },
        events: {
          '2018/11/2018-11-05-events.json': [
            event({ ...latest, lastName: 'Later file, line 1' }),
            event({ ...latest, lastName: 'Later file, line 2' }),
          ],
        },
      });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        writeLines(`${input.logData}/2018/11/2018-11-04-events.json`, [
          event({ userId: '7', ts: t0, itemInSession: 3, lastName: 'Older event' }),
          event({ userId: '8', ts: t0, lastName: 'Someone else' }),
          event({ ...latest, lastName: 'Earlier file, line 3' }),
        ]);
        await load(engine, input);
        expect(await engine.query('SELECT user_id, last_name FROM users WHERE user_id = 7')).toEqual([
          { user_id: 7, last_name: 'Later file, line 2' },
        ]);
      });
    });

    it('turns year 0 into NULL and an empty location into NULL, and takes artist details from the smallest song_id', async () => {
      const input = tree(
        [
          song({ song_id: 'SO2', artist_id: 'AR1', artist_name: 'Later Name', artist_location: 'Paris', artist_latitude: 48.8, year: 1999 }),
          song({ song_id: 'SO1', artist_id: 'AR1', artist_name: 'Name', artist_location: '', artist_latitude: null, year: 0 }),
        ],
        [event()],
      );
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        expect(await engine.query('SELECT song_id, year FROM songs ORDER BY song_id')).toEqual([
          { song_id: 'SO1', year: null },
          { song_id: 'SO2', year: 1999 },
        ]);
        expect(await engine.query('SELECT * FROM artists')).toEqual([
          { artist_id: 'AR1', name: 'Name', location: null, latitude: null, longitude: null },
        ]);
      });
    });

    it('counts a play repeated in two files once', async () => {
      const input = tree([song()], [event({ ts: t0 })]);
      writeLines(`${input.logData}/2018/11/2018-11-05-events.json`, [event({ ts: t0 }), event({ ts: t0 + 60_000, itemInSession: 1 })]);
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        expect(await count(engine, 'SELECT * FROM staging_events')).toBe(3);
        expect(await count(engine, 'SELECT * FROM songplays')).toBe(2);
        expect(await count(engine, 'SELECT * FROM "time"')).toBe(2);
      });
    });

    // As above: the later file by URI is loaded first, and the earlier file's first copy is
    // on a later line than the later file's.
    it('keeps the first copy of a repeated play: the earlier file by URI, then the earlier line', async () => {
      const play = { ts: t0, itemInSession: 4 };
      const input = writeFixtureTree(`${temp.path}/tie-plays`, {
        songs: { 'A/B/C/TR0.json': [song()] },
        events: { '2018/11/2018-11-05-events.json': [event({ ...play, location: 'Later file, line 1' })] },
      });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        writeLines(`${input.logData}/2018/11/2018-11-03-events.json`, [
          event({ ts: t0 - 60_000, itemInSession: 1, location: 'Another play' }),
          event({ ...play, location: 'Earlier file, line 2' }),
          event({ ...play, location: 'Earlier file, line 3' }),
        ]);
        await load(engine, input);
        expect(await engine.query('SELECT location FROM songplays WHERE item_in_session = 4')).toEqual([
          { location: 'Earlier file, line 2' },
        ]);
      });
    });

    it('keeps the quirks of real files: escaped slashes and quotes, BOM, CRLF, blank lines, millisecond UTC times', async () => {
      const agent = String.raw`"\"Mozilla\/5.0 (Windows NT 6.1) \\ \"quoted\"\""`;
      const raw = JSON.stringify(event({ ts: t0 })).replace(/"userAgent":"[^]*?","userId"/, `"userAgent":${agent},"userId"`);
      const input = tree([song()], []);
      writeLines(`${input.logData}/2018/11/2018-11-04-events.json`, [`\uFEFF${raw}\r`, '', '   \t', `${JSON.stringify(event({ ts: t0 + 1, itemInSession: 1 }))}\r`]);
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        const [first] = await engine.query('SELECT user_agent, start_time FROM songplays ORDER BY start_time LIMIT 1');
        expect(first).toEqual({ user_agent: '"Mozilla/5.0 (Windows NT 6.1) \\ "quoted""', start_time: new Date(t0) });
        expect(await count(engine, 'SELECT * FROM staging_events')).toBe(2);
        expect(await engine.query('SELECT hour, day, week, month, year, weekday FROM "time" WHERE start_time = $t', { t: new Date(t0) }))
          .toEqual([{ hour: 23, day: 4, week: 44, month: 11, year: 2018, weekday: 0 }]);
      });
    });
  });
}
