/**
 * The report in a real browser: headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core) opens the file from disk and must make no request
 * beyond the file itself, log no console error (a blocked fetch would log one,
 * thanks to the page's Content-Security-Policy), and at a phone's, a tablet's and a
 * laptop's width show every chart once, inside its box, with every chart text at
 * least 10 CSS pixels as rendered (computed font size times the SVG's on-screen scale).
 *
 * The report is built from the reference sample when it is present (the realistic
 * picture), else from the small hand-computed fixture. Everything is written in the
 * test's own temporary folder; `test/report/make-screenshots.ts` makes the pictures in docs/.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir.js';
import {
  buildReportFile,
  chromiumPath,
  hasChromium,
  launchChromium,
  measureCharts,
  screenWidths,
  sidewaysOverflow,
  type BuiltReportFile,
} from './browser-support.js';

/** The smallest chart text allowed on any screen, in CSS pixels. */
const MIN_TEXT_PX = 10;
const CHARTS = 12;

if (!hasChromium) {
  console.warn(`skipping the report browser test: no Chromium at ${chromiumPath} (apt-get install -y chromium)`);
}

describe.skipIf(!hasChromium)(`report in headless Chromium (${chromiumPath})`, () => {
  const temp = makeTempDir('report-browser');
  let browser: Browser;
  let report: BuiltReportFile;

  beforeAll(async () => {
    report = await buildReportFile(temp.path);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    temp.remove();
  });

  it('loads nothing but itself and logs no errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const url = pathToFileURL(report.file).href;
    await page.goto(url, { waitUntil: 'load' });
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const width of screenWidths) {
    it(`at ${width} px wide shows every chart once, inside its box, with text of at least ${MIN_TEXT_PX} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(pathToFileURL(report.file).href);
      const { charts, texts } = await measureCharts(page);

      expect(charts.map((chart) => chart.chart)).toHaveLength(CHARTS);
      for (const chart of charts) {
        expect(chart.shown, `${chart.chart}: drawings shown`).toBe(1);
        expect(chart.width, `${chart.chart}: width`).toBeGreaterThan(200);
        expect(chart.overflow, `${chart.chart}: reaches past its box by`).toBeLessThanOrEqual(0.5);
      }
      // Every chart has text (axis labels at least), and none of it is smaller than allowed.
      expect(new Set(texts.map((text) => text.chart)).size).toBe(CHARTS);
      const smallest = texts.reduce((min, text) => (text.size < min.size ? text : min));
      expect(smallest.size, `smallest text: "${smallest.text}" in ${smallest.chart}`).toBeGreaterThanOrEqual(MIN_TEXT_PX);
      // The text's own box agrees: a 10 px font draws a box taller than 10 * 0.9 px.
      for (const text of texts) expect(text.boxHeight, `"${text.text}" in ${text.chart}`).toBeGreaterThan(MIN_TEXT_PX * 0.9);

      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(temp.path, `report-${width}.png`), fullPage: true });
      await page.close();
    });
  }
});
