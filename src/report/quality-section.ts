/** The data-quality panel: each check with its offending count, names shown repaired, and the latest loads. */
import type { CheckResult } from '../checks/run-checks.js';
import type { RunSummary } from '../pipeline/run-history.js';
import { escapeHtml } from './escape.js';
import type { NameRepairs } from './figures.js';
import { formatCount, formatTimestamp, plural } from './format.js';
import { badge, card, pills, table } from './html-blocks.js';
import { displayNames } from './queries/display-names.js';

export function qualitySection(checks: readonly CheckResult[], runs: readonly RunSummary[], names: NameRepairs): string {
  const failed = checks.filter((check) => !check.passed).length;
  const summary = checks.length === 0 ? '' : pills([
    { label: 'Checks passed', value: `${checks.length - failed} of ${checks.length}` },
    { label: 'Failed', value: formatCount(failed) },
    { label: 'Names shown repaired', value: `${formatCount(names.repaired)} of ${formatCount(names.names)}` },
  ]);
  return card({
    id: 'data-quality',
    title: 'Data quality',
    description: 'The warehouse\'s quality checks as of this report (each counts offending rows; zero passes), and the most recent loads.',
    body: `${summary}${repairsNote(names)}<div class="split">${checks.length ? checksTable(checks) : ''}${runsTable(runs)}</div>`,
    queries: [displayNames],
    wide: true,
  });
}

/** How many names are shown repaired, with a few of them as stored and as shown. */
function repairsNote(names: NameRepairs): string {
  const lead =
    `${plural(names.repaired, 'distinct song or artist name')} of ${formatCount(names.names)} ${names.repaired === 1 ? 'was' : 'were'} stored double-encoded ` +
    '(UTF-8 read as Latin-1 and encoded again, sometimes more than once) and ' + (names.repaired === 1 ? 'is' : 'are') +
    ' shown repaired in this report; the warehouse keeps the text as it came.';
  const examples = names.examples.map((example) => `${example.stored} → ${example.shown}`).join('; ');
  return `<p class="sub">${escapeHtml(lead)}${examples ? ` ${escapeHtml(`For example: ${examples}.`)}` : ''}</p>`;
}

function checksTable(checks: readonly CheckResult[]): string {
  return table(
    'Checks',
    [
      { header: 'Result', html: (check) => badge(check.passed) },
      { header: 'Check', text: (check) => check.description },
      { header: 'Offending', text: (check) => formatCount(check.offending), numeric: true },
    ],
    checks,
  );
}

export function runsTable(runs: readonly RunSummary[]): string {
  return table(
    'Recent loads (UTC)',
    [
      { header: 'Run', text: (run) => String(run.run_id), numeric: true },
      { header: 'Started', text: (run) => formatTimestamp(run.started_at).replace(' UTC', '') },
      { header: 'Status', text: (run) => run.status },
      { header: 'Files', text: (run) => formatCount(run.files_loaded ?? 0), numeric: true },
      { header: 'Staged', text: (run) => formatCount(run.rows_staged ?? 0), numeric: true },
      { header: 'Rejected', text: (run) => formatCount(run.rows_rejected ?? 0), numeric: true },
    ],
    runs,
  );
}
