/** Every quality check passes on a good load and catches the breakage it exists for. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDefinitions } from '../../src/checks/definitions.js';
import { runChecks } from '../../src/checks/run-checks.js';
import type { Engine } from '../../src/engines/engine.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { createAndLoad, withEngine } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';
import type { EngineHarness } from './harness.js';

/** Recreates a table without its constraints, so a test can break what they would guard. */
async function dropConstraints(engine: Engine, table: string): Promise<void> {
  const q = (name: string) => engine.dialect.quoteIdentifier(name);
  await engine.exec(`CREATE TABLE ${q(`${table}_loose`)} AS SELECT * FROM ${q(table)}`);
  await engine.exec(`DROP TABLE ${q(table)}`);
  await engine.exec(`ALTER TABLE ${q(`${table}_loose`)} RENAME TO ${q(table)}`);
}

/** For each check, SQL that breaks exactly what it guards. */
const breakages: Record<string, { loosen?: string; sql: string }> = {
  'songplays-not-empty': { sql: 'DELETE FROM songplays' },
  'users-not-empty': { sql: 'DELETE FROM users' },
  'songs-not-empty': { sql: 'DELETE FROM songs' },
  'artists-not-empty': { sql: 'DELETE FROM artists' },
  'time-not-empty': { sql: 'DELETE FROM "time"' },
  'songplays-keys-not-null': { loosen: 'songplays', sql: "INSERT INTO songplays (songplay_id, start_time, user_id, session_id, item_in_session) SELECT NULL, start_time, user_id, session_id, item_in_session FROM songplays" },
  'users-keys-not-null': { loosen: 'users', sql: "INSERT INTO users (user_id, first_name) VALUES (NULL, 'Ghost')" },
  'songs-keys-not-null': { loosen: 'songs', sql: "INSERT INTO songs (song_id, title) VALUES (NULL, 'Ghost')" },
  'artists-keys-not-null': { loosen: 'artists', sql: "INSERT INTO artists (artist_id, name) VALUES (NULL, 'Ghost')" },
  'time-keys-not-null': { loosen: 'time', sql: 'INSERT INTO "time" (start_time, hour, day, week, month, year, weekday) VALUES (NULL, 1, 1, 1, 1, 2018, 1)' },
  'songplays-songplay_id-unique': { loosen: 'songplays', sql: "INSERT INTO songplays SELECT songplay_id, start_time, user_id, level, song_id, artist_id, session_id + 1000, location, user_agent, item_in_session FROM songplays" },
  'songplays-natural-key-unique': { loosen: 'songplays', sql: "INSERT INTO songplays SELECT 'copy', start_time, user_id, level, song_id, artist_id, session_id, location, user_agent, item_in_session FROM songplays" },
  'users-user_id-unique': { loosen: 'users', sql: 'INSERT INTO users SELECT * FROM users' },
  'songs-song_id-unique': { loosen: 'songs', sql: 'INSERT INTO songs SELECT * FROM songs' },
  'artists-artist_id-unique': { loosen: 'artists', sql: 'INSERT INTO artists SELECT * FROM artists' },
  'time-start_time-unique': { loosen: 'time', sql: 'INSERT INTO "time" SELECT * FROM "time"' },
  'songplays-user_id-in-users': { sql: 'DELETE FROM users' },
  'songplays-start_time-in-time': { sql: 'DELETE FROM "time"' },
  'songplays-song_id-in-songs': { sql: 'DELETE FROM songs' },
  'songplays-artist_id-in-artists': { sql: 'DELETE FROM artists' },
  'songplays-reconcile-with-staging': { sql: 'DELETE FROM songplays WHERE item_in_session = 1' },
  'time-parts-agree': { sql: 'UPDATE "time" SET weekday = weekday + 1' },
};

export function checkCases(harness: EngineHarness): void {
  describe('quality checks', () => {
    const temp = makeTempDir('checks');
    afterAll(() => temp.remove());
    const ts = Date.UTC(2018, 10, 1, 8, 0, 0);
    const input = writeFixtureTree(path.join(temp.path, 'tree'), {
      songs: { 'A/TR.json': [song()] },
      events: { 'e.json': [event({ ts }), event({ ts: ts + 1000, itemInSession: 1, userId: '8' }), event({ ts: ts + 2000, itemInSession: 2 })] },
    });

    it('has a breakage test for every check', () => {
      expect(Object.keys(breakages).sort()).toEqual(checkDefinitions.map((c) => c.name).sort());
    });

    it('all pass on a good load', async () => {
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        const failed = (await runChecks(engine)).filter((r) => !r.passed);
        expect(failed).toEqual([]);
      });
    });

    it('time-parts-agree catches a wrong week, computed with the transform\'s own week', async () => {
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        await engine.exec('UPDATE "time" SET week = week % 53 + 1');
        const [result] = await runChecks(engine, checkDefinitions.filter((c) => c.name === 'time-parts-agree'));
        expect(result?.offending).toBe(3);
        expect(result?.examples.map((row) => row.week)).toEqual([45, 45, 45]);
      });
    });

    it.each(Object.entries(breakages))('%s catches its breakage', async (name, breakage) => {
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        if (breakage.loosen) await dropConstraints(engine, breakage.loosen);
        await engine.exec(breakage.sql);
        const [result] = await runChecks(engine, checkDefinitions.filter((c) => c.name === name));
        expect(result?.passed).toBe(false);
        expect(result?.offending).toBeGreaterThan(0);
        expect(result?.examples.length).toBeGreaterThan(0);
      });
    });
  });
}
