/**
 * The engine suite, written once: every engine's test file calls this with its
 * harness, and runs the very same cases. SPARKIFY_TEST_ENGINES picks the engines
 * (engine-selection.ts); the others are reported as skipped.
 */
import { describe } from 'vitest';
import type { EngineHarness } from './harness.js';
import { referenceSampleCases } from './reference-sample.cases.js';
import { specRuleCases } from './spec-rules.cases.js';
import { loadingCases } from './loading.cases.js';
import { incrementalCases } from './incremental.cases.js';
import { rerunCostCases } from './rerun-cost.cases.js';
import { badInputCases } from './bad-input.cases.js';
import { checkCases } from './checks.cases.js';
import { realWorldInputCases } from './real-world-input.cases.js';
import { dryRunCases } from './dry-run.cases.js';
import { reportQueryCases } from './report-queries.cases.js';
import { dialectCases } from './dialect.cases.js';
import { engineOfSuite, selectedEngines } from './engine-selection.js';

export function defineEngineSuite(name: string, harness: EngineHarness): void {
  const selected = selectedEngines(process.env.SPARKIFY_TEST_ENGINES).has(engineOfSuite(name));
  describe.skipIf(!selected)(`engine suite: ${name}`, () => {
    referenceSampleCases(harness);
    specRuleCases(harness);
    loadingCases(harness);
    incrementalCases(harness);
    rerunCostCases(harness);
    badInputCases(harness);
    checkCases(harness);
    reportQueryCases(harness);
    dialectCases(harness);
    realWorldInputCases(harness);
    dryRunCases(harness);
  });
}
