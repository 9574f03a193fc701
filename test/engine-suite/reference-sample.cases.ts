/** SPEC.md's reference figures and exact rows, on the shared udacity sample read in place. */
import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engines/engine.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { createAndLoad, count, type LoadInput } from '../support/load.js';
import { sampleAvailable, sampleRoot, sampleSkipReason } from '../support/sample-data.js';
import type { EngineHarness } from './harness.js';

const sample: LoadInput = { songData: path.join(sampleRoot, 'song_data'), logData: path.join(sampleRoot, 'log_data') };

export function referenceSampleCases(harness: EngineHarness): void {
  describe.skipIf(!sampleAvailable)(`reference sample (skipped when ${sampleSkipReason})`, () => {
    let engine: Engine;

    beforeAll(async () => {
      const warehouse = await harness.freshWarehouse();
      engine = await openEngine(warehouse.url, warehouse.options);
      await createAndLoad(engine, sample);
    });
    afterAll(async () => engine?.close());

    it.each([
      ['staging_events', 8056],
      ['staging_songs', 71],
      ['songplays', 6820],
      ['users', 97],
      ['songs', 71],
      ['artists', 69],
      ['time', 6813],
    ])('%s has the reference row count', async (table, rows) => {
      expect(await count(engine, `SELECT * FROM "${table}"`)).toBe(rows);
    });

    it('has exactly one matched songplay: "Setanta matins" by Elena', async () => {
      const rows = await engine.query(
        `SELECT p.start_time, p.user_id, p.level, p.song_id, p.artist_id, p.session_id, p.location, s.title, a.name
           FROM songplays p JOIN songs s ON s.song_id = p.song_id JOIN artists a ON a.artist_id = p.artist_id`,
      );
      expect(rows).toEqual([
        {
          start_time: new Date('2018-11-21T21:56:47.796Z'),
          user_id: 15,
          level: 'paid',
          song_id: 'SOZCTXZ12AB0182364',
          artist_id: 'AR5KOSW1187FB35FF4',
          session_id: 818,
          location: 'Chicago-Naperville-Elgin, IL-IN-WI',
          title: 'Setanta matins',
          name: 'Elena',
        },
      ]);
    });

    it('keeps unmatched plays with NULL song and artist', async () => {
      expect(await count(engine, 'SELECT * FROM songplays WHERE song_id IS NULL AND artist_id IS NULL')).toBe(6819);
    });

    it('has 43 songs with unknown (NULL) year and no year 0', async () => {
      expect(await count(engine, 'SELECT * FROM songs WHERE year IS NULL')).toBe(43);
      expect(await count(engine, 'SELECT * FROM songs WHERE year = 0')).toBe(0);
    });

    it('lists each of the 8 users who changed level once, at the level of their latest event', async () => {
      const changed = await engine.query(
        `SELECT u.user_id, u.level, u.first_name, u.last_name
           FROM users u
          WHERE u.user_id IN (
                SELECT CAST(user_id AS INTEGER) FROM staging_events WHERE user_id <> ''
                 GROUP BY user_id HAVING COUNT(DISTINCT user_level) > 1)
          ORDER BY u.user_id`,
      );
      expect(changed).toEqual([
        { user_id: 15, level: 'paid', first_name: 'Lily', last_name: 'Koch' },
        { user_id: 16, level: 'paid', first_name: 'Rylan', last_name: 'George' },
        { user_id: 29, level: 'paid', first_name: 'Jacqueline', last_name: 'Lynch' },
        { user_id: 36, level: 'paid', first_name: 'Matthew', last_name: 'Jones' },
        { user_id: 49, level: 'paid', first_name: 'Chloe', last_name: 'Cuevas' },
        { user_id: 80, level: 'paid', first_name: 'Tegan', last_name: 'Levine' },
        { user_id: 85, level: 'paid', first_name: 'Kinsley', last_name: 'Young' },
        { user_id: 88, level: 'paid', first_name: 'Mohammad', last_name: 'Rodriguez' },
      ]);
      expect(await count(engine, 'SELECT user_id FROM users GROUP BY user_id HAVING COUNT(*) > 1')).toBe(0);
    });

    it('has time rows with UTC parts, ISO week and Sunday = 0', async () => {
      const rows = await engine.query(
        `SELECT start_time, hour, day, week, month, year, weekday FROM "time" WHERE start_time = $first`,
        { first: new Date('2018-11-01T21:01:46.796Z') },
      );
      expect(rows[0]).toEqual({ start_time: new Date('2018-11-01T21:01:46.796Z'), hour: 21, day: 1, week: 44, month: 11, year: 2018, weekday: 4 });
      const [sunday] = await engine.query(`SELECT weekday, week FROM "time" WHERE day = 4 AND month = 11 LIMIT 1`);
      expect(sunday).toEqual({ weekday: 0, week: 44 });
      const [monday] = await engine.query(`SELECT weekday, week FROM "time" WHERE day = 5 AND month = 11 LIMIT 1`);
      expect(monday).toEqual({ weekday: 1, week: 45 });
      const [last] = await engine.query(`SELECT MAX(start_time) AS last_play FROM "time"`);
      expect(last?.last_play).toEqual(new Date('2018-11-30T19:54:24.796Z'));
    });

    it('keeps millisecond precision in start_time', async () => {
      const [row] = await engine.query(`SELECT start_time FROM songplays ORDER BY start_time LIMIT 1`);
      expect((row?.start_time as Date).toISOString()).toBe('2018-11-01T21:01:46.796Z');
    });
  });
}
