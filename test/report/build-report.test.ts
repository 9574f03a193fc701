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
import { findQuery, namedQueries } from '../../src/report/queries/index.js';
import { createAndLoad } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';
import { betaTitle, expectedFamilies, expectedRows, expectedSessionLengths, writeReportFixture } from './report-fixture.js';
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
};

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
      const direct = await engine.query(findQuery(name)?.sql ?? '');
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
    expect(text).toContain('Songs heard 3 by 2 artists');
    expect(text).toContain('Matched 84.6% 2 plays not in the catalogue');
    expect(text).toContain('Sessions 5 median length 4 min');
    expect(text).toContain('Period (UTC) Nov 1, 2018 to Nov 4, 2018');
    expect(text).toContain('Built 2024-05-06 07:08 UTC');
    expect(report.html).toContain(engine.describe());
  });

  it('lists top songs with their counts in a table', () => {
    const text = visibleText(report.html);
    expect(text).toContain('1 Alpha Song The Alphas 5 3');
    expect(text).toContain('2 Gamma Song Gamma Ray 4 3');
    expect(text).toContain(`3 ${betaTitle} The Alphas 2 1`);
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
    expect(report.html.match(/<svg /g)).toHaveLength(10);
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
