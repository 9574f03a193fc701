/**
 * Flags several commands share, and turning them into Settings. Precedence (flags,
 * then environment, then dwh.cfg, then defaults) lives in config/load-settings.ts.
 */
import { Option, type Command } from 'commander';
import { loadSettings } from '../config/load-settings.js';
import { enginesReading, warehouseExamples } from '../engines/registry.js';
import type { Settings } from '../config/settings.js';
import { UsageError } from '../errors.js';

export interface CommonFlags {
  config?: string;
  warehouse?: string;
  schema?: string;
  quiet?: boolean;
  json?: boolean;
}

export interface SourceFlags {
  source?: string;
  songData?: string;
  logData?: string;
  maxErrors?: string;
  memoryLimit?: string;
  lockTimeout?: string;
  fullRefresh?: boolean;
  demo?: boolean;
  s3Endpoint?: string;
  region?: string;
}

export function addWarehouseOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'settings file in dwh.cfg format (default: ./dwh.cfg if present)')
    .option('-w, --warehouse <url>', `warehouse URL: ${warehouseExamples()}`)
    .option('--schema <name>', `${enginesReading('schema')} schema to create and work in (default: the search path)`)
    .option('--memory-limit <size>', `${enginesReading('memoryLimit')} memory limit, e.g. 1GB`)
    .option('--lock-timeout <seconds>', 'seconds to wait for another load to finish');
}

export function addOutputOptions(command: Command): Command {
  return command
    .option('-q, --quiet', 'print only errors')
    .option('--json', 'print a machine-readable JSON report on stdout');
}

export function addSourceOptions(command: Command): Command {
  return command
    .option('-s, --source <dir>', 'a folder or s3://bucket/prefix holding song_data/ and log_data/')
    .option('--song-data <path>', 'the song tree (folder, file or s3:// prefix)')
    .option('--log-data <path>', 'the event-log tree (folder, file or s3:// prefix)')
    .option('--max-errors <n>', 'rejected records to tolerate (kept in load_errors) before the load fails')
    .option('--s3-endpoint <url>', 'an S3-compatible endpoint for s3:// sources (MinIO, s3rver)')
    .option('--region <region>', `AWS region of s3:// sources and ${enginesReading('objectStore')} (default: from config, AWS_REGION, or the bucket)`)
    .addOption(new Option('--full-refresh', 'reload every file, ignoring what was loaded before'))
    .option('--demo', 'load the generated demo dataset (./demo-data), even into a warehouse that holds other data');
}

export function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, not "${value}"`);
  return Number(value);
}

export function settingsFrom(flags: CommonFlags & SourceFlags): Settings {
  return loadSettings({
    configPath: flags.config,
    flags: {
      warehouse: flags.warehouse,
      schema: flags.schema,
      source: flags.source,
      songData: flags.songData,
      logData: flags.logData,
      maxErrors: parseCount(flags.maxErrors, '--max-errors'),
      memoryLimit: flags.memoryLimit,
      lockTimeoutSeconds: parseCount(flags.lockTimeout, '--lock-timeout'),
      s3Endpoint: flags.s3Endpoint,
      region: flags.region,
    },
    env: process.env,
    cwd: process.cwd(),
  });
}
