/**
 * `buildReport`: the warehouse's figures as one self-contained HTML page (inline
 * CSS and SVG, no scripts, nothing fetched), and the figures themselves so callers
 * and tests can check what it shows.
 */
import type { Engine } from '../engines/engine.js';
import { audienceCards } from './audience-cards.js';
import { collectFigures } from './collect-figures.js';
import { escapeHtml } from './escape.js';
import type { ReportFigures } from './figures.js';
import { formatCount, formatDay } from './format.js';
import { answerSentence, headlineSection } from './headline-section.js';
import { page, type PageContext } from './html-template.js';
import { listeningCards } from './listening-cards.js';
import { qualitySection, runsTable } from './quality-section.js';

export interface BuildReportOptions {
  /** When the report says it was built (tests pin it). */
  readonly now?: Date;
}

export interface BuiltReport {
  readonly html: string;
  readonly figures: ReportFigures;
}

export async function buildReport(engine: Engine, options: BuildReportOptions = {}): Promise<BuiltReport> {
  const figures = await collectFigures(engine);
  const context: PageContext = { builtAt: options.now ?? new Date(), warehouse: engine.describe() };
  const html = figures.state === 'loaded' ? await reportPage(figures, context) : emptyPage(figures, context);
  return { html, figures };
}

async function reportPage(figures: ReportFigures, context: PageContext): Promise<string> {
  const h = figures.headline;
  const cards = [...(await listeningCards(figures)), ...(await audienceCards(figures))];
  return page(context, {
    heading: 'What are users listening to?',
    answer: answerSentence(figures),
    summary: `${formatCount(h.plays)} plays by ${formatCount(h.listeners)} listeners, ${formatDay(h.first_play)} to ${formatDay(h.last_play)} (UTC).`,
    body: `${headlineSection(figures)}
<div class="grid">
${cards.join('\n')}
${qualitySection(figures.checks, figures.runs, figures.nameRepairs)}
</div>`,
  });
}

function emptyPage(figures: ReportFigures, context: PageContext): string {
  const why = figures.state === 'missing-tables' ? 'The warehouse has no star tables yet.' : 'The star tables exist but hold no plays.';
  const runs = figures.runs.length ? `<h3>Recent loads</h3>${runsTable(figures.runs)}` : '';
  return page(context, {
    heading: 'No data loaded yet',
    summary: 'There is nothing to chart in this warehouse yet.',
    body: `<section class="headline"><div class="card empty" id="no-data">
<h2>No data loaded yet — run <code>sparkify run</code></h2>
<p class="desc">${escapeHtml(why)} Load the song and event files with <code>sparkify run</code>, then build this report again with <code>sparkify report</code>.</p>
${runs}
</div></section>`,
  });
}
