/**
 * One zod validator per setting, shared by dwh.cfg, the environment and flags, so a value means
 * the same wherever it is written. Each turns text into the typed value or fails saying what is
 * expected; the caller says where the value came from (file and line, variable, flag).
 */
import { z } from 'zod';
import { readWarehouseUrl } from '../engines/registry.js';
import { redactUrl } from './redact.js';

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

function wholeNumber(min: number, max: number, expected: string) {
  return z
    .string()
    .regex(/^\d+$/, { error: expected })
    .transform(Number)
    .pipe(z.number().min(min, { error: expected }).max(max, { error: expected }));
}

function matching(pattern: RegExp, expected: string) {
  return z.string().regex(pattern, { error: expected });
}

const s3Uri = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const schemeLike = /^[a-z][a-z0-9+.-]+:/i;

/** A local path, or an s3:// URI; any other scheme (or a mistyped s3:/) is refused. */
function location(expected: string) {
  return z.string().refine((v) => s3Uri.test(v) || !schemeLike.test(v), { error: expected });
}

/** A URL whose scheme a registered engine answers to, in the shape that engine expects. */
const warehouseUrl = z.string().superRefine((value, context) => {
  const reading = readWarehouseUrl(value);
  if (!reading.ok) context.addIssue({ code: 'custom', message: reading.expected });
});

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isIpv4Cidr(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!match) return false;
  const numbers = match.slice(1).map(Number);
  return numbers.slice(0, 4).every((n) => n <= 255) && (numbers[4] ?? 99) <= 32;
}

// The words configparser's getboolean() accepts.
const booleanWords: Record<string, boolean> = {
  ...{ '1': true, yes: true, true: true, on: true },
  ...{ '0': false, no: false, false: false, off: false },
};
const boolean = z
  .string()
  .transform((v) => v.toLowerCase())
  .refine((v) => Object.hasOwn(booleanWords, v), { error: 'expected true or false (also yes/no, on/off, 1/0)' })
  .transform((v) => booleanWords[v] === true);

/** Slashes at either end of a key prefix carry no meaning: "/a/b/" is the prefix "a/b". */
function keyPrefix(expected: string) {
  return z
    .string()
    .transform((v) => v.replace(/^\/+|\/+$/g, ''))
    .refine((v) => v !== '' && !/[\p{Cc}\\]/u.test(v), { error: expected });
}

const bucketName = matching(
  /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  'expected an S3 bucket name such as my-sparkify-data (3-63 lower-case letters, digits, dots, hyphens; no s3://)',
);
const dataLocation = 'expected a local folder or an s3://bucket/prefix URI';

export const settingSchemas: { readonly [K in SettingName]: z.ZodType<SettingValues[K], string> } = {
  warehouse: warehouseUrl,
  source: location(`${dataLocation} holding song_data/ and log_data/`),
  songData: location(dataLocation),
  logData: location(dataLocation),
  logJsonPath: z
    .string()
    .refine((v) => /^auto( ignorecase)?$/i.test(v) || s3Uri.test(v) || !schemeLike.test(v), {
      error: "expected an s3:// URI or local path of a JSONPaths file, or 'auto'",
    }),
  maxErrors: wholeNumber(0, Number.MAX_SAFE_INTEGER, 'expected a whole number, 0 or more'),
  memoryLimit: z
    .string()
    .transform((v) => v.replace(/\s+/g, ''))
    .pipe(matching(/^\d+(\.\d+)?([KMGT]i?B|B)$/i, 'expected a size such as 512MB, 1GB or 4GiB')),
  lockTimeoutSeconds: wholeNumber(0, 86_400 * 7, 'expected a whole number of seconds, 0 or more (at most a week)'),
  schema: matching(
    /^[A-Za-z_][A-Za-z0-9_]{0,62}$/,
    'expected an SQL name: letters, digits and _, not starting with a digit, at most 63 characters',
  ),
  region: matching(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'expected an AWS region such as us-west-2'),
  s3Endpoint: z.string().refine(isHttpUrl, { error: 'expected an http:// or https:// URL such as http://localhost:9000' }),
  iamRoleArn: matching(
    /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
    'expected a role ARN such as arn:aws:iam::123456789012:role/sparkify-redshift-s3-read',
  ),
  stagingBucket: bucketName,
  stagingPrefix: keyPrefix('expected an S3 key prefix such as sparkify/staging'),
  host: matching(/^[^\s/]+$/, 'expected a host name such as my-cluster.abc123.us-west-2.redshift.amazonaws.com'),
  dbName: matching(/^\S+$/, 'expected a database name without spaces'),
  dbUser: matching(/^\S+$/, 'expected a user name without spaces'),
  dbPassword: z.string(),
  dbPort: wholeNumber(1, 65_535, 'expected a port number from 1 to 65535'),
  // Redshift stores identifiers lower-cased, so the course's "dwhCluster" is accepted as dwhcluster.
  clusterIdentifier: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(
      matching(
        /^[a-z](?!.*--)([a-z0-9-]{0,61}[a-z0-9])?$/,
        'expected 1-63 letters, digits and single hyphens, starting with a letter and not ending with a hyphen',
      ),
    ),
  clusterType: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(['single-node', 'multi-node'], { error: 'expected single-node or multi-node' })),
  nodeType: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(matching(/^[a-z0-9]+\.[a-z0-9]+$/, 'expected a Redshift node type such as ra3.large or ra3.xlplus')),
  numNodes: wholeNumber(1, 128, 'expected a whole number of nodes from 1 to 128'),
  iamRoleName: matching(/^[\w+=,.@-]{1,64}$/, 'expected an IAM role name: 1-64 letters, digits and +=,.@_-'),
  securityGroupName: matching(
    /^(?!sg-)[\x20-\x7e]{1,255}$/,
    'expected a security group name: 1-255 printable ASCII characters, not starting with sg-',
  ),
  bucket: bucketName,
  prefix: keyPrefix('expected an S3 key prefix such as sparkify'),
  allowCidr: z.string().refine(isIpv4Cidr, { error: 'expected an IPv4 CIDR block such as 203.0.113.7/32' }),
  serverless: boolean,
  publiclyAccessible: boolean,
};

export type ParsedValue<K extends SettingName> =
  | { ok: true; value: SettingValues[K] }
  | { ok: false; problem: string };

/**
 * Validates one value. On failure `problem` says what was given (redacted, or not at all for a
 * secret) and what is expected, ready to follow "where:".
 */
export function parseSettingValue<K extends SettingName>(name: K, text: string): ParsedValue<K> {
  const result = settingSchemas[name].safeParse(text);
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
