import type { EngineHarness } from './harness.js';

export function badInputCases(_harness: EngineHarness): void {}
