/**
 * `s3://bucket/key` locations: parsed and validated once, so nothing that reaches an
 * S3 request, a COPY statement or a manifest can carry a stray quote or control
 * character in a bucket name, and keys are checked for what S3 itself refuses.
 */
import { ConfigError } from '../errors.js';

export interface S3Location {
  readonly bucket: string;
  /** The key or key prefix after the bucket, without a leading slash; '' for the whole bucket. */
  readonly key: string;
}

/** S3's naming rules for new buckets: 3-63 characters, lower case, digits, dots and hyphens. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// Control characters (C0, DEL, C1) never belong in a key we read or write.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export function isS3Uri(location: string): boolean {
  return location.startsWith('s3://');
}

/** Parses `s3://bucket[/key]`; `what` names the setting for the error message. */
export function parseS3Uri(uri: string, what = 'S3 location'): S3Location {
  if (!isS3Uri(uri)) throw new ConfigError(`${what} "${uri}" is not an s3://bucket/prefix URI`);
  const rest = uri.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const key = slash === -1 ? '' : rest.slice(slash + 1);
  return { bucket: checkBucketName(bucket, what), key: checkKey(key, what) };
}

export function checkBucketName(bucket: string, what = 'bucket'): string {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new ConfigError(
      `${what}: "${bucket}" is not a valid S3 bucket name (3-63 characters: lower-case letters, digits, dots, hyphens)`,
    );
  }
  return bucket;
}

export function checkKey(key: string, what = 'S3 key'): string {
  if (CONTROL_CHARACTER.test(key)) throw new ConfigError(`${what}: an S3 key must not contain control characters`);
  if (Buffer.byteLength(key) > 1024) throw new ConfigError(`${what}: an S3 key is at most 1024 bytes long`);
  return key;
}

export function formatS3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

/** Joins key parts with single slashes: `joinKey('a/', '/b', 'c')` is `a/b/c`. */
export function joinKey(...parts: readonly string[]): string {
  return parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part.length > 0)
    .join('/');
}
