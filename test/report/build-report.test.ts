/**
 * buildReport on the hand-computed fixture (DuckDB): the figures it shows equal the
 * named queries run directly and the values worked out by hand; the HTML escapes
 * data, shows every query's SQL and refers to nothing outside itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engines/engine.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { buildReport, type BuiltReport } from '../../src/report/build-report.js';
import type { ReportFigures } from '../../src/report/figures.js';
import { findQuery, namedQueries, queryStatement } from '../../src/report/queries/index.js';
import { sqlOf } from '../../src/sql/statement.js';
import { createAndLoad } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';
import { layouts } from '../../src/report/layouts.js';
import { betaTitle, garbledArtist, expectedFamilies, expectedRows, expectedSessionLengths, writeReportFixture } from './report-fixture.js';
import { externalReferences } from './html-references.js';

const now = new Date('2024-05-06T07:08:09Z');

/** Which figure shows which named query's rows, unchanged. */
const figureOfQuery: Record<string, (f: ReportFigures) => unknown> = {
  headline: (f) => [f.headline],
  'unmatched-plays': (f) => [f.unmatched],
  'top-songs': (f) => f.topSongs,
  'top-artists': (f) => f.topArtists,
  'plays-per-day': (f) => f.playsPerDay,
  'plays-by-hour-weekday': (f) => f.playsByHourWeekday,
  'plays-by-level': (f) => f.playsByLevel,
  'level-changes': (f) => f.levelChanges,
  'top-locations': (f) => f.topLocations,
  'user-agents': (f) => f.userAgents,
  'session-sizes': (f) => f.sessionSizes,
  'listened-totals': (f) => [f.listenedTotals],
  'listened-songs': (f) => f.listenedSongs,
  'listened-artists': (f) => f.listenedArtists,
  'catalogue-matches': (f) => f.catalogueMatches,
  'latest-load': (f) => [f.latestLoad],
};

/** The charts on the page, each drawn once per layout. */
const charts = ['top-songs', 'top-artists', 'catalogue-songs', 'catalogue-artists', 'plays-per-day', 'plays-by-hour-weekday', 'levels', 'top-locations', 'browsers', 'systems', 'session-sizes', 'session-lengths'];

