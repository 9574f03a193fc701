/**
 * The model properties for one engine: for generated datasets (dataset-arbitrary.ts),
 * one-shot or split in two incremental loads, failing on the first reject or with a
 * large --max-errors, the warehouse must equal the reference model (check-scenario.ts).
 * Then every kept regression case.
 *
 * Runs per property: SPARKIFY_PROPERTY_RUNS (default below, sized so that one engine's
 * file stays well under a minute on a busy 2-core machine). A failure prints fast-check's
 * seed and the shrunk scenario; replay with SPARKIFY_PROPERTY_SEED and _PATH.
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir.js';
import { checkScenario, type Scenario } from './check-scenario.js';
import { datasetArbitrary } from './dataset-arbitrary.js';
import type { ModelEngineSetup } from './engine-setups.js';
import { enabledQuirks, type Quirk } from './quirks.js';
import { regressions } from './regressions.js';

const DEFAULT_RUNS = 12;

const requestedRuns = Number(process.env.SPARKIFY_PROPERTY_RUNS ?? DEFAULT_RUNS);
const numRuns = Number.isInteger(requestedRuns) && requestedRuns > 0 ? requestedRuns : DEFAULT_RUNS;
/**
 * Shrinking through real loads can take long: fast-check stops after this and reports the
 * smallest failure found so far (a run that found none just ends early).
 */
const timeLimitMs = Math.max(300_000, numRuns * 10_000);

function propertyParameters(): fc.Parameters<[Scenario]> {
  const seed = process.env.SPARKIFY_PROPERTY_SEED;
  return {
    numRuns,
    interruptAfterTimeLimit: timeLimitMs,
    ...(seed ? { seed: Number(seed), path: process.env.SPARKIFY_PROPERTY_PATH } : {}),
  };
}

export function scenarioArbitrary(quirks: ReadonlySet<Quirk>): fc.Arbitrary<Scenario> {
  return fc.record({ dataset: datasetArbitrary(quirks), tolerant: fc.boolean(), split: fc.boolean() });
}

export function defineModelProperties(setup: ModelEngineSetup): void {
  const quirks = enabledQuirks();
  const temp = makeTempDir(`model-${setup.name.replace(/\W+/g, '-')}`);
  let n = 0;
  const freshRoot = () => `${temp.path}/example-${++n}`;
  afterAll(async () => {
    await setup.close();
    temp.remove();
  });

  describe(`reference model vs ${setup.name}${quirks.size ? ` (switches on: ${[...quirks].join(', ')})` : ''}`, () => {
    test.prop([scenarioArbitrary(quirks)], propertyParameters())(
      'every generated dataset loads to exactly the model, one-shot and incremental, strict and tolerant',
      (scenario) => checkScenario(setup, freshRoot(), scenario),
      timeLimitMs + 300_000,
    );

    const runnable = regressions.filter((r) => (r.needs ?? []).every((q) => quirks.has(q)));
    it.skipIf(runnable.length === 0).each(runnable.map((r) => [r.name, r] as const))('regression: %s', async (_name, regression) => {
      await checkScenario(setup, freshRoot(), regression.scenario);
    });
  });
}
