/**
 * Flags several commands share, and turning them into Settings. A setting's flag (its
 * name, value and help) is declared with the setting (config/setting-values.ts), and its
 * text goes to config/load-settings.ts unparsed, where every level is validated alike.
 * Precedence (flags, then environment, then dwh.cfg, then defaults) lives there too.
 */
import { Option, type Command } from 'commander';
import { loadSettings, type SettingsOverrides } from '../config/load-settings.js';
import { settingDeclarations, type SettingName } from '../config/setting-values.js';
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

/** The commander option of a setting's declared flag. */
function settingOption(name: SettingName): Option {
  const flag = settingDeclarations[name].flag;
  if (flag === undefined) throw new Error(`setting ${name} declares no flag`);
  return new Option(`${flag.short ? `${flag.short}, ` : ''}${flag.name} ${flag.value}`, flag.help);
}

/** Settings whose flags every warehouse command takes, and those of commands that load. */
const warehouseSettings: readonly SettingName[] = ['warehouse', 'schema', 'memoryLimit', 'lockTimeoutSeconds'];
const sourceSettings: readonly SettingName[] = ['source', 'songData', 'logData', 'maxErrors', 's3Endpoint', 'region'];

export function addWarehouseOptions(command: Command): Command {
  command.option('-c, --config <file>', 'settings file in dwh.cfg format (default: ./dwh.cfg if present)');
  for (const name of warehouseSettings) command.addOption(settingOption(name));
  return command;
}

export function addOutputOptions(command: Command): Command {
  return command
    .option('-q, --quiet', 'print only errors')
    .option('--json', 'print a machine-readable JSON report on stdout');
}

export function addSourceOptions(command: Command): Command {
  for (const name of sourceSettings) command.addOption(settingOption(name));
  return command
    .addOption(new Option('--full-refresh', 'reload every file, ignoring what was loaded before'))
    .option('--demo', 'load the generated demo dataset (./demo-data), even into a warehouse that holds other data');
}

export function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, not "${value}"`);
  return Number(value);
}

/** The settings a command's parsed flags give, as text: each under the option commander stored it as. */
function overridesFrom(flags: Readonly<Record<string, unknown>>): SettingsOverrides {
  const overrides: Partial<Record<SettingName, string>> = {};
  for (const name of [...warehouseSettings, ...sourceSettings]) {
    const value = flags[settingOption(name).attributeName()];
    if (typeof value === 'string') overrides[name] = value;
  }
  return overrides;
}

export function settingsFrom(flags: CommonFlags & SourceFlags): Settings {
  return loadSettings({
    configPath: flags.config,
    flags: overridesFrom(flags as Readonly<Record<string, unknown>>),
    env: process.env,
    cwd: process.cwd(),
  });
}
