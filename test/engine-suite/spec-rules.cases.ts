import type { EngineHarness } from './harness.js';

export function specRuleCases(_harness: EngineHarness): void {}
