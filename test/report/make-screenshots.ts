/**
 * Makes the report screenshots in docs/: the report built from the reference sample,
 * shown by headless Chromium at a phone's, a tablet's and a laptop's width, full page.
 * Not a test (tests never write into the repository):
 *
 *   npx tsx test/report/make-screenshots.ts
 *
 * Refuses to run without the sample, so a picture is never made from other data than
 * docs/report.md says.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeTempDir } from '../support/temp-dir.js';
import { sampleAvailable, sampleSkipReason } from '../support/sample-data.js';
import { buildReportFile, chromiumPath, hasChromium, launchChromium, screenWidths } from './browser-support.js';

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');

if (!sampleAvailable) throw new Error(`cannot make the screenshots: ${sampleSkipReason}`);
if (!hasChromium) throw new Error(`cannot make the screenshots: no Chromium at ${chromiumPath}`);

const temp = makeTempDir('screenshots');
try {
  // A fixed build time, so the pictures change only when the report does.
  const report = await buildReportFile(temp.path, new Date('2026-12-01T00:00:00Z'));
  const browser = await launchChromium();
  try {
    for (const width of screenWidths) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(pathToFileURL(report.file).href);
      const file = path.join(docs, `report-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await page.close();
      console.log(`${file}: ${report.data}`);
    }
  } finally {
    await browser.close();
  }
} finally {
  temp.remove();
}
