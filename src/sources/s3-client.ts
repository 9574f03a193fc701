/**
 * Builds the S3 client every S3 reader and writer uses. Credentials always come from
 * the SDK's default chain (environment, AWS_PROFILE, SSO, instance role), never from
 * sparkify's config. The region is the configured one, else the bucket's own,
 * discovered with one HeadBucket; an S3-compatible endpoint gets path-style addressing.
 */
import { HeadBucketCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { s3Error } from './s3-errors.js';

export interface S3ConnectOptions {
  /** The AWS region; when absent, the bucket's region is discovered. */
  readonly region?: string;
  /** An S3-compatible endpoint URL (MinIO, s3rver, ...). */
  readonly s3Endpoint?: string;
  /** Attempts per request, with the SDK's exponential back-off between them. */
  readonly maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
/** Where an unconfigured client starts: the global endpoint answers for every bucket. */
const DISCOVERY_REGION = 'us-east-1';

function baseConfig(options: S3ConnectOptions): S3ClientConfig {
  const config: S3ClientConfig = {
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard',
    // A wrong configured region still works, at the cost of one redirected request.
    followRegionRedirects: true,
  };
  if (options.s3Endpoint === undefined) return config;
  return {
    ...config,
    endpoint: options.s3Endpoint,
    // Compatible stores serve buckets under the path, not as virtual hosts, and many
    // reject the flexible checksums (aws-chunked trailers) that AWS S3 now defaults to.
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** A client for `bucket`, in the configured region or the bucket's own. */
export async function createS3Client(bucket: string, options: S3ConnectOptions): Promise<S3Client> {
  const region = options.region ?? (options.s3Endpoint !== undefined ? DISCOVERY_REGION : await discoverBucketRegion(bucket, options));
  return new S3Client({ ...baseConfig(options), region });
}

interface RedirectShape {
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $response?: { readonly headers?: Record<string, string | undefined> };
}

/**
 * The bucket's region, from HeadBucket's answer (or the `x-amz-bucket-region` header
 * of the 301/400 a bucket in another region answers with). `makeClient` is the seam
 * unit tests use to answer without AWS.
 */
export async function discoverBucketRegion(
  bucket: string,
  options: S3ConnectOptions,
  makeClient: (config: S3ClientConfig) => S3Client = (config) => new S3Client(config),
): Promise<string> {
  const probe = makeClient({ ...baseConfig(options), region: DISCOVERY_REGION, followRegionRedirects: false });
  try {
    const answer = await probe.send(new HeadBucketCommand({ Bucket: bucket }));
    return answer.BucketRegion ?? DISCOVERY_REGION;
  } catch (error) {
    const shape = (typeof error === 'object' && error !== null ? error : {}) as RedirectShape;
    const header = shape.$response?.headers?.['x-amz-bucket-region'];
    const status = shape.$metadata?.httpStatusCode;
    // S3 names the region on a redirect, and even on a 403 for a bucket we may not head.
    if (header && (status === 301 || status === 400 || status === 403)) return header;
    throw s3Error(error, { target: `s3://${bucket}`, bucket, endpoint: options.s3Endpoint });
  } finally {
    probe.destroy();
  }
}
