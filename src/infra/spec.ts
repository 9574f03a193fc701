/**
 * The desired stack: settings ([INFRA], [CLUSTER], data locations) and `infra` flags resolved
 * into one StackSpec, with the checks that need no AWS call (region, CIDR, password source).
 */
import type { Settings } from '../config/settings.js';
import { ConfigError, UsageError } from '../errors.js';
import { dataLocations, redshiftTrustPolicy, S3_READ_POLICY_NAME, s3ReadPolicy } from './policies.js';
import { stackTags } from './tags.js';
import type { StackSpec } from './types.js';

/** The environment variable an opted-in admin password is read from; it is never written anywhere. */
export const PASSWORD_ENV = 'SPARKIFY_DB_PASSWORD';
export const DEFAULT_PORT = 5439;
/** The smallest base capacity Redshift Serverless accepts. */
export const DEFAULT_BASE_RPU = 8;

export interface SpecOptions {
  /** `--serverless`: a namespace and workgroup instead of a provisioned cluster. */
  readonly serverless?: boolean;
  /** `--create-bucket`: create (or reuse) the [INFRA] BUCKET. */
  readonly createBucket?: boolean;
  /** `--public`: make the cluster reachable from outside the VPC (still only from the allowed CIDR). */
  readonly publiclyAccessible?: boolean;
  /** `--password-from-env`: the admin password from $SPARKIFY_DB_PASSWORD, not Secrets Manager. */
  readonly passwordFromEnv?: boolean;
  /** `--rpu N`: serverless base capacity. */
  readonly baseCapacity?: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The region from settings, else the SDK's usual variables; undefined when none names one. */
export function configuredRegion(settings: Settings, env: Env): string | undefined {
  return settings.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
}

/** The configured region, or a ConfigError: the SDK is never left to guess. */
export function resolveRegion(settings: Settings, env: Env): string {
  const region = configuredRegion(settings, env);
  if (!region) {
    throw new ConfigError('no AWS region: set [AWS] REGION in dwh.cfg (e.g. us-west-2) or export AWS_REGION');
  }
  return region;
}

const ipv4Cidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** An IPv4 CIDR as AWS accepts it in a security-group rule, or a UsageError saying what is expected. */
export function validateCidr(cidr: string, where = '--allow-cidr'): string {
  const match = ipv4Cidr.exec(cidr.trim());
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const bits = match ? Number(match[5]) : -1;
  if (!match || octets.some((o) => o > 255) || bits > 32) {
    throw new UsageError(`${where} takes an IPv4 CIDR such as 203.0.113.7/32, not "${cidr}"`);
  }
  return cidr.trim();
}

export interface ResolvedCidr {
  readonly cidr: string;
  /** Set when the rule opens the port to the whole internet. */
  readonly warning?: string;
}

/**
 * The CIDR allowed in on the warehouse port: the one the user gave (flag or [INFRA] ALLOW_CIDR),
 * else this machine's public IP as a /32. Never 0.0.0.0/0 unless the user wrote it.
 */
export async function resolveAllowCidr(
  explicit: string | undefined,
  lookupPublicIp: () => Promise<string | undefined>,
): Promise<ResolvedCidr> {
  if (explicit !== undefined) {
    const cidr = validateCidr(explicit);
    const open = cidr.endsWith('/0');
    return open
      ? { cidr, warning: `--allow-cidr ${cidr} opens the warehouse port to the whole internet; prefer your own address/32` }
      : { cidr };
  }
  const ip = await lookupPublicIp();
  if (!ip || !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    throw new ConfigError('could not determine your public IP address; pass --allow-cidr A.B.C.D/32 (the address you connect from)');
  }
  return { cidr: `${ip}/32` };
}

export interface SpecContext {
  readonly region: string;
  readonly configPath: string;
  /** Required by `up`; `status` and `down` do not need it. */
  readonly allowCidr?: string;
  /** `up` needs a data location for the role's policy; `status` and `down` only need the names. */
  readonly forUp?: boolean;
  readonly env: Env;
  /** The AWS account, once looked up: it names the staging bucket `up` owns (bucket names are global). */
  readonly accountId?: string;
}

/** Bucket names are at most 63 characters. */
const MAX_BUCKET_NAME = 63;

/**
 * The staging bucket `up` creates and owns when no bucket is named: one per stack and
 * account, so it is found again by every later `up`, `status` and `down`.
 */
export function ownedStagingBucketName(stack: string, accountId: string): string {
  const suffix = `-staging-${accountId}`;
  return `${stack.slice(0, MAX_BUCKET_NAME - suffix.length).replace(/-+$/, '').toLowerCase()}${suffix}`;
}

/**
 * Where a Redshift load stages its parts: [S3] STAGING_BUCKET when set, else a prefix in
 * the [INFRA] BUCKET the user named, else the bucket `up` owns (once the account is known).
 */
function stagingOf(settings: Settings, stack: string, accountId: string | undefined): StackSpec['staging'] {
  const prefix = settings.stagingPrefix.replace(/^\/+|\/+$/g, '');
  if (settings.stagingBucket) return { bucket: settings.stagingBucket, prefix, owned: false };
  if (settings.infra.bucket) return { bucket: settings.infra.bucket, prefix, owned: false };
  if (accountId !== undefined) return { bucket: ownedStagingBucketName(stack, accountId), prefix, owned: true };
  return undefined;
}

export function buildStackSpec(settings: Settings, options: SpecOptions, context: SpecContext): StackSpec {
  const infra = settings.infra;
  const stack = infra.clusterIdentifier;
  const staging = stagingOf(settings, stack, context.accountId);
  const locations = dataLocations(settings);
  // COPY reads the staged parts: the role may read the staging prefix too.
  if (staging && !locations.some((l) => l.bucket === staging.bucket && l.prefix === staging.prefix && !l.object)) {
    locations.push({ bucket: staging.bucket, prefix: staging.prefix });
  }
  if (locations.length === 0 && context.forUp) {
    throw new ConfigError(
      'no S3 data location for the role to read: set [INFRA] BUCKET (and PREFIX), or [S3] SONG_DATA and LOG_DATA to s3:// URLs',
    );
  }
  if (options.createBucket && !infra.bucket) {
    throw new UsageError('--create-bucket needs a bucket name: set [INFRA] BUCKET in dwh.cfg');
  }
  if (options.passwordFromEnv && !context.env[PASSWORD_ENV]) {
    throw new ConfigError(`--password-from-env: ${PASSWORD_ENV} is not set; export it, or drop the flag to let Secrets Manager hold the password`);
  }
  const serverless = options.serverless ?? infra.serverless;
  return {
    stack,
    region: context.region,
    mode: serverless ? 'serverless' : 'provisioned',
    tags: stackTags(stack),
    ...(infra.bucket
      ? { bucket: { name: infra.bucket, create: options.createBucket ?? false } }
      : staging?.owned
        ? { bucket: { name: staging.bucket, create: true } }
        : {}),
    ...(staging ? { staging } : {}),
    role: {
      name: infra.iamRoleName,
      trustPolicy: redshiftTrustPolicy(),
      policyName: S3_READ_POLICY_NAME,
      s3Policy: s3ReadPolicy(locations),
    },
    securityGroup: {
      name: infra.securityGroupName,
      description: `sparkify ${stack}: Redshift port from allowed addresses only`,
      // '' for status and down, which never touch the rule; plan.ts refuses an `up` without one.
      allowCidr: context.allowCidr ?? '',
    },
    port: settings.cluster.dbPort ?? DEFAULT_PORT,
    dbName: settings.cluster.dbName ?? 'dev',
    dbUser: settings.cluster.dbUser ?? 'awsuser',
    publiclyAccessible: options.publiclyAccessible ?? infra.publiclyAccessible,
    password: options.passwordFromEnv ? 'environment' : 'secrets-manager',
    cluster: { identifier: stack, nodeType: infra.nodeType, clusterType: infra.clusterType, numNodes: infra.numNodes },
    serverless: { namespace: stack, workgroup: stack, baseCapacity: options.baseCapacity ?? DEFAULT_BASE_RPU },
    configPath: context.configPath,
  };
}
