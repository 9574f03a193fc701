/** Opens a test warehouse and loads a source tree through the real pipeline. */
import { openEngine } from '../../src/engines/open-engine.js';
import type { Engine } from '../../src/engines/engine.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { runEtl, type EtlOptions, type EtlReport } from '../../src/pipeline/etl.js';
import { openSource } from '../../src/sources/open-source.js';
import type { SourceOptions } from '../../src/sources/source.js';
import type { Warehouse } from '../engine-suite/harness.js';

export async function withEngine<T>(warehouse: Warehouse, work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await openEngine(warehouse.url, warehouse.options);
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

export interface LoadInput {
  readonly songData: string;
  readonly logData: string;
  /** For s3:// trees: the test S3 server's endpoint and region. */
  readonly sourceOptions?: SourceOptions;
}

export type LoadOptions = Partial<Omit<EtlOptions, 'engine' | 'sources'>>;

export async function load(engine: Engine, input: LoadInput, options: LoadOptions = {}): Promise<EtlReport> {
  const sources = {
    songs: await openSource(input.songData, input.sourceOptions),
    events: await openSource(input.logData, input.sourceOptions),
  };
  return runEtl({ engine, sources, maxErrors: 0, ...options });
}

export async function createAndLoad(engine: Engine, input: LoadInput, options: LoadOptions = {}): Promise<EtlReport> {
  await createTables(engine, { drop: true });
  return load(engine, input, options);
}

/** Every star table's rows, sorted, for comparing whole warehouses. */
export async function starSnapshot(engine: Engine): Promise<Record<string, unknown[]>> {
  const keys: Record<string, string> = {
    songplays: 'songplay_id', users: 'user_id', songs: 'song_id', artists: 'artist_id', time: 'start_time',
  };
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(keys)) {
    snapshot[table] = await engine.query(`SELECT * FROM "${table}" ORDER BY ${key}`);
  }
  return snapshot;
}

export async function count(engine: Engine, sql: string): Promise<number> {
  const [row] = await engine.query<{ n: number }>(`SELECT COUNT(*) AS n FROM (${sql}) counted`);
  return Number(row?.n);
}
