/**
 * Every setting declared once (validator, dwh.cfg keys, flag, environment variable, default),
 * its validator shared by dwh.cfg, the environment and flags, so a value means the same
 * wherever it is written. Each turns text into the typed value or fails saying what is
 * expected; the caller says where the value came from (file and line, variable, flag).
 */
import { z } from 'zod';
import { defaultWarehouseUrl, enginesReading, warehouseExamples } from '../engines/registry.js';
import {
  boolean,
  bucketName,
  dataLocation,
  isHttpUrl,
  isIpv4Cidr,
  keyPrefix,
  location,
  matching,
  s3Uri,
  schemeLike,
  warehouseUrl,
  wholeNumber,
} from './setting-validators.js';
import { redactUrl } from '../redact-url.js';

/** Every value a layer (flags, environment, file) can set, flat and typed. */
export interface SettingValues {
  warehouse: string;
  /** Expanded to songData and logData by load-settings; not a setting of its own. */
  source: string;
  songData: string;
  logData: string;
  logJsonPath: string;
  maxErrors: number;
  memoryLimit: string;
  lockTimeoutSeconds: number;
  schema: string;
  region: string;
  s3Endpoint: string;
  iamRoleArn: string;
  stagingBucket: string;
  stagingPrefix: string;
  host: string;
  dbName: string;
  dbUser: string;
  dbPassword: string;
  dbPort: number;
  clusterIdentifier: string;
  clusterType: 'single-node' | 'multi-node';
  nodeType: string;
  numNodes: number;
  iamRoleName: string;
  securityGroupName: string;
  bucket: string;
  prefix: string;
  allowCidr: string;
  serverless: boolean;
  publiclyAccessible: boolean;
}

export type SettingName = keyof SettingValues;
export type SettingsLayer = Partial<SettingValues>;

/** Settings whose value never appears in a message. */
const secretSettings: ReadonlySet<SettingName> = new Set<SettingName>(['dbPassword']);

/** Where a setting may be written besides dwh.cfg's keys: a flag and an environment variable. */
export interface SettingDeclaration<K extends SettingName> {
  /** Turns the text written anywhere into the value, or fails saying what is expected. */
  readonly validator: z.ZodType<SettingValues[K], string>;
  /** dwh.cfg keys as SECTION.key (lower-case key); a setting may have several spellings. */
  readonly keys: readonly string[];
  /** The long flag (`--max-errors`), with its value's placeholder and help, for commands that take it. */
  readonly flag?: { readonly name: string; readonly short?: string; readonly value: string; readonly help: string };
  /** The environment variable that sets it. */
  readonly env?: string;
  /** The value when nothing sets it; absent: unset. */
  readonly default?: SettingValues[K];
}

/**
 * Every setting, declared once: its validator, dwh.cfg keys, flag, environment variable
 * and default. The dwh.cfg sections (config-schema.ts), the flag and variable names
 * (load-settings.ts), the defaults (settings.ts) and the CLI's options (cli/common-options.ts)
 * are all read from here.
 */
