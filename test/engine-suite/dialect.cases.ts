/**
 * What the dialect and the schema model promise, on the engine itself: the fragments
 * compute what their names say (text compared exactly even where the engine's own
 * comparison ignores trailing blanks: the Redshift emulator's tables), and star tables declare keys exactly where the engine
 * says it enforces them (Capabilities.enforcesPrimaryKeys).
 */
import { describe, expect, it } from 'vitest';
import { createTables } from '../../src/pipeline/create-tables.js';
import { fragmentsOf } from '../../src/sql/statement.js';
import { withEngine } from '../support/load.js';
import type { EngineHarness } from './harness.js';

const at = (text: string) => `CAST('${text}' AS TIMESTAMP)`;

export function dialectCases(harness: EngineHarness): void {
  describe('dialect fragments and keys', () => {
    it('spells the ISO week, the weekday from Sunday and seconds between timestamps (milliseconds kept)', async () => {
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        const f = fragmentsOf(engine.dialect);
        const [row] = await engine.query(`SELECT ${f.weekOf(at('2018-12-31 10:00:00'))} AS monday_week,
       ${f.weekOf(at('2021-01-03 23:59:59'))} AS sunday_week,
       ${f.weekOf(at('2018-11-15 08:00:00'))} AS november_week,
       ${f.weekdayOf(at('2021-01-03 23:59:59'))} AS sunday,
       ${f.weekdayOf(at('2018-11-17 08:00:00'))} AS saturday,
       ${f.secondsBetween(at('2018-11-01 09:00:00.250'), at('2018-11-01 09:06:20.500'))} AS seconds,
       ${f.secondsBetween(at('2018-11-30 23:59:59.999'), at('2018-12-01 00:00:00.001'))} AS across_days`);
        // 2018-12-31 is in ISO week 1 of 2019; 2021-01-03 in week 53 of 2020.
        expect(row).toEqual({ monday_week: 1, sunday_week: 53, november_week: 46, sunday: 0, saturday: 6, seconds: 380.25, across_days: 0.002 });
      });
    });

    it('compares text with trailing blanks counted: exactTextEquals and exactTextKey tell \'x\' from \'x \'', async () => {
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        const f = fragmentsOf(engine.dialect);
        await createTables(engine, { drop: true });
        // A star table's text column, as the engine stores it (Redshift's VARCHAR ignores trailing blanks in comparisons).
        await engine.exec(`INSERT INTO songs (song_id, title) VALUES ('SO1', ''), ('SO2', ' '), ('SO3', 'x'), ('SO4', 'x '), ('SO5', 'x')`);
        const pairs = await engine.query<{ a: string; b: string }>(`SELECT a.song_id AS a, b.song_id AS b
FROM songs a JOIN songs b ON ${f.exactTextEquals('a.title', 'b.title')}
WHERE a.song_id < b.song_id`);
        expect(pairs).toEqual([{ a: 'SO3', b: 'SO5' }]);
        const empty = await engine.query<{ song_id: string }>(`SELECT song_id FROM songs WHERE ${f.exactTextEquals('title', "''")}`);
        expect(empty).toEqual([{ song_id: 'SO1' }]);
        const ranked = await engine.query<{ song_id: string; n: number }>(`SELECT song_id, CAST(ROW_NUMBER() OVER (
  PARTITION BY ${f.exactTextKey('title')} ORDER BY song_id
) AS INTEGER) AS n FROM songs`);
        expect(ranked.map((row) => `${row.song_id}:${Number(row.n)}`).sort()).toEqual(['SO1:1', 'SO2:1', 'SO3:1', 'SO4:1', 'SO5:2']);
      });
    });

    it('declares star keys exactly where the engine enforces them', async () => {
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createTables(engine, { drop: true });
        await engine.exec(`INSERT INTO songs (song_id, title) VALUES ('SO1', 'One')`);
        const duplicate = engine.exec(`INSERT INTO songs (song_id, title) VALUES ('SO1', 'Again')`);
        if (engine.capabilities.enforcesPrimaryKeys) await expect(duplicate).rejects.toThrow();
        else await expect(duplicate).resolves.toBeUndefined();
      });
    });
  });
}
