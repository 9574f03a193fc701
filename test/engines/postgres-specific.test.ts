/**
 * What only PostgreSQL has: connection settings and their errors, a password that
 * must never leak, a schema that needs quoting, value normalisation, COPY escaping on
 * a real server, and the secondary indexes. Failures mid-load and the load lock are in
 * postgres-failures.test.ts.
 */
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { openEngine } from '../../src/engines/open-engine.js';
import { ConnectionError, SparkifyError } from '../../src/errors.js';
import type { ProgressEvent } from '../../src/pipeline/progress.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { sqlFor, wrappedFor } from '../../src/sql/steps.js';
import { count, createAndLoad, load, starSnapshot, withEngine } from '../support/load.js';
import { nastyStrings } from '../support/nasty-strings.js';
import { postgresTestFile } from '../support/postgres-warehouse.js';

const { server, freshDir, smallTree } = postgresTestFile('specific');

const { password } = inject('postgres');
const secrets = [password, encodeURIComponent(password)];

/** The error a promise rejects with, for inspecting more than one property. */
async function failureOf(promise: Promise<unknown>): Promise<SparkifyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SparkifyError);
    return error as SparkifyError;
  }
  throw new Error('expected a failure');
}

function expectNoSecret(text: string): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('postgres: password with special characters', () => {
  afterEach(() => vi.restoreAllMocks());

  it('connects with it in the URL, loads, and never shows it in describe(), the report or the logs', async () => {
    const output: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void output.push(args.map(String).join(' ')));
    }
    const warehouse = await server.freshWarehouse();
    expect(warehouse.url).toContain(encodeURIComponent(password));
    await withEngine(warehouse, async (engine) => {
      const progress: ProgressEvent[] = [];
      const report = await createAndLoad(engine, smallTree(), { onProgress: (e) => progress.push(e) });
      expect(report.tables.songplays.rows).toBe(2);
      expect(engine.describe()).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/specific_\d+_\d+$/);
      expectNoSecret(engine.describe());
      expectNoSecret(JSON.stringify(report));
      expectNoSecret(JSON.stringify(progress));
      expectNoSecret(JSON.stringify(await engine.query('SELECT * FROM etl_runs')));
    });
    expectNoSecret(output.join('\n'));
  });

  it('takes it from options.password or PGPASSWORD when the URL has none', async () => {
    const { url } = await server.freshWarehouse();
    const bare = url.replace(/:[^:@/]*@/, '@');
    expect(bare).not.toContain(encodeURIComponent(password));
    await withEngine({ url: bare, options: { password } }, async (engine) => {
      expect(await engine.query('SELECT current_user AS who')).toEqual([{ who: 'postgres' }]);
    });
    vi.stubEnv('PGPASSWORD', password);
    try {
      await withEngine({ url: bare, options: {} }, async (engine) => {
        expect(await engine.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('postgres: connection errors are ConnectionErrors (exit 2) without the password', () => {
  it('connection refused', async () => {
    const { url } = await server.freshWarehouse();
    // Port 1 on loopback: nothing listens there, and connecting is refused at once.
    const error = await failureOf(openEngine(url.replace(/:\d+\//, ':1/')));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^cannot connect to PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/\S+: connection refused; is the server running/);
    expectNoSecret(error.message);
  });

  it('wrong password', async () => {
    const { url } = await server.freshWarehouse();
    const wrong = `wr@ng:"pass'`;
    const error = await failureOf(openEngine(url.replace(encodeURIComponent(password), encodeURIComponent(wrong))));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/password authentication failed for user "postgres"; check the password/);
    for (const secret of [...secrets, wrong, encodeURIComponent(wrong)]) expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain('\n');
  });

  it('missing database', async () => {
    const error = await failureOf(openEngine(server.urlFor('no_such_database')));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/database "no_such_database" does not exist; create it/);
    expectNoSecret(error.message);
  });

  it('unknown host', async () => {
    const error = await failureOf(openEngine(`postgres://postgres:${encodeURIComponent(password)}@no-such-host.invalid:5432/db`));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^cannot connect to PostgreSQL at postgres:\/\/postgres@no-such-host\.invalid:5432\/db: /);
    expectNoSecret(error.message);
  });
});

describe('postgres: a schema that needs quoting', () => {
  const schema = 'Sparkify "Q4"';

  it('is created, searched first, and holds every table; public stays empty', async () => {
    const { url } = await server.freshWarehouse();
    const input = smallTree();
    await withEngine({ url: `${url}?schema=${encodeURIComponent(schema)}`, options: {} }, async (engine) => {
      await createAndLoad(engine, input);
      expect(engine.describe()).toContain('?schema=Sparkify+%22Q4%22');
      const tables = await engine.query(
        `SELECT table_schema, COUNT(*) AS n FROM information_schema.tables
          WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'
          GROUP BY table_schema`,
      );
      expect(tables).toEqual([{ table_schema: schema, n: 10 }]);
    });
    // The same schema through options.schema sees the same warehouse; another schema is another warehouse.
    await withEngine({ url, options: { schema } }, async (engine) => {
      expect(await count(engine, 'SELECT * FROM songplays')).toBe(2);
    });
    await withEngine({ url, options: { schema: 'other' } }, async (engine) => {
      await expect(engine.query('SELECT * FROM songplays')).rejects.toThrow(/relation "songplays" does not exist \(SQLSTATE 42P01\)/);
    });
  });
});

describe('postgres: values come back as on every engine', () => {
  it('integers and COUNT as numbers, huge int8 as an exact bigint, numeric as number, timestamp as a UTC Date', async () => {
    await withEngine(await server.freshWarehouse(), async (engine) => {
      const rows = await engine.query(
        `SELECT COUNT(*) AS n, CAST(2 AS BIGINT) AS small, CAST(9007199254740993 AS BIGINT) AS big,
                CAST(12.5 AS NUMERIC) AS num, CAST(1.5 AS DOUBLE PRECISION) AS d, CAST(7 AS INTEGER) AS i,
                TIMESTAMP '2018-11-01 21:01:46.796' AS ts, CAST(NULL AS TEXT) AS nothing, TRUE AS yes
           FROM (VALUES (1), (2)) v(x)`,
      );
      expect(rows).toEqual([{
        n: 2, small: 2, big: 9007199254740993n, num: 12.5, d: 1.5, i: 7,
        ts: new Date('2018-11-01T21:01:46.796Z'), nothing: null, yes: true,
      }]);
    });
  });

  it('stores and reads a Date parameter in UTC whatever the process time zone', async () => {
    vi.stubEnv('TZ', 'America/New_York');
    try {
      await withEngine(await server.freshWarehouse(), async (engine) => {
        await engine.exec('CREATE TABLE moments (at TIMESTAMP)');
        const at = new Date('2018-11-04T06:30:00.123Z'); // the night New York leaves summer time
        await engine.exec('INSERT INTO moments VALUES ($at)', { at });
        expect(await engine.query('SELECT at, CAST(at AS TEXT) AS text FROM moments WHERE at = $at', { at })).toEqual([
          { at, text: '2018-11-04 06:30:00.123' },
        ]);
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('postgres: COPY carries nasty strings exactly', () => {
  it('user agents, names and titles with quotes, backslashes, tabs, newlines and unicode arrive unchanged', async () => {
    const events = nastyStrings.map((text, i) => event({ userAgent: text, artist: text, song: text, itemInSession: i, ts: Date.UTC(2018, 10, 1, 12, 0, i) }));
    const input = writeFixtureTree(freshDir(), { songs: { 'A/A/TRA.json': [song({ title: nastyStrings[1], artist_name: nastyStrings[6] })] }, events: { '2018/11/x.json': events } });
    await withEngine(await server.freshWarehouse(), async (engine) => {
      await createAndLoad(engine, input);
      const staged = await engine.query('SELECT user_agent, artist_name, song_title FROM staging_events ORDER BY item_in_session');
      expect(staged).toEqual(nastyStrings.map((text) => ({ user_agent: text, artist_name: text, song_title: text })));
      expect(await engine.query('SELECT title, artist_name FROM staging_songs')).toEqual([{ title: nastyStrings[1], artist_name: nastyStrings[6] }]);
      const plays = await engine.query('SELECT user_agent FROM songplays ORDER BY item_in_session');
      expect(plays.map((row) => row.user_agent)).toEqual(nastyStrings);
    });
  });
});

describe('postgres: insertRows goes through COPY', () => {
  it('stores text, numbers, NULL, Dates and bigints exactly, in the named columns', async () => {
    await withEngine(await server.freshWarehouse(), async (engine) => {
      await engine.exec('CREATE TABLE kept (note TEXT, n BIGINT, x DOUBLE PRECISION, at TIMESTAMP, ok BOOLEAN, unused TEXT)');
      const at = new Date('2018-11-30T19:54:24.796Z');
      const rows = nastyStrings.map((note, i) => [note, i === 0 ? 2n ** 62n : i, i / 3, i === 1 ? null : at, i % 2 === 0]);
      await engine.insertRows?.('kept', ['note', 'n', 'x', 'at', 'ok'], rows);
      const back = await engine.query('SELECT note, n, x, at, ok, unused FROM kept ORDER BY x');
      expect(back).toEqual(rows.map(([note, n, x, when, ok]) => ({
        note, n, x, at: when, ok, unused: null,
      })));
    });
  });
});

describe('postgres: secondary indexes', () => {
  it('exist after create-tables, and survive a second one', async () => {
    await withEngine(await server.freshWarehouse(), async (engine) => {
      await createAndLoad(engine, smallTree());
      await createAndLoad(engine, smallTree());
      const indexes = await engine.query(`SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_idx' ORDER BY indexname`);
      expect(indexes.map((row) => row.indexname)).toEqual([
        'songplays_song_id_idx', 'songplays_start_time_idx', 'songplays_user_start_time_idx',
        'staging_events_source_file_idx', 'staging_events_user_ts_idx',
      ]);
      expect((await starSnapshot(engine)).songplays).toHaveLength(2);
    });
  });

  it("replace a warehouse's earlier index on songplays.user_id alone at its next load", async () => {
    await withEngine(await server.freshWarehouse(), async (engine) => {
      await createAndLoad(engine, smallTree());
      // As create-tables left a warehouse before the index by user and start time.
      await engine.exec('DROP INDEX songplays_user_start_time_idx');
      await engine.exec('CREATE INDEX songplays_user_id_idx ON songplays (user_id)');
      await load(engine, smallTree());
      const indexes = await engine.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'songplays' AND indexdef LIKE '%user_id%'`);
      expect(indexes.map((row) => row.indexdef)).toEqual([
        'CREATE INDEX songplays_user_start_time_idx ON public.songplays USING btree (user_id, start_time)',
      ]);
    });
  });

  it("let the scoped transform find each play in scope with one probe on (user_id, start_time)", async () => {
    await withEngine(await server.freshWarehouse(), async (engine) => {
      await createTables(engine, { drop: true });
      // 20 k plays of 200 users, 100 each: a probe on user_id alone would read 100 plays.
      await engine.exec(`
        INSERT INTO songplays (songplay_id, start_time, user_id, level)
        SELECT md5(n::text), TIMESTAMP '2018-11-01' + n * INTERVAL '2 minute', n % 200, 'free'
        FROM generate_series(1, 20000) AS n`);
      // No statistics (autovacuum kept off): the planner cannot tell the two columns apart,
      // and on user_id alone it picked the index that reads all of a user's plays.
      await engine.exec('ALTER TABLE songplays SET (autovacuum_enabled = false)');
      const plan = await engine.transaction(async () => {
        await engine.exec(`CREATE TEMP TABLE scope_plays ON COMMIT DROP AS
          SELECT CAST(n % 200 AS VARCHAR) AS user_id, 0 AS ts_ms, CAST(n % 200 AS BIGINT) AS user_key,
                 TIMESTAMP '2018-11-30' + n * INTERVAL '1 minute' AS start_time
          FROM generate_series(1, 300) AS n`);
        await engine.exec('ANALYZE scope_plays');
        const explained = wrappedFor(engine.dialect, 'currentScopedSongplays', `EXPLAIN ${sqlFor(engine.dialect, 'currentScopedSongplays')}`);
        const statements = explained.split(';\n');
        let lines: string[] = [];
        for (const statement of statements) {
          if (statement.startsWith('EXPLAIN')) lines = (await engine.query(statement)).map((row) => String(row['QUERY PLAN']));
          else await engine.exec(statement);
        }
        return lines.join('\n');
      });
      expect(plan).toMatch(/Index Scan using songplays_user_start_time_idx on songplays sp/);
      expect(plan).toMatch(/Index Cond: \(\(user_id = k\.user_key\) AND \(start_time = k\.start_time\)\)/);
    });
  });
});
