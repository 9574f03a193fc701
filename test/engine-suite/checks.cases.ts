import type { EngineHarness } from './harness.js';

export function checkCases(_harness: EngineHarness): void {}
