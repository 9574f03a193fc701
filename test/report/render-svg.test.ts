/** Charts render to self-contained inline SVG: no URLs, ids scoped per chart, labelled. */
import { describe, expect, it } from 'vitest';
import { assertSelfContained, renderSvg, roundPathData, scopeIds, stripNamespaces } from '../../src/report/render-svg.js';
import { hourWeekdayChart, playsPerDayChart, topSongsChart } from '../../src/report/charts.js';
import { estimateTextWidth, fitText } from '../../src/report/text-metrics.js';
import { layouts } from '../../src/report/layouts.js';

const desktop = layouts.find((layout) => layout.name === 'desktop') ?? layouts[0]!;

describe('renderSvg', () => {
  it('renders inline data to an SVG with no external reference and an accessible label', async () => {
    const spec = playsPerDayChart([
      { day: new Date('2018-11-01T00:00:00Z'), plays: 5, listeners: 2 },
      { day: new Date('2018-11-02T00:00:00Z'), plays: 6, listeners: 2 },
    ], desktop);
    const svg = await renderSvg(spec, 'per-day');
    expect(svg).toMatch(/^<svg aria-label="Plays per day: Bar chart of plays on each day \(UTC\) from Nov 1, 2018 to Nov 2, 2018\./);
    expect(svg).not.toMatch(/https?:/);
    expect(svg).toMatch(/width="\d+" height="\d+"/);
    expect(svg).toContain('Day (UTC)');
    expect(svg).toContain('Plays (count)');
    expect(svg).toContain('font-family="sans-serif"');
    // The card shows the title as a heading; the SVG does not repeat it as text.
    expect(svg).not.toContain('role-title');
  });

  it('escapes data in labels', async () => {
    const svg = await renderSvg(topSongsChart([{ song_id: 'S1', title: '<b>&"x"', artist: 'A', plays: 1, listeners: 1 }], desktop), 'songs');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;&amp;');
  });

  it('fills every hour and weekday of the heatmap', async () => {
    const spec = hourWeekdayChart([{ weekday: 0, hour: 14, plays: 2 }], desktop);
    const values = (spec.data as { values: unknown[] }).values;
    expect(values).toHaveLength(7 * 24);
    expect(spec.description).toContain('The busiest hour is Sun 14:00 with 2 plays.');
  });
});

describe('inline SVG hygiene', () => {
  it('drops namespace declarations, the only URLs vega writes', () => {
    expect(stripNamespaces('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1">')).toBe('<svg width="1">');
  });

  it('leaves text from the data alone when it prefixes ids and rounds path data', () => {
    const text = '<text transform="translate(1.23456,2)">url(#a) id="b" href="#c" 3.14159</text>';
    expect(scopeIds(text, 'p')).toBe(text);
    expect(roundPathData(text)).toBe('<text transform="translate(1.23,2)">url(#a) id="b" href="#c" 3.14159</text>');
  });

  it('prefixes internal ids and their references', () => {
    expect(scopeIds('<clipPath id="clip1"/><g clip-path="url(#clip1)"/><use href="#clip1"/>', 'c')).toBe(
      '<clipPath id="c-clip1"/><g clip-path="url(#c-clip1)"/><use href="#c-clip1"/>',
    );
  });

  it.each([
    '<image href="https://example.com/a.png"/>',
    '<a href="http://example.com">x</a>',
    '<g style="fill: url(http://example.com/p.svg#x)"/>',
    '<style>@import "x.css";</style>',
    '<script>alert(1)</script>',
  ])('refuses %s', (svg) => {
    expect(() => assertSelfContained(svg, 'test')).toThrow(/refers to something outside the report/);
  });

  it('accepts references inside the SVG', () => {
    expect(() => assertSelfContained('<g clip-path="url(#c-clip1)"/><use href="#c-x"/>', 'test')).not.toThrow();
  });
});

describe('text metrics', () => {
  it('measures narrow letters narrower than wide ones', () => {
    expect(estimateTextWidth('iiii', 10)).toBeLessThan(estimateTextWidth('MMMM', 10));
    expect(estimateTextWidth('San Francisco-Oakland-Hayward, CA', 11)).toBeGreaterThan(150);
    expect(estimateTextWidth('San Francisco-Oakland-Hayward, CA', 11)).toBeLessThan(220);
  });

  it('cuts long labels with an ellipsis to fit', () => {
    expect(fitText('short', 100, 11)).toBe('short');
    const cut = fitText('San Francisco-Oakland-Hayward, CA', 100, 11);
    expect(cut.endsWith('…')).toBe(true);
    expect(estimateTextWidth(cut, 11)).toBeLessThanOrEqual(100);
  });
});
