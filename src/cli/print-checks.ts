/** Renders quality-check results for a person: one line when all pass, details for each failure. */
import type { CheckResult } from '../checks/run-checks.js';
import { toJson, type Output } from './output.js';

export function printChecks(output: Output, results: readonly CheckResult[], options: { verbose?: boolean } = {}): void {
  const failed = results.filter((r) => !r.passed);
  const lines = results
    .filter((r) => options.verbose || !r.passed)
    .map((r) => {
      const head = `  ${r.passed ? 'pass' : 'FAIL'}  ${r.name}`;
      if (r.passed) return head;
      const examples = r.examples.map((row) => `        e.g. ${toJson(row, 0)}`);
      return [`${head}: ${r.offending} offending row(s) — ${r.description}`, ...examples].join('\n');
    });
  output.say(['', `quality checks: ${results.length - failed.length} passed, ${failed.length} failed`, ...lines].join('\n'));
}
