/** Cards about who listens and how: free vs paid, level changes, places, devices, sessions. */
import type { LevelChangeRow, ReportFigures } from './figures.js';
import { formatCount, formatDuration, formatTimestamp } from './format.js';
import { card, pills, table } from './html-blocks.js';
import { chartFigure } from './chart-figure.js';
import { familiesChart, levelsChart, locationsChart, sessionLengthsChart, sessionSizesChart } from './charts.js';
import { levelChanges, playsByLevel, topLocations, userAgents } from './queries/listeners.js';
import { sessionLengths, sessionMedian, sessionSizes } from './queries/sessions.js';
import { parseUserAgent, unquoteUserAgent } from './user-agents.js';

/** Level changes listed on the page; the rest are in the query's result. */
const LATEST_CHANGES = 8;
const RAW_AGENTS = 10;

export async function audienceCards(figures: ReportFigures): Promise<string[]> {
  const upgrades = figures.levelChanges.filter((c) => c.direction === 'upgrade').length;
  const downgrades = figures.levelChanges.filter((c) => c.direction === 'downgrade').length;
  const latest = [...figures.levelChanges].reverse().slice(0, LATEST_CHANGES);
  return [
    card({
      id: 'levels',
      title: 'Free and paid',
      description: 'Plays by the level the listener had when playing, and every move between levels seen in the plays.',
      body:
        (await chartFigure('levels', (layout) => levelsChart(figures.playsByLevel, layout))) +
        pills([
          ...figures.playsByLevel.map((row) => ({ label: `${row.level ?? 'unknown'} listeners`, value: formatCount(row.listeners) })),
          { label: 'Upgrades', value: formatCount(upgrades) },
          { label: 'Downgrades', value: formatCount(downgrades) },
        ]) +
        levelChangesTable(latest, figures.levelChanges.length),
      queries: [playsByLevel, levelChanges],
    }),
    card({
      id: 'top-locations',
      title: 'Top locations',
      description: 'Where plays come from, as the app reported the listener\'s location.',
      body: await chartFigure('top-locations', (layout) => locationsChart(figures.topLocations, layout)),
      queries: [topLocations],
    }),
    card({
      id: 'devices',
      title: 'Browsers and systems',
      description: 'Plays by browser and operating system, parsed from each play\'s user agent.',
      body:
        `<div class="stack">${await chartFigure('browsers', (layout) => familiesChart('Browser', figures.browsers, layout))}` +
        `${await chartFigure('systems', (layout) => familiesChart('Operating system', figures.systems, layout))}</div>` +
        rawAgents(figures),
      queries: [userAgents],
    }),
    card({
      id: 'sessions',
      title: 'Sessions',
      description: `${formatCount(figures.sessionCount)} sessions (one user's session id); the median lasted ${formatDuration(figures.medianSessionSeconds)} from first to last play start.`,
      body:
        `<div class="stack">${await chartFigure('session-sizes', (layout) => sessionSizesChart(figures.sessionSizes, layout))}` +
        `${await chartFigure('session-lengths', (layout) => sessionLengthsChart(figures.sessionLengths, layout))}</div>`,
      queries: [sessionSizes, sessionLengths, sessionMedian],
    }),
  ];
}

function levelChangesTable(rows: readonly LevelChangeRow[], total: number): string {
  return table(
    total > rows.length ? `Latest ${rows.length} of ${formatCount(total)} level changes` : 'Level changes',
    [
      { header: 'When', text: (row) => formatTimestamp(row.changed_at) },
      { header: 'User', text: (row) => String(row.user_id), numeric: true },
      { header: 'Change', text: (row) => `${row.from_level ?? '?'} → ${row.to_level ?? '?'}` },
      { header: 'Kind', text: (row) => row.direction },
    ],
    rows,
  );
}

function rawAgents(figures: ReportFigures): string {
  const rows = figures.userAgents.slice(0, RAW_AGENTS);
  return `<details class="raw"><summary>Most common raw user agents (${rows.length} of ${formatCount(figures.userAgents.length)})</summary>${table(
    'Raw user agents',
    [
      { header: 'User agent', text: (row) => (row.user_agent === null ? 'unknown' : unquoteUserAgent(row.user_agent)) },
      { header: 'Parsed as', text: (row) => Object.values(parseUserAgent(row.user_agent)).join(' on ') },
      { header: 'Plays', text: (row) => formatCount(row.plays), numeric: true },
    ],
    rows,
  )}</details>`;
}
