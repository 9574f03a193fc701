/**
 * The IAM policy documents `up` attaches, built as plain JSON so they read like the console's:
 * Redshift may assume the role, and the role may read only the data locations sparkify uses
 * (never all of S3, never AmazonS3ReadOnlyAccess).
 */
import type { Settings } from '../config/settings.js';

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: { readonly Service: string };
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** The name of the one inline policy `up` puts on the role. */
export const S3_READ_POLICY_NAME = 'sparkify-s3-read';

/** Lets Redshift (provisioned and serverless) assume the role, to run COPY from S3. */
export function redshiftTrustPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'redshift.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}

/** A key prefix in a bucket (prefix without leading or trailing slash; '' is the whole bucket), or one object. */
export interface S3Location {
  readonly bucket: string;
  readonly prefix: string;
  /** True when `prefix` names one object (a JSONPaths file), not a folder. */
  readonly object?: boolean;
}

export function parseS3Url(url: string | undefined): S3Location | undefined {
  const match = url === undefined ? null : /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match?.[1]) return undefined;
  return { bucket: match[1], prefix: trimSlashes(match[2] ?? '') };
}

function trimSlashes(prefix: string): string {
  return prefix.replace(/^\/+|\/+$/g, '');
}

/**
 * Every S3 place a Redshift COPY reads from: the [INFRA] bucket and prefix, the song and log
 * trees and the JSONPaths file when they are on S3, and the staging area local files are
 * uploaded to before COPY.
 */
export function dataLocations(settings: Settings): S3Location[] {
  const found: S3Location[] = [];
  const add = (location: S3Location | undefined) => {
    if (!location) return;
    if (found.some((l) => l.bucket === location.bucket && l.prefix === location.prefix && l.object === location.object)) return;
    found.push(location);
  };
  if (settings.infra.bucket) add({ bucket: settings.infra.bucket, prefix: trimSlashes(settings.infra.prefix) });
  add(parseS3Url(settings.songData));
  add(parseS3Url(settings.logData));
  const jsonPath = parseS3Url(settings.logJsonPath);
  if (jsonPath && jsonPath.prefix !== '') add({ ...jsonPath, object: true });
  if (settings.stagingBucket) add({ bucket: settings.stagingBucket, prefix: trimSlashes(settings.stagingPrefix) });
  return found;
}

/**
 * Read-only access to exactly these locations: s3:GetObject on the objects under each prefix,
 * and s3:ListBucket on each bucket restricted by an s3:prefix condition to those prefixes.
 */
export function s3ReadPolicy(locations: readonly S3Location[]): PolicyDocument {
  const objectArns = locations.map((l) => {
    if (l.object) return `arn:aws:s3:::${l.bucket}/${l.prefix}`;
    return l.prefix === '' ? `arn:aws:s3:::${l.bucket}/*` : `arn:aws:s3:::${l.bucket}/${l.prefix}/*`;
  });
  // A bucket holding only a JSONPaths file needs no listing at all.
  const listed = [...new Set(locations.filter((l) => !l.object).map((l) => l.bucket))];
  const listStatements = listed.map((bucket, index): PolicyStatement => {
    const inBucket = locations.filter((l) => l.bucket === bucket && !l.object);
    const base = { Sid: `ListDataPrefixes${index + 1}`, Effect: 'Allow' as const, Action: 's3:ListBucket', Resource: `arn:aws:s3:::${bucket}` };
    // A location at the bucket's root needs the whole listing; otherwise only the prefixes.
    if (inBucket.some((l) => l.prefix === '')) return base;
    return { ...base, Condition: { StringLike: { 's3:prefix': inBucket.flatMap((l) => [l.prefix, `${l.prefix}/*`]) } } };
  });
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadDataObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: objectArns },
      ...listStatements,
    ],
  };
}

/** True when two policy documents say the same (IAM returns them re-serialised). */
export function samePolicy(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}
