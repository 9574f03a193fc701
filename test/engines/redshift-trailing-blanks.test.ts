/**
 * Trailing blanks: Redshift's VARCHAR comparisons ignore them, SPEC.md's rules do not.
 * The Redshift engine runs here on the test PostgreSQL with Redshift's own tables
 * translated to BPCHAR (test/support/redshift-emulated-sql.ts), which compares as
 * Redshift does, so SQL that forgets trailing blanks gives Redshift's wrong answer
 * here. The same trees loaded into DuckDB, which compares exactly, are the reference.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engines/engine.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { resolveConnection } from '../../src/engines/postgres/connection.js';
import { copyStagingBatches } from '../../src/engines/postgres/copy-loader.js';
import { defaultCapabilities } from '../../src/engines/engine.js';
import { redshiftDialect } from '../../src/engines/redshift/dialect.js';
import { RedshiftEngine } from '../../src/engines/redshift/redshift-engine.js';
import { targetOf } from '../../src/engines/redshift/session.js';
import { event, song, writeFixtureTree, type FixtureTree } from '../support/fixture-tree.js';
import { createAndLoad, load, starSnapshot } from '../support/load.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { redshiftEmulatedDialect, redshiftFragmentsOnPostgres } from '../support/redshift-emulated-sql.js';
import { sharedFragments } from '../../src/sql/fragments.js';
import { sqlFor } from '../../src/sql/steps.js';
import { makeTempDir } from '../support/temp-dir.js';
import type { Dialect } from '../../src/engines/dialect.js';

const server = postgresTestServer('rs_blanks');
const temp = makeTempDir('redshift-trailing-blanks');
afterAll(async () => {
  await server.close();
  temp.remove();
});
let n = 0;

async function openEmulated(dialect: Dialect = redshiftEmulatedDialect): Promise<Engine> {
  const { url } = await server.freshWarehouse();
  return RedshiftEngine.open(targetOf(resolveConnection(new URL(url), {}), 'redshift'), {
    dialect,
    loader: { fromObjectStore: false, stage: (kind, batches, session) => copyStagingBatches(session.client, session.dialect, kind, batches) },
    capabilities: { ...defaultCapabilities, enforcesPrimaryKeys: false },
  });
}

/** Star tables as plain comparable values (PostgreSQL and DuckDB type numbers differently). */
async function snapshot(engine: Engine): Promise<string> {
  const tables = await starSnapshot(engine);
  return JSON.stringify(tables, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value instanceof Date ? value.toISOString() : value));
}

function tree(fixture: FixtureTree): { songData: string; logData: string } {
  return writeFixtureTree(path.join(temp.path, `case-${++n}`), fixture);
}

async function duckdbSnapshot(input: { songData: string; logData: string }, next?: { songData: string; logData: string }): Promise<string> {
  const engine = await openEngine(`duckdb://${path.join(temp.path, `reference-${++n}.duckdb`)}`);
  try {
    await createAndLoad(engine, input);
    if (next) await load(engine, next);
    return await snapshot(engine);
  } finally {
    await engine.close();
  }
}

const blanks: FixtureTree = {
  songs: {
    'A/TRA.json': [song({ song_id: 'SOA', title: 'Shine', artist_name: 'Nova', artist_id: 'AR1', artist_location: '  ' })],
    'A/TRB.json': [song({ song_id: 'SOB', title: 'Shine ', artist_name: 'Nova', artist_id: 'AR1 ' })],
    'A/TRC.json': [song({ song_id: 'SOC', title: 'Dusk', artist_name: 'Nova ', artist_id: 'AR2' })],
    'A/TRD.json': [song({ song_id: 'SOD ', title: 'Dawn', artist_name: 'Nova', artist_id: 'AR2' })],
    'A/TRE.json': [song({ song_id: 'SOD', title: 'Dawn', artist_name: 'Nova', artist_id: 'AR2' })],
  },
  events: {
    '2018-11-01-events.json': [
      event({ song: 'Shine ', artist: 'Nova', length: 200.5, itemInSession: 0 }),
      event({ song: 'Dusk', artist: 'Nova', length: 200.5, itemInSession: 1 }),
      event({ song: 'Dawn', artist: 'Nova', length: 200.5, itemInSession: 2 }),
      event({ page: 'NextSong ', itemInSession: 3, ts: Date.UTC(2018, 10, 1, 13) }),
    ],
  },
};

