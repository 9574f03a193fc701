/** The ConfigError a call throws; fails the test if it throws nothing or something else. */
import { ConfigError } from '../../src/errors.js';

export function catchConfigError(call: () => unknown): ConfigError {
  try {
    call();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}