describe('buildReport on a loaded warehouse', () => {
  const temp = makeTempDir('report-build');
  let engine: Engine;
  let report: BuiltReport;

  beforeAll(async () => {
    engine = await openEngine(`duckdb:${temp.path}/warehouse.duckdb`, { memoryLimit: '1GB' });
    await createAndLoad(engine, writeReportFixture(temp.path));
    report = await buildReport(engine, { now });
  });

  afterAll(async () => {
    await engine?.close();
    temp.remove();
  });

  it('shows each named query\'s rows exactly as the query returns them', async () => {
    for (const [name, figure] of Object.entries(figureOfQuery)) {
      const query = findQuery(name);
      const direct = query ? await engine.query(sqlOf(engine.dialect, queryStatement(query))) : [];
      expect(figure(report.figures), name).toEqual(direct);
    }
  });

  it('shows the hand-computed figures', () => {
    expect(report.figures.state).toBe('loaded');
    for (const [name, figure] of Object.entries(figureOfQuery)) {
      expect(figure(report.figures), name).toEqual(expectedRows[name]);
    }
  });

  it('parses user agents into browser and OS families', () => {
    expect(report.figures.browsers).toEqual(expectedFamilies.browsers);
    expect(report.figures.systems).toEqual(expectedFamilies.systems);
  });

  it('buckets session lengths from each session\'s first and last play', () => {
    const lengths = Object.fromEntries(report.figures.sessionLengths.map((b) => [b.bucket, b.sessions]));
    expect(lengths).toMatchObject({ '< 1 min': 0, '1-5 min': expectedSessionLengths['1-5 min'], '5-15 min': expectedSessionLengths['5-15 min'], '4 h +': 0 });
    expect(report.figures.sessionCount).toBe(expectedSessionLengths.count);
    expect(report.figures.medianSessionSeconds).toBe(expectedSessionLengths.medianSeconds);
  });

  it('includes the quality checks and the load that filled the warehouse', () => {
    expect(report.figures.checks.length).toBeGreaterThan(10);
    expect(report.figures.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.figures.runs).toHaveLength(1);
    expect(report.figures.runs[0]?.status).toBe('success');
    expect(report.html).toContain('Checks passed <strong>');
    expect(report.html).toContain('songplays are exactly the NextSong events of logged-in users in staging');
  });

  it('shows the headline figures, when it was built and from which warehouse', () => {
    const text = visibleText(report.html);
    expect(text).toContain('Plays 13');
    expect(text).toContain('Listeners 3');
    expect(text).toContain('Songs played 4 by 3 artists, as the logs name them');
    expect(text).toContain('In the catalogue 84.6% 11 of 13 plays matched a catalogue song');
    expect(text).toContain('Sessions 5 median length 4 min');
    expect(text).toContain('Period (UTC) Nov 1, 2018 to Nov 4, 2018');
    expect(text).toContain('Built 2024-05-06 07:08 UTC');
    expect(report.html).toContain(engine.describe());
  });

  it('answers the question in words', () => {
    expect(visibleText(report.html)).toContain('The most played song was “Alpha Song” by The Alphas, 5 plays by 3 listeners.');
  });

  it('lists the songs and artists as listened, catalogue or not, with names repaired for display', () => {
    const text = visibleText(sectionOf(report.html, 'top-songs'));
    expect(text).toContain('1 Alpha Song The Alphas 5 3');
    expect(text).toContain('2 Gamma Song Gamma Ray 4 3');
    expect(text).toContain(`3 ${betaTitle} The Alphas 2 1`);
    expect(text).toContain('4 Unknown Tune Björk 2 2');
    expect(visibleText(sectionOf(report.html, 'top-artists'))).toContain('3 Björk 2 1 2');
    // Shown repaired everywhere but the data-quality panel's example; stored (and in the figures) as it came.
    expect(report.html.replace(sectionOf(report.html, 'data-quality'), '')).not.toContain(garbledArtist);
    expect(report.figures.listenedSongs[3]?.artist).toBe(garbledArtist);
  });

  it('lists the catalogue\'s top songs beside them, with the match rate and why plays go unmatched', () => {
    const songs = visibleText(sectionOf(report.html, 'catalogue-songs'));
    expect(songs).toContain('1 Alpha Song The Alphas 5 3');
    expect(songs).not.toContain('Unknown Tune');
    const match = visibleText(sectionOf(report.html, 'catalogue-match'));
    expect(match).toContain('11 of 13 plays (84.6%) matched a song in the catalogue');
    expect(match).toContain('Matched: same title, artist and length 11 84.6% 3');
    expect(match).toContain('No song of that title in the catalogue 2 15.4% 2');
    expect(match).toContain('Plays go unmatched when the catalogue does not hold the song at all');
  });

  it('says what the latest load added next to the totals', () => {
    const text = visibleText(sectionOf(report.html, 'latest-load'));
    expect(text).toContain('Run 1, the latest successful load, added 13 plays to the 13 now in the warehouse.');
    expect(text).toContain('Plays 13 13');
    expect(text).toContain('Listeners with a new play 3 3');
    expect(text).toContain('New users 3 3');
    expect(text).toContain('Level changes 2 2');
  });

  it('counts the names it shows repaired in the data-quality panel', () => {
    expect(report.figures.nameRepairs).toEqual({ names: 7, repaired: 1, examples: [{ stored: garbledArtist, shown: 'Björk' }] });
    const text = visibleText(sectionOf(report.html, 'data-quality'));
    expect(text).toContain('Names shown repaired 1 of 7');
    expect(text).toContain(`1 distinct song or artist name of 7 was stored double-encoded`);
    expect(text).toContain(`For example: ${garbledArtist} → Björk.`);
  });

  it('escapes text from the data', () => {
    expect(report.html).not.toContain('<Song>');
    expect(report.html).toContain('Beta &lt;Song&gt; &amp; &quot;Co&quot;');
  });

  it('puts each named query\'s SQL in a collapsed details element', () => {
    const details = [...report.html.matchAll(/<details class="sql"><summary>SQL <span>([^<]*)<\/span><\/summary>([\s\S]*?)<\/details>/g)];
    for (const query of namedQueries) {
      const holder = details.find((d) => d[1]?.split(', ').includes(query.name));
      expect(holder, query.name).toBeDefined();
      expect(holder?.[2]).toContain(`<pre><code>-- ${query.title}: sparkify query --name ${query.name}\n`);
    }
    expect(report.html).toContain('JOIN &quot;time&quot; t ON t.start_time = p.start_time');
  });

  it('has one inline SVG per chart and refers to nothing outside the file', () => {
    const figures = [...report.html.matchAll(/<figure class="chart" data-chart="([^"]+)">([\s\S]*?)<\/figure>/g)];
    expect(figures.map((f) => f[1])).toEqual(charts);
    for (const f of figures) {
      // One drawing per layout, or one shared by layouts that would draw it the same.
      const served = [...(f[2] ?? '').matchAll(/<div class="drawing ([\w -]+)"><svg /g)].flatMap((m) => (m[1] ?? '').split(' '));
      expect(served.sort(), f[1]).toEqual(layouts.map((l) => `for-${l.name}`).sort());
    }
    // Wide charts get a drawing per layout; the others share theirs between tablet and desktop.
    expect(report.html.match(/<svg /g)).toHaveLength(2 * 3 + (charts.length - 2) * 2);
    expect(externalReferences(report.html)).toEqual([]);
    expect(report.html).not.toMatch(/https?:\/\//);
    expect(report.html).not.toMatch(/<script/i);
  });

  it('keeps chart-internal ids unique across the page', () => {
    const ids = [...report.html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('buildReport on a warehouse with nothing to show', () => {
  const temp = makeTempDir('report-empty');
  afterAll(() => temp.remove());

  it('says no data is loaded when the tables exist but are empty', async () => {
    const engine = await openEngine(`duckdb:${temp.path}/empty.duckdb`, {});
    try {
      const { createTables } = await import('../../src/pipeline/create-tables.js');
      await createTables(engine, { drop: true });
      const { html, figures } = await buildReport(engine, { now });
      expect(figures.state).toBe('empty');
      expect(html).toContain('No data loaded yet — run <code>sparkify run</code>');
      expect(html).toContain('hold no plays');
      expect(externalReferences(html)).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('says no data is loaded when the tables do not exist at all', async () => {
    const engine = await openEngine(`duckdb:${temp.path}/bare.duckdb`, {});
    try {
      const { html, figures } = await buildReport(engine, { now });
      expect(figures.state).toBe('missing-tables');
      expect(figures.runs).toEqual([]);
      expect(html).toContain('No data loaded yet');
      expect(html).toContain('has no star tables yet');
    } finally {
      await engine.close();
    }
  });
});

/** One card of the page, by its id. */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section class="card`, html.indexOf(`id="${id}"`) - 40);
  const end = html.indexOf('</section>', start);
  expect(start, id).toBeGreaterThanOrEqual(0);
  return html.slice(start, end);
}

/** The page's text with tags removed and whitespace collapsed, for reading like a person. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<svg [\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
