/**
 * Data text is data (issue #10, item 10): song titles, artists, locations and user
 * agents that look like markup or CSS references — "Curl(ed) Up", `url(`, `href="`,
 * `src="`, `@import` — go through the whole report (charts, their accessible labels,
 * tables, the headline sentence) as escaped text. `run` and `report` succeed, and the
 * page's markup still refers to nothing outside itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertSelfContained, renderSvg } from '../../src/report/render-svg.js';
import { listenedSongsChart } from '../../src/report/charts.js';
import { layouts } from '../../src/report/layouts.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { externalReferences } from './html-references.js';

/** Titles that a text-matching check mistakes for references to other files. */
const titles = [
  'Curl(ed) Up',
  'url(https://example.com/cover.png)',
  '<img src="https://example.com/x.png">',
  'Click href="https://example.com"',
  'src="tracker.js"',
  '@import "style.css";',
] as const;

const temp = makeTempDir('report-data-text');
afterAll(() => temp.remove());

function writeTree(): { songData: string; logData: string } {
  return writeFixtureTree(temp.path, {
    songs: Object.fromEntries(
      titles.map((title, i) => [
        `A/A/${i}/TR${i}.json`,
        [song({ song_id: `SO${i}`, title, artist_id: `AR${i}`, artist_name: `Artist url(${i}) @import`, duration: 100 + i })],
      ]),
    ),
    events: {
      '2018/11/2018-11-01-events.json': titles.flatMap((title, i) => [
        // A matched play (same title, artist and length) and an unmatched one (another length).
        event({ song: title, artist: `Artist url(${i}) @import`, length: 100 + i, itemInSession: 2 * i, ts: Date.UTC(2018, 10, 1, 9, i) }),
        event({
          song: title,
          artist: `Artist url(${i}) @import`,
          length: 300,
          itemInSession: 2 * i + 1,
          ts: Date.UTC(2018, 10, 1, 10, i),
          location: 'url(http://example.com/where)',
          userAgent: '"Mozilla/5.0 src=\\"x\\" (url(y))"',
        }),
      ]),
    },
  });
}

describe('text from the data that looks like markup', () => {
  const input = writeTree();
  const warehouse = `duckdb:${path.join(temp.path, 'warehouse.duckdb')}`;
  const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '' };

  it('is shown as text by `run` and `report`, and the page still refers to nothing outside itself', async () => {
    const runReport = path.join(temp.path, 'run-report.html');
    const run = await runCli(['run', '--song-data', input.songData, '--log-data', input.logData, '--warehouse', warehouse, '--report', runReport, '--quiet'], { cwd: temp.path, env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const out = path.join(temp.path, 'report.html');
    const report = await runCli(['report', '--warehouse', warehouse, '--out', out, '--quiet'], { cwd: temp.path, env });
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);

    for (const file of [runReport, out]) {
      const html = readFileSync(file, 'utf8');
      expect(externalReferences(html)).toEqual([]);
      expect(html).toContain('Curl(ed) Up');
      expect(html).toContain('&lt;img src=&quot;https://example.com/x.png&quot;&gt;');
      expect(html).toContain('@import &quot;style.css&quot;;');
      expect(html).toContain('url(http://example.com/where)');
      expect(html).not.toMatch(/<img\b/);
    }
  });

  it('passes the chart check when it sits in labels and the accessible description', async () => {
    const rows = titles.map((title, i) => ({ title, artist: `url(${i})`, plays: 10 - i, listeners: 1 }));
    for (const layout of layouts) {
      const svg = await renderSvg(listenedSongsChart(rows, layout), `songs-${layout.name}`);
      expect(svg).toContain('Curl(ed) Up');
      expect(() => assertSelfContained(svg, 'songs')).not.toThrow();
    }
  });

  it('still refuses real references in the markup', () => {
    expect(() => assertSelfContained('<svg><text>Curl(ed) Up</text><g style="fill: url(http://e.com/p.svg#x)"/></svg>', 't')).toThrow(
      /refers to something outside the report: style="fill: url\(http:\/\/e\.com\/p\.svg#x\)" on <g>/,
    );
    expect(() => assertSelfContained('<svg aria-label="src=&quot;x&quot;"><image href="a.png"/></svg>', 't')).toThrow(/<image> element/);
    expect(() => assertSelfContained('<svg><style>@import "x.css";</style></svg>', 't')).toThrow(/@import in a <style> element/);
    expect(() => assertSelfContained('<svg aria-label="url(x) @import src=&quot;y&quot;"><text>href="z"</text></svg>', 't')).not.toThrow();
  });
});
