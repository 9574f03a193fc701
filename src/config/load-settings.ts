/**
 * Resolves the settings every command works from: flags, then environment, then dwh.cfg, then
 * defaults, each level validated by the same per-setting validators and named in its errors.
 * PostgreSQL's own PG* variables are not read here: the postgres engine (libpq's conventions)
 * handles them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { engineReads, normaliseWarehouseUrl, readWarehouseUrl } from '../engines/registry.js';
import { describeOrigin, interpretConfig, type FileLayer, type KeyOrigin } from './config-schema.js';
import { parseIni } from './ini-reader.js';
import { chooseWarehouse } from './warehouse-choice.js';
import { parseSettingValue, settingDeclarations, type SettingDeclaration, type SettingName, type SettingsLayer, type SettingValues } from './setting-values.js';
import { defaultInfraSettings, defaultSettings, type InfraSettings, type Settings } from './settings.js';

export { redactedSettings, type RedactedSettings } from './redact.js';

/**
 * Flag-level values, as written on the command line (text, validated here like every other
 * level). `source` is a folder or s3:// prefix holding song_data/ and log_data/.
 */
export type SettingsOverrides = { readonly [K in SettingName]?: string };

/** How the CLI spells each setting's flag, so an error names the flag the user typed. */
export const overrideFlags: Readonly<Partial<Record<SettingName, string>>> = Object.fromEntries(
  declaredSettings().flatMap(([name, declaration]) => (declaration.flag ? [[name, declaration.flag.name]] : [])),
);

/** Environment variable → setting. */
export const environmentVariables: Readonly<Record<string, SettingName>> = Object.fromEntries(
  declaredSettings().flatMap(([name, declaration]) => (declaration.env ? [[declaration.env, name]] : [])),
);

function declaredSettings(): [SettingName, SettingDeclaration<SettingName>][] {
  return Object.entries(settingDeclarations) as [SettingName, SettingDeclaration<SettingName>][];
}