export const settingDeclarations: { readonly [K in SettingName]: SettingDeclaration<K> } = {
  warehouse: {
    validator: warehouseUrl,
    keys: ['SPARKIFY.warehouse'],
    flag: { name: '--warehouse', short: '-w', value: '<url>', help: `warehouse URL: ${warehouseExamples()}` },
    env: 'SPARKIFY_WAREHOUSE',
    default: defaultWarehouseUrl(),
  },
  source: {
    validator: location(`${dataLocation} holding song_data/ and log_data/`),
    keys: ['SPARKIFY.source'],
    flag: { name: '--source', short: '-s', value: '<dir>', help: 'a folder or s3://bucket/prefix holding song_data/ and log_data/' },
    env: 'SPARKIFY_SOURCE',
  },
  songData: {
    validator: location(dataLocation),
    keys: ['S3.song_data'],
    flag: { name: '--song-data', value: '<path>', help: 'the song tree (folder, file or s3:// prefix)' },
    env: 'SPARKIFY_SONG_DATA',
  },
  logData: {
    validator: location(dataLocation),
    keys: ['S3.log_data'],
    flag: { name: '--log-data', value: '<path>', help: 'the event-log tree (folder, file or s3:// prefix)' },
    env: 'SPARKIFY_LOG_DATA',
  },
  logJsonPath: {
    validator: z
      .string()
      .refine((v) => /^auto( ignorecase)?$/i.test(v) || s3Uri.test(v) || !schemeLike.test(v), {
        error: "expected an s3:// URI or local path of a JSONPaths file, or 'auto'",
      }),
    keys: ['S3.log_jsonpath'],
  },
  maxErrors: {
    validator: wholeNumber(0, Number.MAX_SAFE_INTEGER, 'expected a whole number, 0 or more'),
    keys: ['SPARKIFY.max_errors'],
    flag: { name: '--max-errors', value: '<n>', help: 'rejected records to tolerate (kept in load_errors) before the load fails' },
    env: 'SPARKIFY_MAX_ERRORS',
    default: 0,
  },
  memoryLimit: {
    validator: z
      .string()
      .transform((v) => v.replace(/\s+/g, ''))
      .pipe(matching(/^\d+(\.\d+)?([KMGT]i?B|B)$/i, 'expected a size such as 512MB, 1GB or 4GiB')),
    keys: ['SPARKIFY.memory_limit'],
    flag: { name: '--memory-limit', value: '<size>', help: `${enginesReading('memoryLimit')} memory limit, e.g. 1GB` },
    env: 'SPARKIFY_MEMORY_LIMIT',
  },
  lockTimeoutSeconds: {
    validator: wholeNumber(0, 86_400 * 7, 'expected a whole number of seconds, 0 or more (at most a week)'),
    keys: ['SPARKIFY.lock_timeout'],
    flag: { name: '--lock-timeout', value: '<seconds>', help: 'seconds to wait for another load to finish' },
    env: 'SPARKIFY_LOCK_TIMEOUT',
    default: 30,
  },
  schema: {
    validator: matching(
      /^[A-Za-z_][A-Za-z0-9_]{0,62}$/,
      'expected an SQL name: letters, digits and _, not starting with a digit, at most 63 characters',
    ),
    keys: ['SPARKIFY.schema'],
    flag: { name: '--schema', value: '<name>', help: `${enginesReading('schema')} schema to create and work in (default: the search path)` },
    env: 'SPARKIFY_SCHEMA',
  },
  region: {
    validator: matching(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'expected an AWS region such as us-west-2'),
    keys: ['SPARKIFY.region', 'AWS.region'],
    flag: {
      name: '--region',
      value: '<region>',
      help: `AWS region of s3:// sources and ${enginesReading('objectStore')} (default: from config, AWS_REGION, or the bucket)`,
    },
    env: 'AWS_REGION',
  },
  s3Endpoint: {
    validator: z.string().refine(isHttpUrl, { error: 'expected an http:// or https:// URL such as http://localhost:9000' }),
    keys: ['SPARKIFY.s3_endpoint'],
    flag: { name: '--s3-endpoint', value: '<url>', help: 'an S3-compatible endpoint for s3:// sources (MinIO, s3rver)' },
    env: 'SPARKIFY_S3_ENDPOINT',
  },
  iamRoleArn: {
    validator: matching(
      /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
      'expected a role ARN such as arn:aws:iam::123456789012:role/sparkify-redshift-s3-read',
    ),
    keys: ['IAM_ROLE.arn'],
  },
  stagingBucket: { validator: bucketName, keys: ['S3.staging_bucket'] },
  stagingPrefix: {
    validator: keyPrefix('expected an S3 key prefix such as sparkify/staging'),
    keys: ['S3.staging_prefix'],
    default: 'sparkify/staging',
  },
  host: {
    validator: matching(/^[^\s/]+$/, 'expected a host name such as my-cluster.abc123.us-west-2.redshift.amazonaws.com'),
    keys: ['CLUSTER.host'],
  },
  dbName: { validator: matching(/^\S+$/, 'expected a database name without spaces'), keys: ['CLUSTER.db_name', 'DWH.dwh_db'] },
  dbUser: { validator: matching(/^\S+$/, 'expected a user name without spaces'), keys: ['CLUSTER.db_user', 'DWH.dwh_db_user'] },
  dbPassword: { validator: z.string(), keys: ['CLUSTER.db_password', 'DWH.dwh_db_password'], env: 'SPARKIFY_DB_PASSWORD' },
  dbPort: { validator: wholeNumber(1, 65_535, 'expected a port number from 1 to 65535'), keys: ['CLUSTER.db_port', 'DWH.dwh_port'] },
  // Redshift stores identifiers lower-cased, so the course's "dwhCluster" is accepted as dwhcluster.
  clusterIdentifier: {
    validator: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(
        matching(
          /^[a-z](?!.*--)([a-z0-9-]{0,61}[a-z0-9])?$/,
          'expected 1-63 letters, digits and single hyphens, starting with a letter and not ending with a hyphen',
        ),
      ),
    keys: ['INFRA.cluster_identifier', 'DWH.dwh_cluster_identifier'],
    default: 'sparkify-cluster',
  },
  clusterType: {
    validator: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(z.enum(['single-node', 'multi-node'], { error: 'expected single-node or multi-node' })),
    keys: ['INFRA.cluster_type', 'DWH.dwh_cluster_type'],
    default: 'single-node',
  },
  // ra3.large is the smallest current provisioned node type (the course's dc2.large is being retired by AWS).
  nodeType: {
    validator: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(matching(/^[a-z0-9]+\.[a-z0-9]+$/, 'expected a Redshift node type such as ra3.large or ra3.xlplus')),
    keys: ['INFRA.node_type', 'DWH.dwh_node_type'],
    default: 'ra3.large',
  },
  numNodes: {
    validator: wholeNumber(1, 128, 'expected a whole number of nodes from 1 to 128'),
    keys: ['INFRA.num_nodes', 'DWH.dwh_num_nodes'],
    default: 1,
  },
  iamRoleName: {
    validator: matching(/^[\w+=,.@-]{1,64}$/, 'expected an IAM role name: 1-64 letters, digits and +=,.@_-'),
    keys: ['INFRA.iam_role_name', 'DWH.dwh_iam_role_name'],
    default: 'sparkify-redshift-s3-read',
  },
  securityGroupName: {
    validator: matching(
      /^(?!sg-)[\x20-\x7e]{1,255}$/,
      'expected a security group name: 1-255 printable ASCII characters, not starting with sg-',
    ),
    keys: ['INFRA.security_group_name'],
    default: 'sparkify-redshift',
  },
  bucket: { validator: bucketName, keys: ['INFRA.bucket'] },
  prefix: { validator: keyPrefix('expected an S3 key prefix such as sparkify'), keys: ['INFRA.prefix'], default: 'sparkify' },
  allowCidr: {
    validator: z.string().refine(isIpv4Cidr, { error: 'expected an IPv4 CIDR block such as 203.0.113.7/32' }),
    keys: ['INFRA.allow_cidr'],
  },
  serverless: { validator: boolean, keys: ['INFRA.serverless'], default: false },
  publiclyAccessible: { validator: boolean, keys: ['INFRA.publicly_accessible'], default: false },
};

/** A setting's declared default; for settings that have one. */
export function declaredDefault<K extends SettingName>(name: K): SettingValues[K] {
  const value = settingDeclarations[name].default;
  if (value === undefined) throw new Error(`setting ${name} declares no default`);
  return value;
}

export type ParsedValue<K extends SettingName> =
  | { ok: true; value: SettingValues[K] }
  | { ok: false; problem: string };

/**
 * Validates one value. On failure `problem` says what was given (redacted, or not at all for a
 * secret) and what is expected, ready to follow "where:".
 */
export function parseSettingValue<K extends SettingName>(name: K, text: string): ParsedValue<K> {
  const result = settingDeclarations[name].validator.safeParse(text);
  if (result.success) return { ok: true, value: result.data };
  const expected = result.error.issues[0]?.message ?? 'invalid value';
  return { ok: false, problem: `${describeGiven(name, text)}; ${expected}` };
}

function describeGiven(name: SettingName, text: string): string {
  if (secretSettings.has(name)) return 'the value (not shown) is not valid';
  const shown = name === 'warehouse' || name === 's3Endpoint' ? redactUrl(text) : text;
  const short = shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
  return `${JSON.stringify(short)} is not valid`;
}
