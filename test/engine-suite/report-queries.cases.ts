/**
 * Every named query, run on each engine of the shared suite against the hand-computed
 * fixture (test/report/report-fixture.ts), as that engine's dialect writes it
 * (fragments and overrides included). Nothing here names an engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, Row } from '../../src/engines/engine.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { namedQueries, queryStatement } from '../../src/report/queries/index.js';
import { sqlOf } from '../../src/sql/statement.js';
import type { EngineHarness } from './harness.js';
import { renameSync } from 'node:fs';
import path from 'node:path';
import { latestLoad } from '../../src/report/queries/latest-load.js';
import { createAndLoad, load } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';
import { expectedRows, writeReportFixture } from '../report/report-fixture.js';

/** Rows with counts as numbers: a driver may hand a big count back as text. */
function normalised(rows: readonly Row[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' && /^\d+$/.test(value) && key !== 'bucket' ? Number(value) : value])),
  );
}

/** Rows tied on plays, or sorted by name, come back in the engine's text collation order, which differs between engines. */
const orderedByCollation: Record<string, (row: Record<string, unknown>) => string> = {
  'user-agents': (row) => `${String(1e9 - Number(row.plays)).padStart(10, '0')}|${String(row.user_agent)}`,
  'display-names': (row) => `${String(row.kind)}|${String(row.name)}`,
};

export function reportQueryCases(harness: EngineHarness): void {
  describe('report: named queries on a hand-computed fixture', () => {
    const temp = makeTempDir('report-queries');
    let engine: Engine;

    beforeAll(async () => {
      const warehouse = await harness.freshWarehouse();
      engine = await openEngine(warehouse.url, warehouse.options);
      await createAndLoad(engine, writeReportFixture(temp.path));
    });

    afterAll(async () => {
      await engine?.close();
      temp.remove();
    });

    it('has a hand-computed answer for every named query', () => {
      expect(Object.keys(expectedRows).sort()).toEqual(namedQueries.map((q) => q.name).sort());
    });

    for (const query of namedQueries) {
      it(`${query.name} returns the hand-computed rows`, async () => {
        const rows = normalised(await engine.query(sqlOf(engine.dialect, queryStatement(query))));
        const expected = expectedRows[query.name];
        const sortKey = orderedByCollation[query.name];
        if (sortKey) {
          const byKey = (a: Record<string, unknown>, b: Record<string, unknown>): number => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0);
          expect([...rows].sort(byKey)).toEqual([...(expected ?? [])].sort(byKey));
        } else {
          expect(rows).toEqual(expected);
        }
      });
    }
  });

  describe('report: what the latest load added, after an incremental load', () => {
    const temp = makeTempDir('report-latest-load');
    let engine: Engine;

    beforeAll(async () => {
      const warehouse = await harness.freshWarehouse();
      engine = await openEngine(warehouse.url, warehouse.options);
      // Nov 1 and 2 first; then Nov 4, where user 20 plays twice, now free after paid on Nov 1.
      const input = writeReportFixture(temp.path);
      const dayFour = path.join(input.logData, '2018/11/2018-11-04-events.json');
      renameSync(dayFour, path.join(temp.path, 'held-back.json'));
      await createAndLoad(engine, input);
      renameSync(path.join(temp.path, 'held-back.json'), dayFour);
      await load(engine, input);
    });

    afterAll(async () => {
      await engine?.close();
      temp.remove();
    });

    it('counts the second run\'s plays, listeners, new users and level changes beside the totals', async () => {
      expect(normalised(await engine.query(sqlOf(engine.dialect, queryStatement(latestLoad))))).toEqual([
        {
          run_id: 2,
          total_plays: 13,
          plays_added: 2,
          total_listeners: 3,
          listeners_added: 1,
          total_users: 3,
          new_users: 0,
          total_level_changes: 2,
          level_changes_added: 1,
        },
      ]);
    });
  });
}
