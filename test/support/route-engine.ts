/**
 * For a test file's `vi.mock` of src/engines/open-engine.js: the real factory, except
 * that one extra URL scheme opens a test-only engine composition. Production code has
 * no such hook; only the mocking test file sees it.
 */
import type { Engine, EngineOptions } from '../../src/engines/engine.js';

type OpenEngineModule = typeof import('../../src/engines/open-engine.js');

export function withScheme(
  original: OpenEngineModule,
  scheme: string,
  open: (warehouse: string, options: EngineOptions) => Promise<Engine>,
): OpenEngineModule {
  return {
    ...original,
    openEngine: (warehouse: string, options: EngineOptions = {}) =>
      warehouse.startsWith(`${scheme}:`) ? open(warehouse, options) : original.openEngine(warehouse, options),
  };
}
