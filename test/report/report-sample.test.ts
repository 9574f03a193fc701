/**
 * The report on the public sample, read in place from ../shared (never copied into
 * the repository), on DuckDB and PostgreSQL: it answers "what are users listening
 * to?" with the songs the logs name, though only 1 of 6,820 plays matches the 71-song
 * catalogue, and shows Björk as Björk though the logs store "BjÃÂ¶rk".
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engines/engine.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { buildReport, type BuiltReport } from '../../src/report/build-report.js';
import type { Warehouse } from '../engine-suite/harness.js';
import { createAndLoad } from '../support/load.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { sampleAvailable, sampleRoot } from '../support/sample-data.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('report-sample');
const server = postgresTestServer('report_sample');
afterAll(async () => {
  await server.close();
  temp.remove();
});

const warehouses: Record<string, () => Promise<Warehouse>> = {
  duckdb: async () => ({ url: `duckdb:${path.join(temp.path, 'sample.duckdb')}`, options: { memoryLimit: '1GB' } }),
  postgres: () => server.freshWarehouse(),
};

for (const [engineName, freshWarehouse] of Object.entries(warehouses)) {
  describe.skipIf(!sampleAvailable)(`the report on the public sample (${engineName})`, () => {
    let report: BuiltReport;

    it('loads the sample and builds the report', async () => {
      const warehouse = await freshWarehouse();
      const engine: Engine = await openEngine(warehouse.url, warehouse.options);
      try {
        await createAndLoad(engine, { songData: path.join(sampleRoot, 'song_data'), logData: path.join(sampleRoot, 'log_data') });
        report = await buildReport(engine, { now: new Date('2026-12-01T00:00:00Z') });
      } finally {
        await engine.close();
      }
      expect(report.figures.headline.plays).toBe(6820);
    });

    it('ranks the songs as the logs name them, with their plays and listeners', () => {
      expect(report.figures.listenedSongs.slice(0, 3)).toEqual([
        { title: "You're The One", artist: 'Dwight Yoakam', plays: 37, listeners: 22 },
        // Stored as the logs carry it; shown repaired.
        { title: 'Undo', artist: 'Bj\u00c3\u0083\u00c2\u00b6rk', plays: 28, listeners: 14 },
        { title: 'Revelry', artist: 'Kings Of Leon', plays: 27, listeners: 12 },
      ]);
      expect(report.figures.listenedTotals).toEqual({ plays: 6820, songs: 5295, artists: 3148 });
      const text = visibleText(report.html);
      expect(text).toContain('The most played song was “You\'re The One” by Dwight Yoakam, 37 plays by 22 listeners.');
      expect(text).toContain('1 You\'re The One Dwight Yoakam 37 22 2 Undo Björk 28 14 3 Revelry Kings Of Leon 27 12');
      expect(text).toContain('1 Coldplay 58 24 22 2 Kings Of Leon 55 19 19');
    });

    it('states the match rate plainly and why plays go unmatched', () => {
      expect(report.figures.catalogueMatches).toEqual([
        { outcome_order: 1, outcome: 'matched', plays: 1, listeners: 1 },
        { outcome_order: 3, outcome: 'artist name differs', plays: 3, listeners: 3 },
        { outcome_order: 4, outcome: 'title not in catalogue', plays: 6816, listeners: 96 },
      ]);
      const text = visibleText(report.html);
      expect(text).toContain('1 of 6,820 plays (0.015%) matched a song in the catalogue');
      expect(text).toContain('No song of that title in the catalogue 6,816 99.9% 96');
      expect(text).toContain('1 Setanta matins Elena 1 1');
    });

    it('shows Björk as Björk, counts the names it repaired, and keeps the stored text', () => {
      expect(report.figures.nameRepairs.repaired).toBe(195);
      expect(report.figures.nameRepairs.names).toBe(8445);
      const text = visibleText(report.html);
      expect(text).toContain('Names shown repaired 195 of 8,445');
      expect(text).toContain('8 Björk 33 4 15');
      expect(text).not.toContain('BjÃ\u0083Â¶rk 33');
    });

    it('says what the latest load added', () => {
      expect(report.figures.latestLoad).toEqual({
        run_id: 1,
        total_plays: 6820,
        plays_added: 6820,
        total_listeners: 96,
        listeners_added: 96,
        total_users: 97,
        new_users: 97,
        total_level_changes: 9,
        level_changes_added: 9,
      });
    });
  });
}

/** The page's text with tags removed and whitespace collapsed, for reading like a person. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<svg [\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
