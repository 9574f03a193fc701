/**
 * S3 failures mapped to sparkify's error kinds in one place, by the SDK's error name,
 * HTTP status or socket code (never by message text). Each message names the bucket
 * or object and says what to check; none prints a credential.
 */
import { redactUrl, redactUrlsIn } from '../redact-url.js';
import { ConfigError, ConnectionError, LoadError, SparkifyError } from '../errors.js';

interface AwsErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const ACCESS_DENIED = new Set([
  'AccessDenied', 'Forbidden', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AllAccessDisabled', 'AccountProblem',
]);
const EXPIRED = new Set(['ExpiredToken', 'TokenRefreshRequired', 'InvalidToken', 'ExpiredTokenException']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH']);

function shapeOf(error: unknown): AwsErrorShape {
  return typeof error === 'object' && error !== null ? (error as AwsErrorShape) : {};
}

/** Which credentials the default chain used, named without revealing any of them. */
export function credentialSource(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AWS_ACCESS_KEY_ID) return 'the access key in AWS_ACCESS_KEY_ID';
  if (env.AWS_PROFILE) return `the profile AWS_PROFILE=${env.AWS_PROFILE}`;
  return 'the default AWS profile (or the instance role)';
}

export interface S3ErrorContext {
  /** The s3:// URI of the bucket, prefix or object the request was about. */
  readonly target: string;
  readonly bucket: string;
  /** An S3-compatible endpoint, when one is configured: named in network errors. */
  readonly endpoint?: string;
  /** The request was about one object (a bare 404 then means the object, not the bucket). */
  readonly object?: boolean;
}

/** Maps any error from an S3 request (or from reading its body) to a SparkifyError. */
export function s3Error(error: unknown, context: S3ErrorContext): SparkifyError {
  if (error instanceof SparkifyError) return error;
  const { name = '', code, $metadata } = shapeOf(error);
  const status = $metadata?.httpStatusCode;
  const { target, bucket } = context;

  if (name === 'CredentialsProviderError' || name === 'ProviderError') {
    return new ConfigError(
      `no AWS credentials found to read ${target}: configure a profile (aws configure --profile NAME) and set ` +
        'AWS_PROFILE=NAME, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
      { cause: error },
    );
  }
  const bareNotFound = status === 404 && name === 'NotFound';
  if (name === 'NoSuchBucket' || (bareNotFound && !context.object)) {
    return new ConfigError(`${target}: the bucket "${bucket}" does not exist; check the bucket name in the source or staging setting`, { cause: error });
  }
  if (name === 'NoSuchKey' || bareNotFound) {
    return new LoadError(`${target}: the object disappeared while loading; run the load again`, { cause: error });
  }
  if (name === 'PreconditionFailed' || status === 412) {
    return new LoadError(`${target}: the object changed while loading; run the load again`, { cause: error });
  }
  if (EXPIRED.has(name)) {
    return new ConnectionError(
      `${target}: the AWS session of ${credentialSource()} has expired; refresh it (aws sso login, or new keys) and retry`,
      { cause: error },
    );
  }
  if (ACCESS_DENIED.has(name) || status === 403) {
    return new ConnectionError(
      `${target}: access denied (${name || 'HTTP 403'}) for ${credentialSource()}; check that these credentials ` +
        `may list and read s3://${bucket}, or set AWS_PROFILE to a profile that may`,
      { cause: error },
    );
  }
  if ((code && NETWORK_CODES.has(code)) || name === 'TimeoutError' || (name === 'Error' && code !== undefined)) {
    // An endpoint may carry user-info (http://key:secret@host): shown redacted, like every URL.
    const where = context.endpoint === undefined ? 'AWS S3' : redactUrl(context.endpoint);
    return new ConnectionError(`${target}: cannot reach ${where} (${code ?? name}); check the network or the S3 endpoint setting`, { cause: error });
  }
  const detail = redactUrlsIn(shapeOf(error).message?.split('\n')[0] ?? String(error));
  return new LoadError(`${target}: S3 request failed (${name || 'error'}${status ? `, HTTP ${status}` : ''}): ${detail}`, { cause: error });
}
