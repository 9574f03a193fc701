/**
 * The text of Redshift's COPY, and the two documents it reads besides the data: the
 * JSONPaths file that maps JSON keys to the staging columns, and the manifest that
 * lists the parts. COPY takes no bind parameters, so every value from config or the
 * command line (IAM role, bucket, prefix, region) is validated for its form first and
 * then quoted through the dialect; a quote in any of them cannot end the literal.
 */
import { ConfigError } from '../../errors.js';
import type { StagingKind } from '../../records/staging-record.js';
import { stagingTables } from '../../sql/staging-columns.js';
import type { Dialect } from '../dialect.js';

/** Redshift refuses a MAXERROR above this. */
export const MAX_COPY_ERRORS = 100_000;

/**
 * The MAXERROR that lets COPY refuse exactly `tolerated` rows and still succeed.
 * Redshift fails a load that returns MAXERROR errors *or more* ("set it to 0 or 1 to
 * fail at the first error"), so the value is one above what may be refused. Capped at
 * Redshift's limit: past 99,999 refused rows one COPY fails whatever the budget says.
 */
export function maxErrorFor(tolerated: number): number {
  return Math.min(Math.max(0, Math.trunc(tolerated)) + 1, MAX_COPY_ERRORS);
}

// arn:aws:iam::123456789012:role/name, or role/path/name; the partitions AWS has.
// A path may hold any printable ASCII (a quote too, which quoting doubles); a
// backslash is refused, as quoteRedshiftLiteral does.
const ROLE_ARN = /^arn:aws(?:-cn|-us-gov|-iso|-iso-b)?:iam::\d{12}:role\/(?:[\u0021-\u005b\u005d-\u007e]+\/)?[\w+=,.@-]{1,64}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/**
 * The IAM_ROLE value: `default` (the cluster's default role), one role ARN, or a chain
 * of ARNs separated by commas. Returns it unchanged, or throws a ConfigError.
 */
export function checkIamRole(value: string): string {
  if (value === 'default') return value;
  const chain = value.split(/,(?=arn:)/);
  for (const arn of chain) {
    if (!ROLE_ARN.test(arn)) {
      throw new ConfigError(
        `IAM role "${value}" is not a role ARN (arn:aws:iam::123456789012:role/NAME) or "default"; set [IAM_ROLE] ARN`,
      );
    }
  }
  return value;
}

export function checkRegion(value: string): string {
  if (!REGION.test(value)) throw new ConfigError(`region "${value}" is not an AWS region name such as us-west-2`);
  return value;
}

export interface CopyPlan {
  readonly kind: StagingKind;
  /** s3:// URI of the manifest listing the gzip parts. */
  readonly manifestUri: string;
  /** s3:// URI of the JSONPaths document. */
  readonly jsonPathsUri: string;
  /** Checked with checkIamRole. */
  readonly iamRole: string;
  /** The staging bucket's region, when it may differ from the cluster's. */
  readonly region?: string;
  /** Rows COPY may refuse and still succeed (the load's budget that is left). */
  readonly errorsTolerated: number;
}

/** The staging columns in COPY order: the order of sql/staging-columns.ts. */
export function copyColumns(kind: StagingKind): string[] {
  return stagingTables[kind].columns.map((column) => column.column);
}

export function copyStatement(dialect: Dialect, plan: CopyPlan): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const literal = (value: string) => dialect.quoteLiteral(value);
  const role = checkIamRole(plan.iamRole);
  const lines = [
    `COPY ${q(stagingTables[plan.kind].table)} (${copyColumns(plan.kind).map(q).join(', ')})`,
    `FROM ${literal(s3UriOf(plan.manifestUri))}`,
    `IAM_ROLE ${role === 'default' ? 'default' : literal(role)}`,
    `FORMAT AS JSON ${literal(s3UriOf(plan.jsonPathsUri))}`,
    'MANIFEST',
    'GZIP',
    // "timestamp" gets epoch milliseconds; ts_ms, a BIGINT, takes the same number as is.
    `TIMEFORMAT 'epochmillisecs'`,
    ...(plan.region === undefined ? [] : [`REGION ${literal(checkRegion(plan.region))}`]),
    `MAXERROR ${maxErrorFor(plan.errorsTolerated)}`,
    // Staging is emptied and refilled per file: fresh compression analysis and
    // statistics on every load would cost more than they give.
    'COMPUPDATE OFF',
    'STATUPDATE OFF',
  ];
  return lines.join('\n');
}

function s3UriOf(uri: string): string {
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/\S/.test(uri)) throw new ConfigError(`"${uri}" is not an s3://bucket/key URI`);
  return uri;
}

/**
 * The JSONPaths document: one path per COPY column, in COPY order. The parts carry one
 * key per staging column, named as the column (ndjson-parts.ts), so each path is
 * simply that name.
 */
export function jsonPathsDocument(kind: StagingKind): string {
  return JSON.stringify({ jsonpaths: copyColumns(kind).map((column) => `$['${column}']`) }, null, 2);
}

export interface ManifestEntry {
  readonly uri: string;
  readonly bytes: number;
}

/** Every part is mandatory: a part COPY cannot read must fail the load, never shrink it. */
export function manifestDocument(entries: readonly ManifestEntry[]): string {
  return JSON.stringify(
    { entries: entries.map((entry) => ({ url: s3UriOf(entry.uri), mandatory: true, meta: { content_length: entry.bytes } })) },
    null,
    2,
  );
}
