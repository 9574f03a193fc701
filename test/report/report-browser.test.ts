/**
 * The report in a real browser: headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core) opens the file from disk and must make no request
 * beyond the file itself, log no console error (a blocked fetch would log one,
 * thanks to the page's Content-Security-Policy), and lay out every chart with a
 * size. A full-page screenshot goes to .test-output/report.png for a person to look at.
 *
 * The report is built from the reference sample when it is present (the realistic
 * picture), else from the small hand-computed fixture.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engines/open-engine.js';
import { buildReport } from '../../src/report/build-report.js';
import { createAndLoad } from '../support/load.js';
import { sampleAvailable, sampleRoot } from '../support/sample-data.js';
import { makeTempDir } from '../support/temp-dir.js';
import { writeReportFixture } from './report-fixture.js';

const chromiumPath = '/usr/bin/chromium';
const outputDir = path.resolve('.test-output');
const hasChromium = existsSync(chromiumPath);
/** Pixels the page is wider than the window, evaluated in the page (a string: tests compile without the DOM lib). */
const sidewaysOverflow = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

if (!hasChromium) {
  console.warn(`skipping the report browser test: no Chromium at ${chromiumPath} (apt-get install -y chromium)`);
}

describe.skipIf(!hasChromium)(`report in headless Chromium (${chromiumPath})`, () => {
  const temp = makeTempDir('report-browser');
  let browser: Browser;
  let reportFile: string;

  beforeAll(async () => {
    const engine = await openEngine(`duckdb:${temp.path}/warehouse.duckdb`, { memoryLimit: '1GB' });
    try {
      const input = sampleAvailable
        ? { songData: path.join(sampleRoot, 'song_data'), logData: path.join(sampleRoot, 'log_data') }
        : writeReportFixture(temp.path);
      await createAndLoad(engine, input);
      const { html } = await buildReport(engine);
      reportFile = path.join(temp.path, 'report.html');
      writeFileSync(reportFile, html);
    } finally {
      await engine.close();
    }
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    temp.remove();
  });

  it('loads nothing but itself, logs no errors and draws every chart', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));

    const url = pathToFileURL(reportFile).href;
    await page.goto(url, { waitUntil: 'load' });

    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);

    const sizes = await page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return { label: svg.getAttribute('aria-label') ?? '', width: box.width, height: box.height };
      }),
    );
    expect(sizes).toHaveLength(10);
    for (const size of sizes) {
      expect(size.width, size.label).toBeGreaterThan(100);
      expect(size.height, size.label).toBeGreaterThan(50);
    }

    // No chart is wider than the page: nothing scrolls sideways.
    const overflow = Number(await page.evaluate(sidewaysOverflow));
    expect(overflow).toBeLessThanOrEqual(0);

    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: path.join(outputDir, 'report.png'), fullPage: true });
    await page.close();
  });

  it('reads on a phone-sized screen without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(pathToFileURL(reportFile).href);
    const overflow = Number(await page.evaluate(sidewaysOverflow));
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(outputDir, 'report-phone.png'), fullPage: false });
    await page.close();
  });
});
