/** `etl --dry-run` on every engine: files by status with sizes, the statements, and nothing changed. */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engines/open-engine.js';
import { planDryRun } from '../../src/pipeline/dry-run.js';
import { openSource } from '../../src/sources/open-source.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { createAndLoad, starSnapshot, withEngine } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';
import type { EngineHarness, Warehouse } from './harness.js';

export function dryRunCases(harness: EngineHarness): void {
  describe('etl --dry-run', () => {
    const temp = makeTempDir('dry-run');
    afterAll(() => temp.remove());
    let n = 0;
    const tree = () =>
      writeFixtureTree(path.join(temp.path, `case-${++n}`), {
        songs: { 'A/TRA.json': [song({ song_id: 'SOA' })] },
        events: { 'a.json': [event()], 'b.json': [event({ itemInSession: 1 })] },
      });
    const dryRun = async (warehouse: Warehouse, input: { songData: string; logData: string }) => {
      const engine = await openEngine(warehouse.url, { ...warehouse.options, readOnly: true });
      try {
        return await planDryRun(engine, { songs: await openSource(input.songData), events: await openSource(input.logData) });
      } finally {
        await engine.close();
      }
    };

    it('on an empty warehouse: every file new, with its size; the statements of a first load; no table made', async () => {
      const input = tree();
      const warehouse = await harness.freshWarehouse();
      const plan = await dryRun(warehouse, input);

      const file = (kind: string, name: string) => ({ kind, uri: name, size: statSync(name).size, status: 'new' });
      expect(plan.files).toEqual([
        file('songs', path.join(input.songData, 'A/TRA.json')),
        file('events', path.join(input.logData, 'a.json')),
        file('events', path.join(input.logData, 'b.json')),
      ]);
      expect(plan.totals.new.files).toBe(3);
      expect(plan.statements[0]).toMatch(/^CREATE TABLE IF NOT EXISTS staging_events \(/);
      expect(plan.statements).toContain('-- stage 2 events file(s), ' + String(plan.files.filter((f) => f.kind === 'events').reduce((s, f) => s + f.size, 0)) + ' bytes, into staging_events (the engine\'s bulk load)');
      for (const table of ['songs', 'artists', 'users', 'songplays', 'time']) {
        expect(plan.statements.filter((sql) => sql.includes(`INSERT INTO "${table}" (`)), table).toHaveLength(1);
      }
      await withEngine(warehouse, async (engine) => {
        await expect(engine.query('SELECT COUNT(*) AS n FROM load_files')).rejects.toThrow();
      });
    });

    it('after a load: new, changed and unchanged files told apart, the merge statements listed, and nothing changed', async () => {
      const input = tree();
      const warehouse = await harness.freshWarehouse();
      const before = await withEngine(warehouse, async (engine) => {
        await createAndLoad(engine, input);
        return { star: await starSnapshot(engine), ledger: await engine.query('SELECT uri, fingerprint FROM load_files ORDER BY uri') };
      });
      writeFileSync(path.join(input.logData, 'c.json'), `${JSON.stringify(event({ itemInSession: 2 }))}\n`);
      // A changed file: new content and size, so a new fingerprint.
      writeFileSync(path.join(input.logData, 'b.json'), `${JSON.stringify(event({ itemInSession: 1, level: 'paid' }))}\n\n`);

      const plan = await dryRun(warehouse, input);

      expect(plan.files.map((f) => `${f.status} ${path.basename(f.uri)}`)).toEqual(['unchanged TRA.json', 'unchanged a.json', 'changed b.json', 'new c.json']);
      expect(plan.totals).toMatchObject({ new: { files: 1 }, changed: { files: 1 }, unchanged: { files: 2 } });
      expect(plan.statements.some((sql) => sql.startsWith('CREATE TEMP TABLE "next_users" AS'))).toBe(true);
      expect(plan.statements).toContain('-- stage 2 events file(s), ' + String(plan.files.filter((f) => f.kind === 'events' && f.status !== 'unchanged').reduce((s, f) => s + f.size, 0)) + ' bytes, into staging_events (the engine\'s bulk load)');
      await withEngine(warehouse, async (engine) => {
        expect(await starSnapshot(engine)).toEqual(before.star);
        expect(await engine.query('SELECT uri, fingerprint FROM load_files ORDER BY uri')).toEqual(before.ledger);
      });
    });
  });
}
