/**
 * Adds a test-only engine (a composition such as the Redshift engine on PostgreSQL) to
 * the registry for one test file, exactly as an engine folder's descriptor is listed:
 * the factory, settings validation and the CLI all see it, and nothing is mocked. It is
 * removed when the file's tests are done.
 */
import { afterAll } from 'vitest';
import type { EngineDescriptor } from '../../src/engines/engine-descriptor.js';
import { registerEngine } from '../../src/engines/registry.js';

export function useEngine(descriptor: EngineDescriptor): void {
  afterAll(registerEngine(descriptor));
}
