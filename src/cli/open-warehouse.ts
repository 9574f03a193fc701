/** Opens the configured warehouse with the engine options the settings imply. */
import type { Engine } from '../engines/engine.js';
import { openEngine, type OpenMode } from '../engines/open-engine.js';
import type { Settings } from '../config/settings.js';

export function openWarehouse(settings: Settings, mode: OpenMode = {}): Promise<Engine> {
  return openEngine(settings.warehouse, {
    memoryLimit: settings.memoryLimit,
    schema: settings.schema,
    password: settings.cluster.dbPassword,
    cluster: settings.cluster,
    lockTimeoutMs: settings.lockTimeoutSeconds * 1000,
    objectStore: {
      bucket: settings.stagingBucket,
      prefix: settings.stagingPrefix,
      iamRoleArn: settings.iamRoleArn,
      region: settings.region,
      s3Endpoint: settings.s3Endpoint,
    },
  }, mode);
}

/**
 * Runs `work` with an open warehouse and always closes it. Commands that only read pass
 * `{ mustExist: true }`: they never create a warehouse.
 */
export async function withWarehouse<T>(
  settings: Settings,
  work: (engine: Engine) => Promise<T>,
  mode: OpenMode = {},
): Promise<T> {
  const engine = await openWarehouse(settings, mode);
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}