export interface LoadSettingsInput {
  /** --config: must exist. Without it, ./dwh.cfg is read when present. */
  readonly configPath?: string;
  readonly flags: SettingsOverrides;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** One level of settings and the folder its relative paths are relative to. */
interface Level {
  readonly values: SettingsLayer;
  readonly baseDir: string;
}

export function loadSettings(input: LoadSettingsInput): Settings {
  const file = readConfigFile(input.configPath, input.cwd);
  const levels: Level[] = [
    { values: readFlags(input.flags), baseDir: input.cwd },
    { values: readEnvironment(input.env), baseDir: input.cwd },
  ];
  if (file) levels.push({ values: file.layer.values, baseDir: path.dirname(file.path) });

  const pick = <K extends SettingName>(name: K): SettingValues[K] | undefined =>
    levels.find((level) => level.values[name] !== undefined)?.values[name];
  const pickLocation = (name: 'logJsonPath'): string | undefined => {
    const level = levels.find((l) => l.values[name] !== undefined);
    const value = level?.values[name];
    if (level === undefined || value === undefined) return undefined;
    return /^auto( ignorecase)?$/i.test(value) ? value : resolveLocation(value, level.baseDir);
  };
  // An explicit songData/logData beats a source at the same level; the highest level wins.
  const dataLocation = (name: 'songData' | 'logData', folder: string): string | undefined => {
    for (const level of levels) {
      const explicit = level.values[name];
      if (explicit !== undefined) return resolveLocation(explicit, level.baseDir);
      const source = level.values.source;
      if (source !== undefined) return joinLocation(resolveLocation(source, level.baseDir), folder);
    }
    return undefined;
  };
  const warehouseLevel = levels.find((l) => l.values.warehouse !== undefined);
  const cluster = { host: pick('host'), dbName: pick('dbName'), dbUser: pick('dbUser'), dbPassword: pick('dbPassword'), dbPort: pick('dbPort') };
  const given = warehouseLevel?.values.warehouse;
  const choice = chooseWarehouse(
    given === undefined ? undefined : { url: given, where: warehouseOriginOf(levels.indexOf(warehouseLevel as Level), file) },
    cluster,
    defaultSettings.warehouse,
  );

  const infra: InfraSettings = {
    clusterIdentifier: pick('clusterIdentifier') ?? defaultInfraSettings.clusterIdentifier,
    clusterType: pick('clusterType') ?? defaultInfraSettings.clusterType,
    nodeType: pick('nodeType') ?? defaultInfraSettings.nodeType,
    numNodes: pick('numNodes') ?? defaultInfraSettings.numNodes,
    iamRoleName: pick('iamRoleName') ?? defaultInfraSettings.iamRoleName,
    securityGroupName: pick('securityGroupName') ?? defaultInfraSettings.securityGroupName,
    bucket: pick('bucket'),
    prefix: pick('prefix') ?? defaultInfraSettings.prefix,
    allowCidr: pick('allowCidr'),
    serverless: pick('serverless') ?? defaultInfraSettings.serverless,
    publiclyAccessible: pick('publiclyAccessible') ?? defaultInfraSettings.publiclyAccessible,
  };
  checkNodeCount(infra, file?.layer);

  return {
    warehouse: resolveWarehouse(choice.url, warehouseLevel?.baseDir ?? input.cwd),
    warehouseReason: choice.reason,
    notices: passwordNotices(choice.url, levels, file),
    songData: dataLocation('songData', 'song_data'),
    logData: dataLocation('logData', 'log_data'),
    logJsonPath: pickLocation('logJsonPath'),
    maxErrors: pick('maxErrors') ?? defaultSettings.maxErrors,
    memoryLimit: pick('memoryLimit'),
    lockTimeoutSeconds: pick('lockTimeoutSeconds') ?? defaultSettings.lockTimeoutSeconds,
    schema: pick('schema'),
    region: pick('region'),
    s3Endpoint: pick('s3Endpoint'),
    iamRoleArn: pick('iamRoleArn'),
    stagingBucket: pick('stagingBucket'),
    stagingPrefix: pick('stagingPrefix') ?? defaultSettings.stagingPrefix,
    cluster,
    infra,
    configFile: file?.path,
  };
}

/**
 * A DB_PASSWORD in dwh.cfg is used, or said not to be: never silently ignored (and so never
 * left stale unnoticed). It is not used when a higher level sets the password, when the
 * warehouse URL holds one, or when the warehouse's engine takes no password (a file).
 */
function passwordNotices(warehouse: string, levels: readonly Level[], file: { path: string; layer: FileLayer } | undefined): string[] {
  const origin = file?.layer.origins.dbPassword;
  if (origin === undefined) return [];
  const where = describeOrigin(origin);
  if (levels.slice(0, -1).some((level) => level.values.dbPassword !== undefined)) {
    return [`${where} is not used: ${settingDeclarations.dbPassword.env ?? 'a flag'} is set and wins; delete the line from the file`];
  }
  const reading = readWarehouseUrl(warehouse);
  if (reading.ok && !engineReads(reading.address, 'password')) {
    return [`${where} is not used: the warehouse is not a server; delete the line from the file`];
  }
  if (/^[a-z]+:\/\/[^/@]*:[^/@]*@/i.test(warehouse) || /[?&]password=/i.test(warehouse)) {
    return [`${where} is not used: the warehouse URL holds a password; keep one of them`];
  }
  return [];
}

/** Where the warehouse setting came from: levels are flags, environment, file, in that order. */
function warehouseOriginOf(level: number, file: { path: string; layer: FileLayer } | undefined): string {
  if (level === 0) return '--warehouse';
  if (level === 1) return `environment variable ${settingDeclarations.warehouse.env ?? ''}`;
  const origin = file?.layer.origins.warehouse;
  return origin ? describeOrigin(origin) : '[SPARKIFY] WAREHOUSE in dwh.cfg';
}

function readFlags(flags: SettingsOverrides): SettingsLayer {
  const entries = Object.entries(flags) as [SettingName, string | undefined][];
  return readLayer(entries.map(([name, value]) => [name, value, overrideFlags[name] ?? `the ${name} setting`]));
}

function readEnvironment(env: Readonly<Record<string, string | undefined>>): SettingsLayer {
  const entries = Object.entries(environmentVariables);
  return readLayer(entries.map(([variable, name]) => [name, env[variable], `environment variable ${variable}`]));
}

/** Validates [setting, text, where] triples; an empty or missing value means unset. */
function readLayer(raw: [SettingName, string | undefined, string][]): SettingsLayer {
  const layer: Record<string, unknown> = {};
  for (const [name, value, where] of raw) {
    if (value === undefined || value === '') continue;
    const parsed = parseSettingValue(name, value);
    if (!parsed.ok) throw new ConfigError(`${where}: ${parsed.problem}`);
    layer[name] = parsed.value;
  }
  // Each value was produced by the validator of the setting it is stored under.
  return layer as SettingsLayer;
}

function readConfigFile(configPath: string | undefined, cwd: string): { path: string; layer: FileLayer } | undefined {
  const fullPath = path.resolve(cwd, configPath ?? 'dwh.cfg');
  if (configPath === undefined && !existsSync(fullPath)) return undefined;
  // Messages name the file as the user gave it (or as the default spells it).
  const shownName = configPath ?? 'dwh.cfg';
  let text: string;
  try {
    text = readFileSync(fullPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a folder'
          : `cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigError(`config file ${shownName} ${reason}; check --config, or copy dwh.cfg.example to start one`, {
      cause: error,
    });
  }
  return { path: fullPath, layer: interpretConfig(parseIni(text, shownName)) };
}

const isS3 = (location: string): boolean => location.startsWith('s3://');

function resolveLocation(location: string, baseDir: string): string {
  return isS3(location) ? location : path.resolve(baseDir, location);
}

function joinLocation(location: string, folder: string): string {
  return isS3(location) ? `${location.replace(/\/+$/, '')}/${folder}` : path.join(location, folder);
}

/**
 * A relative database path becomes absolute (as its engine says), so the warehouse does not
 * move with the process's cwd. The URL was validated where it was read.
 */
function resolveWarehouse(warehouse: string, baseDir: string): string {
  const reading = readWarehouseUrl(warehouse);
  return reading.ok ? normaliseWarehouseUrl(reading.address, baseDir) : warehouse;
}

function checkNodeCount(infra: InfraSettings, file: FileLayer | undefined): void {
  const where = (origin: KeyOrigin | undefined, fallback: string): string =>
    origin ? describeOrigin(origin) : fallback;
  if (infra.clusterType === 'multi-node' && infra.numNodes < 2) {
    throw new ConfigError(
      `${where(file?.origins.clusterType, 'CLUSTER_TYPE')}: a multi-node cluster needs NUM_NODES of 2 or more ` +
        `(it is ${infra.numNodes}); set NUM_NODES or use single-node`,
    );
  }
  if (infra.clusterType === 'single-node' && infra.numNodes > 1) {
    throw new ConfigError(
      `${where(file?.origins.numNodes, 'NUM_NODES')}: a single-node cluster has exactly 1 node; ` +
        'set CLUSTER_TYPE = multi-node or NUM_NODES = 1',
    );
  }
}
