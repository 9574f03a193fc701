/**
 * PostgreSQL's first load into empty tables (issue 13): keys and indexes set aside while
 * the rows go in and built after, staging analysed, memory for sorts raised for the
 * load's transaction; and every key and index as create-tables made it afterwards,
 * whether the load commits or fails.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../src/engines/engine.js';
import { withIndexesSetAside } from '../../src/engines/postgres/set-aside-indexes.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { count, createAndLoad, load, starSnapshot, withEngine } from '../support/load.js';
import { postgresTestFile } from '../support/postgres-warehouse.js';

const { server, smallTree } = postgresTestFile('first_load');

/** Every index and every constraint but NOT NULL (a constraint of its own since PostgreSQL 18) of the schema, as text. */
async function catalogue(engine: Engine): Promise<string[]> {
  const indexes = await engine.query(`SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema()`);
  const constraints = await engine.query(`
    SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS def
    FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND contype <> 'n'`);
  return [...indexes, ...constraints].map((row) => String(row.def)).sort();
}

/** The statements a load sends through `exec`, in order. */
function recordStatements(engine: Engine): string[] {
  const sent: string[] = [];
  const exec = engine.exec.bind(engine);
  vi.spyOn(engine, 'exec').mockImplementation((sql, params) => {
    sent.push(sql.replace(/\s+/g, ' ').trim());
    return exec(sql, params);
  });
  return sent;
}

describe('postgres: a first load into empty tables', () => {
  it('fills each star table with its key and indexes set aside, then builds them as they were', async () => {
    await withEngine(await server.freshWarehouse(), async (engine) => {
      await createTables(engine, { drop: true });
      const before = await catalogue(engine);
      expect(before).toContain('CREATE UNIQUE INDEX songplays_pkey ON public.songplays USING btree (songplay_id)');
      const sent = recordStatements(engine);
      const report = await load(engine, smallTree());
      expect(report.tables.songplays.rows).toBe(2);

      const at = (pattern: RegExp) => sent.findIndex((sql) => pattern.test(sql));
      const fill = at(/^(SET LOCAL enable_nestloop = off; )?INSERT INTO "songplays"/);
      expect(at(/^ALTER TABLE songplays DROP CONSTRAINT songplays_pkey$/)).toBeGreaterThanOrEqual(0);
      expect(at(/^ALTER TABLE songplays DROP CONSTRAINT songplays_pkey$/)).toBeLessThan(fill);
      expect(at(/^DROP INDEX songplays_user_start_time_idx$/)).toBeLessThan(fill);
      expect(at(/^ALTER TABLE songplays ADD CONSTRAINT songplays_pkey PRIMARY KEY \(songplay_id\)$/)).toBeGreaterThan(fill);
      expect(at(/^CREATE INDEX songplays_user_start_time_idx ON public.songplays USING btree \(user_id, start_time\)$/)).toBeGreaterThan(fill);
      expect(at(/^DROP INDEX staging_events_source_file_idx$/)).toBeGreaterThanOrEqual(0);

      expect(await catalogue(engine)).toEqual(before);
      // Analysed as it was filled: statistics for every column, not only after autovacuum.
      const analysed = await engine.query(`SELECT tablename, COUNT(*) AS columns FROM pg_stats WHERE tablename IN ('songplays', 'users', 'songs', 'artists', 'time') GROUP BY tablename ORDER BY tablename`);
      expect(analysed).toEqual([
        { tablename: 'artists', columns: 5 }, { tablename: 'songplays', columns: 10 }, { tablename: 'songs', columns: 5 },
        { tablename: 'time', columns: 7 }, { tablename: 'users', columns: 5 },
      ]);
      // The key is enforced again: a second copy of a play is refused.
      await expect(engine.exec(`INSERT INTO songplays SELECT * FROM songplays LIMIT 1`)).rejects.toThrow(/duplicate key/);
    });
  });

  it('analyses staging it filled from empty, and a later load into non-empty tables keeps every index as it goes', async () => {
    await withEngine(await server.freshWarehouse(), async (engine) => {
      await createAndLoad(engine, smallTree());
      expect(await count(engine, `SELECT 1 FROM pg_stats WHERE tablename = 'staging_events'`)).toBeGreaterThan(10);
      const before = await catalogue(engine);
      const sent = recordStatements(engine);
      await load(engine, smallTree());
      expect(sent.filter((sql) => /DROP (INDEX|CONSTRAINT) (?!IF EXISTS)|^ANALYZE/.test(sql))).toEqual([]);
      expect(await catalogue(engine)).toEqual(before);
      expect((await starSnapshot(engine)).songplays).toHaveLength(2);
    });
  });

  it('leaves every key and index in place when the load fails after a table was filled', async () => {
    await withEngine(await server.freshWarehouse(), async (engine) => {
      await createTables(engine, { drop: true });
      const before = await catalogue(engine);
      const failing = load(engine, smallTree(), {
        afterTable: async (table) => {
          if (table === 'songplays') throw new Error('injected after songplays');
        },
      });
      await expect(failing).rejects.toThrow('injected after songplays');
      expect(await catalogue(engine)).toEqual(before);
      expect(await count(engine, 'SELECT 1 FROM songplays')).toBe(0);
    });
  });
});

describe('postgres: setting indexes aside', () => {
  it('rolls the drops back when the rebuilt key finds a duplicate', async () => {
    await withEngine(await server.freshWarehouse(), async (engine) => {
      await engine.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v_idx ON t (v)`);
      const before = await catalogue(engine);
      const failing = engine.transaction(() =>
        withIndexesSetAside(engine, '"t"', async () => {
          expect(await catalogue(engine)).toEqual([]);
          await engine.exec(`INSERT INTO t VALUES (1, 'a'), (1, 'b')`);
        }));
      await expect(failing).rejects.toThrow(/could not create unique index "t_pkey"/);
      expect(await catalogue(engine)).toEqual(before);
      expect(await count(engine, 'SELECT 1 FROM t')).toBe(0);
    });
  });

  it('keeps the key of a table that a foreign key references', async () => {
    await withEngine(await server.freshWarehouse(), async (engine) => {
      await engine.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (id INTEGER REFERENCES parent (id))`);
      const before = await catalogue(engine);
      await engine.transaction(() =>
        withIndexesSetAside(engine, '"parent"', async () => {
          expect(await catalogue(engine)).toEqual(before);
          await engine.exec(`INSERT INTO parent VALUES (1)`);
        }));
      expect(await count(engine, 'SELECT 1 FROM parent')).toBe(1);
    });
  });
});

describe('postgres: memory for a load', () => {
  it("raises work_mem and maintenance_work_mem for the load's transaction only, and never lowers them", async () => {
    await withEngine(await server.freshWarehouse(), async (engine) => {
      const settings = () => engine.query(`SELECT current_setting('work_mem') AS work, current_setting('maintenance_work_mem') AS maintenance`);
      expect(await engine.transaction(settings)).toEqual([{ work: '256MB', maintenance: '512MB' }]);
      expect(await settings()).toEqual([{ work: '4MB', maintenance: '64MB' }]);
      await engine.exec(`SET work_mem = '1GB'`);
      expect(await engine.transaction(settings)).toEqual([{ work: '1GB', maintenance: '512MB' }]);
    });
  });
});
