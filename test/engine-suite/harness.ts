/**
 * What an engine's test file tells the shared suite: how to get a fresh, empty
 * warehouse for one test, and which capabilities the engine has. Nothing else about
 * the engine is known to the suite.
 */
import type { Capabilities, EngineOptions } from '../../src/engines/engine.js';

export interface Warehouse {
  readonly url: string;
  readonly options: EngineOptions;
}

export interface EngineHarness {
  /** A new, empty warehouse that no other test uses. */
  freshWarehouse(): Promise<Warehouse>;
  /** Expected capability flags; the suite keys its expectations on these, never on names. */
  readonly capabilities?: Partial<Capabilities>;
}
