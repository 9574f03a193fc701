/**
 * The reference-model properties on the Redshift engine and dialect, run on the embedded
 * PostgreSQL (test/support/redshift-on-postgres.ts says what is swapped, and why).
 */
import { vi } from 'vitest';
import { defineModelProperties } from './define-model-properties.js';
import { engineSetups } from './engine-setups.js';

vi.mock('../../src/engines/open-engine.js', async (importOriginal) => {
  const { withScheme } = await import('../support/route-engine.js');
  const hybrid = await import('../support/redshift-on-postgres.js');
  return withScheme(await importOriginal(), hybrid.HYBRID_SCHEME, hybrid.openRedshiftOnPostgres);
});

defineModelProperties(engineSetups.redshiftOnPostgres());
