/** The data-quality panel: each check with its offending count, and the latest loads. */
import type { CheckResult } from '../checks/run-checks.js';
import type { RunSummary } from '../pipeline/run-history.js';
import { formatCount, formatTimestamp } from './format.js';
import { badge, card, pills, table } from './html-blocks.js';

export function qualitySection(checks: readonly CheckResult[], runs: readonly RunSummary[]): string {
  const failed = checks.filter((check) => !check.passed).length;
  const summary = checks.length === 0 ? '' : pills([
    { label: 'Checks passed', value: `${checks.length - failed} of ${checks.length}` },
    { label: 'Failed', value: formatCount(failed) },
  ]);
  return card({
    id: 'data-quality',
    title: 'Data quality',
    description: 'The warehouse\'s quality checks as of this report (each counts offending rows; zero passes), and the most recent loads.',
    body: `${summary}<div class="split">${checks.length ? checksTable(checks) : ''}${runsTable(runs)}</div>`,
    queries: [],
    wide: true,
  });
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
