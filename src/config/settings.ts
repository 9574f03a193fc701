/**
 * The resolved settings every command works from. config/load-settings.ts builds
 * them from flags, then environment, then dwh.cfg, then the defaults below.
 */
import { declaredDefault } from './setting-values.js';

export interface ClusterSettings {
  readonly host?: string;
  readonly dbName?: string;
  readonly dbUser?: string;
  /** Never printed: use `redactedSettings` to show settings to a person. */
  readonly dbPassword?: string;
  readonly dbPort?: number;
}

/** `sparkify infra` settings: what to provision on AWS (section [INFRA]). */
export interface InfraSettings {
  readonly clusterIdentifier: string;
  readonly clusterType: 'single-node' | 'multi-node';
  readonly nodeType: string;
  readonly numNodes: number;
  readonly iamRoleName: string;
  readonly securityGroupName: string;
  /** Bucket that holds (or will hold) the data; created by `infra up --create-bucket`. */
  readonly bucket?: string;
  /** Key prefix under the bucket that the IAM role may read. */
  readonly prefix: string;
  readonly allowCidr?: string;
  readonly serverless: boolean;
  readonly publiclyAccessible: boolean;
}

export interface Settings {
  /** Warehouse URL, in a shape an engine of engines/registry.ts accepts. */
  readonly warehouse: string;
  /** Why this warehouse: where it was given, or that [CLUSTER] HOST or the default chose it. */
  readonly warehouseReason: string;
  /** Things a person should know about these settings (a DB_PASSWORD that is not used, ...). */
  readonly notices?: readonly string[];
  /** Song tree: a local path or s3://bucket/prefix. */
  readonly songData?: string;
  /** Event-log tree: a local path or s3://bucket/prefix. */
  readonly logData?: string;
  /** JSONPaths file for Redshift's COPY of the logs ([S3] LOG_JSONPATH). */
  readonly logJsonPath?: string;
  /** Rejected records tolerated per load before it fails (0: the first fails it). */
  readonly maxErrors: number;
  /** DuckDB memory_limit, e.g. "1GB"; unset: sized from the machine (engines/duckdb/memory-limit.ts). */
  readonly memoryLimit?: string;
  /** Seconds a load waits for another load's lock before failing. */
  readonly lockTimeoutSeconds: number;
  /** PostgreSQL/Redshift schema to create and use. */
  readonly schema?: string;
  /** AWS region for S3 and Redshift. */
  readonly region?: string;
  /** An S3-compatible endpoint URL (MinIO, s3rver, ...). */
  readonly s3Endpoint?: string;
  /** IAM role Redshift assumes for COPY ([IAM_ROLE] ARN). */
  readonly iamRoleArn?: string;
  /** Bucket and prefix a local source is uploaded to before Redshift's COPY. */
  readonly stagingBucket?: string;
  readonly stagingPrefix: string;
  readonly cluster: ClusterSettings;
  readonly infra: InfraSettings;
  /** The dwh.cfg these came from, if any. */
  readonly configFile?: string;
}

/** The defaults, as each setting declares its own (setting-values.ts). */
export const defaultSettings = {
  warehouse: declaredDefault('warehouse'),
  maxErrors: declaredDefault('maxErrors'),
  lockTimeoutSeconds: declaredDefault('lockTimeoutSeconds'),
  stagingPrefix: declaredDefault('stagingPrefix'),
} as const;

/** `sparkify infra` defaults: the cheapest useful cluster. */
export const defaultInfraSettings = {
  clusterIdentifier: declaredDefault('clusterIdentifier'),
  clusterType: declaredDefault('clusterType'),
  nodeType: declaredDefault('nodeType'),
  numNodes: declaredDefault('numNodes'),
  iamRoleName: declaredDefault('iamRoleName'),
  securityGroupName: declaredDefault('securityGroupName'),
  prefix: declaredDefault('prefix'),
  serverless: declaredDefault('serverless'),
  publiclyAccessible: declaredDefault('publiclyAccessible'),
} as const satisfies Omit<InfraSettings, 'bucket' | 'allowCidr'>;
