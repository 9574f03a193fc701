/**
 * The reference-model properties on the Redshift engine and dialect, run on the embedded
 * PostgreSQL (test/support/redshift-on-postgres.ts says what is swapped, and why).
 */
import { defineModelProperties } from './define-model-properties.js';
import { engineSetups } from './engine-setups.js';
import { redshiftOnPostgresEngine } from '../support/redshift-on-postgres.js';
import { useEngine } from '../support/use-engine.js';

useEngine(redshiftOnPostgresEngine);

defineModelProperties(engineSetups.redshiftOnPostgres());
