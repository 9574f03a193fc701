/**
 * Redshift engine: may import engines/engine, engines/dialect, engines/postgres (its
 * protocol code, by name), sql/, records/, sources/ (S3 access) and errors; never the
 * pipeline or the CLI. `redshift://user@endpoint:5439/dev?schema=NAME`; see session.ts
 * for defaults and docs/redshift.md for how loading works.
 */
import { defaultCapabilities, type OpenEngine } from '../engine.js';
import { redshiftDialect } from './dialect.js';
import { RedshiftEngine } from './redshift-engine.js';
import { S3CopyLoader } from './s3-copy-loader.js';
import { redshiftTarget } from './session.js';

export const openEngine: OpenEngine = (url, options) => {
  const loader = new S3CopyLoader(options.objectStore ?? {});
  return RedshiftEngine.open(redshiftTarget(url, options), {
    dialect: redshiftDialect,
    loader,
    // Primary keys are informational on Redshift: declared, never enforced.
    capabilities: { ...defaultCapabilities, stagesFromObjectStore: loader.fromObjectStore, enforcesPrimaryKeys: false },
  });
};