describe('trailing blanks count on the Redshift dialect, as on every engine', () => {
  it('the emulated session really ignores them: the shared song match on it gives Redshift\'s wrong answer', async () => {
    // The shared statements with the shared (plain) text comparisons: what Redshift would run without its own spelling.
    const shared: Dialect = {
      ...redshiftEmulatedDialect,
      overrides: Object.fromEntries(Object.entries(redshiftEmulatedDialect.overrides).filter(([name]) => !name.startsWith('transform:'))),
      fragments: { ...redshiftFragmentsOnPostgres, exactTextEquals: sharedFragments.exactTextEquals, exactTextKey: sharedFragments.exactTextKey },
      textDistinguisher: undefined,
    };
    const engine = await openEmulated(shared);
    try {
      await createAndLoad(engine, tree(blanks));
      // 'SOD' and 'SOD ' fall into one partition: one song where there are two.
      expect(await engine.query('SELECT COUNT(*) AS n FROM songs')).toEqual([{ n: 4 }]);
      expect(await snapshot(engine)).not.toBe(await duckdbSnapshot(tree(blanks)));
    } finally {
      await engine.close();
    }
  });

  it('matches songs on exact title and artist, keeps ids that differ by a blank apart, and pages exactly', async () => {
    const input = tree(blanks);
    const engine = await openEmulated();
    try {
      await createAndLoad(engine, input);
      const plays = await engine.query<{ item_in_session: number; song_id: string | null }>(
        'SELECT item_in_session, song_id FROM songplays ORDER BY item_in_session',
      );
      // 'Shine ' is SOB's title, not SOA's; 'Dusk' by 'Nova' matches no song ('Nova ' sang it);
      // 'Dawn' is SOD and 'SOD ': the smallest exact id is 'SOD'; page 'NextSong ' is no play.
      expect(plays).toEqual([
        { item_in_session: 0, song_id: 'SOB' },
        { item_in_session: 1, song_id: null },
        { item_in_session: 2, song_id: 'SOD' },
      ]);
      expect((await engine.query('SELECT song_id FROM songs ORDER BY song_id, OCTET_LENGTH(song_id)')).map((r) => r.song_id)).toEqual(
        ['SOA', 'SOB', 'SOC', 'SOD', 'SOD '],
      );
      expect(await engine.query('SELECT artist_id, location FROM artists ORDER BY artist_id, OCTET_LENGTH(artist_id)')).toEqual([
        { artist_id: 'AR1', location: '  ' },
        { artist_id: 'AR1 ', location: null },
        { artist_id: 'AR2', location: null },
      ]);
      expect(await snapshot(engine)).toBe(await duckdbSnapshot(input));
    } finally {
      await engine.close();
    }
  });

  it('sees a value that gained a trailing blank as changed in an incremental load (the merge\'s EXCEPT and DELETE)', async () => {
    const root = path.join(temp.path, `case-${++n}`);
    const input = writeFixtureTree(root, {
      songs: { 'A/TRA.json': [song({ song_id: 'SOA', title: 'Shine', artist_name: 'Nova', artist_id: 'AR1' })] },
      events: { 'a.json': [event({ song: 'Shine', artist: 'Nova' })] },
    });
    const engine = await openEmulated();
    const reference = await openEngine(`duckdb://${path.join(temp.path, `reference-${++n}.duckdb`)}`);
    try {
      await createAndLoad(engine, input);
      await createAndLoad(reference, input);
      // The same file gains blanks; a new file brings ids that differ from the old by one.
      writeFixtureTree(root, {
        songs: {
          'A/TRA.json': [song({ song_id: 'SOA', title: 'Shine ', artist_name: 'Nova ', artist_id: 'AR1' })],
          'A/TRB.json': [song({ song_id: 'SOA ', title: 'Shine', artist_name: 'Nova', artist_id: 'AR1 ' })],
        },
      });
      const report = await load(engine, input);
      await load(reference, input);

      expect(await engine.query('SELECT song_id, title FROM songs ORDER BY song_id, OCTET_LENGTH(song_id)')).toEqual([
        { song_id: 'SOA', title: 'Shine ' },
        { song_id: 'SOA ', title: 'Shine' },
      ]);
      expect(await engine.query('SELECT artist_id, name FROM artists ORDER BY artist_id, OCTET_LENGTH(artist_id)')).toEqual([
        { artist_id: 'AR1', name: 'Nova ' },
        { artist_id: 'AR1 ', name: 'Nova' },
      ]);
      expect(report.tables.songs).toMatchObject({ inserted: 1, updated: 1, deleted: 0 });
      expect(await snapshot(engine)).toBe(await snapshot(reference));
    } finally {
      await engine.close();
      await reference.close();
    }
  });
});

describe('the Redshift forms, pinned', () => {
  it.each([
    ['selectSongplays', 'selectSongs', 'selectArtists'],
    ['selectScopedSongplays', 'selectScopedSongs', 'selectScopedArtists'],
  ] as const)('pairs each text comparison that decides a row with OCTET_LENGTH (%s ...)', (songplaysStep, songsStep, artistsStep) => {
    const songplays = sqlFor(redshiftDialect, songplaysStep);
    expect(songplays).toContain('ON (s.title = e.song_title AND OCTET_LENGTH(s.title) = OCTET_LENGTH(e.song_title))');
    expect(songplays).toContain('AND (s.artist_name = e.artist_name AND OCTET_LENGTH(s.artist_name) = OCTET_LENGTH(e.artist_name))');
    expect(songplays).toContain('LEFT JOIN songs s ON (s.song_id = m.song_id AND OCTET_LENGTH(s.song_id) = OCTET_LENGTH(m.song_id))');
    expect(songplays).toContain("(e.page = 'NextSong' AND OCTET_LENGTH(e.page) = OCTET_LENGTH('NextSong'))");
    expect(songplays).toContain('ORDER BY s.song_id, OCTET_LENGTH(s.song_id)');
    expect(songplays).not.toContain('MIN(');
    expect(songplays).not.toMatch(/e\.page = 'NextSong' AND e\.user_id/);
    expect(sqlFor(redshiftDialect, songsStep)).toContain('PARTITION BY s.song_id, OCTET_LENGTH(s.song_id)');
    expect(sqlFor(redshiftDialect, artistsStep)).toContain('PARTITION BY s.artist_id, OCTET_LENGTH(s.artist_id)');
    expect(sqlFor(redshiftDialect, artistsStep)).toContain("CASE WHEN (location = '' AND OCTET_LENGTH(location) = OCTET_LENGTH('')) THEN NULL ELSE location END");
  });
});
