/** Opens the configured warehouse with the engine options the settings imply. */
import type { Engine } from '../engines/engine.js';
import { openEngine, type OpenMode } from '../engines/open-engine.js';
import type { Settings } from '../config/settings.js';
import { redactUrl } from '../config/redact.js';
import type { Output } from './output.js';

/** How a command opens its warehouse. */
export interface WarehouseUse extends OpenMode {
  /** Open without writing anything (a dry run): no file or schema is created. */
  readonly readOnly?: boolean;
  /** Where to say, first, which warehouse was chosen and why. */
  readonly output?: Output;
}

export function openWarehouse(settings: Settings, use: WarehouseUse = {}): Promise<Engine> {
  return openEngine(settings.warehouse, {
    ...(use.readOnly ? { readOnly: true } : {}),
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
  }, { mustExist: use.mustExist });
}

/** `warehouse: redshift://awsuser@HOST:5439/dev ([CLUSTER] HOST in dwh.cfg, no warehouse given)` */
export function warehouseLine(settings: Settings): string {
  return `warehouse: ${redactUrl(settings.warehouse)} (${settings.warehouseReason})`;
}

/**
 * Runs `work` with an open warehouse and always closes it. Commands that only read pass
 * `mustExist`: they never create a warehouse. With an `output`, the first thing said is
 * which warehouse and why, before anything can fail on it.
 */
export async function withWarehouse<T>(
  settings: Settings,
  work: (engine: Engine) => Promise<T>,
  use: WarehouseUse = {},
): Promise<T> {
  use.output?.say(warehouseLine(settings));
  for (const notice of settings.notices ?? []) use.output?.say(`warning: ${notice}`);
  const engine = await openWarehouse(settings, use);
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}
