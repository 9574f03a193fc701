import type { EngineHarness } from './harness.js';

export function loadingCases(_harness: EngineHarness): void {}
