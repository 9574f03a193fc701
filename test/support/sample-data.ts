/**
 * Where the shared reference sample is, and whether it is here. On a user's machine
 * without ../shared the tests that need it are skipped, saying why.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const sampleRoot = path.resolve(here, '../../../shared/data/udacity-sample');
export const sampleAvailable = existsSync(path.join(sampleRoot, 'song_data')) && existsSync(path.join(sampleRoot, 'log_data'));
export const sampleSkipReason = `the reference sample ${sampleRoot} is absent (it ships beside the repository, not in it)`;

if (!sampleAvailable) {
  console.warn(`skipping reference-sample tests: ${sampleSkipReason}`);
}
