/** `etl --dry-run` as text: the files by status with sizes, then the statements in order. */
import type { DryRunPlan } from '../pipeline/dry-run.js';

export function renderDryRun(plan: DryRunPlan): string {
  const { totals } = plan;
  const sizeWidth = Math.max(4, ...plan.files.map((file) => String(file.size).length));
  return [
    `dry run: nothing was changed in ${plan.warehouse}`,
    `files: ${totals.new.files} new (${totals.new.bytes} bytes), ${totals.changed.files} changed (${totals.changed.bytes} bytes), ` +
      `${totals.unchanged.files} unchanged (${totals.unchanged.bytes} bytes, skipped)`,
    ...plan.files.map((file) => `  ${file.status.padEnd(9)} ${file.kind.padEnd(6)} ${String(file.size).padStart(sizeWidth)}  ${file.uri}`),
    '',
    'statements the load would run, in order:',
    ...plan.statements.map((statement) => `${statement.startsWith('--') ? statement : `${statement};`}\n`),
  ].join('\n');
}
