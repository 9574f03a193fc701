/**
 * What the browser test and the screenshot script share: Debian's Chromium driven by
 * playwright-core, a report built from the reference sample (or the fixture without
 * it), and measuring the chart text a page actually shows.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openEngine } from '../../src/engines/open-engine.js';
import { buildReport } from '../../src/report/build-report.js';
import { createAndLoad } from '../support/load.js';
import { sampleAvailable, sampleRoot } from '../support/sample-data.js';
import { writeReportFixture } from './report-fixture.js';

export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

/** The window widths every chart is checked at: a phone, a tablet, a laptop. */
export const screenWidths = [390, 768, 1280] as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

export interface BuiltReportFile {
  readonly file: string;
  /** What the report was built from, in words, for captions and messages. */
  readonly data: string;
}

/** Loads the reference sample (the fixture when the sample is absent) into a DuckDB file in `dir` and writes its report there. */
export async function buildReportFile(dir: string, now?: Date): Promise<BuiltReportFile> {
  const engine = await openEngine(`duckdb:${path.join(dir, 'warehouse.duckdb')}`, { memoryLimit: '1GB' });
  try {
    const input = sampleAvailable
      ? { songData: path.join(sampleRoot, 'song_data'), logData: path.join(sampleRoot, 'log_data') }
      : writeReportFixture(dir);
    await createAndLoad(engine, input);
    const { html } = await buildReport(engine, now ? { now } : {});
    const file = path.join(dir, 'report.html');
    writeFileSync(file, html);
    return {
      file,
      data: sampleAvailable
        ? 'the public Udacity sample (71 song files, 30 event log files: 6,820 plays)'
        : 'the test fixture of test/report/report-fixture.ts (13 plays)',
    };
  } finally {
    await engine.close();
  }
}

export interface RenderedText {
  readonly chart: string;
  readonly text: string;
  /** Font size on screen in CSS pixels: the computed font size times the SVG's scale. */
  readonly size: number;
  /** Height of the text's box on screen, for a second opinion. */
  readonly boxHeight: number;
}

export interface RenderedChart {
  readonly chart: string;
  /** Drawings shown for this chart (exactly one expected). */
  readonly shown: number;
  /** The shown SVG's width on screen, and how far it reaches past its figure's box. */
  readonly width: number;
  readonly overflow: number;
  readonly scale: number;
}

/**
 * Every chart on the page and every text in the chart drawing the page shows, measured
 * as rendered. A function source string: the test compiles without the DOM library.
 */
const measureScript = `(() => {
  const charts = [];
  const texts = [];
  for (const figure of document.querySelectorAll('figure.chart')) {
    const chart = figure.getAttribute('data-chart') || '?';
    const shown = [...figure.querySelectorAll(':scope > div > svg')].filter((svg) => svg.getClientRects().length > 0);
    const svg = shown[0];
    if (!svg) { charts.push({ chart, shown: 0, width: 0, overflow: 0, scale: 0 }); continue; }
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.width.baseVal.value;
    charts.push({ chart, shown: shown.length, width: box.width, overflow: box.right - figure.getBoundingClientRect().right, scale });
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim() || text.getClientRects().length === 0) continue;
      texts.push({
        chart,
        text: text.textContent,
        size: parseFloat(getComputedStyle(text).fontSize) * scale,
        boxHeight: text.getBoundingClientRect().height,
      });
    }
  }
  return { charts, texts };
})()`;

export async function measureCharts(page: Page): Promise<{ charts: RenderedChart[]; texts: RenderedText[] }> {
  return (await page.evaluate(measureScript)) as { charts: RenderedChart[]; texts: RenderedText[] };
}

/** Pixels the page is wider than the window. */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
}
