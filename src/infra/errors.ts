/**
 * AWS SDK errors mapped, in this one place, to sparkify errors whose one-line message says
 * what to do. Credentials, permissions and names the user must change are ConfigErrors (exit
 * 2); busy resources, quotas and capacity are InfraErrors (exit 1); no network is a
 * ConnectionError (exit 2). AWS messages carry no secrets (sparkify never sends a password
 * where an error could echo it), but they are cut to one line.
 */
import { ConfigError, ConnectionError, InfraError, SparkifyError } from '../errors.js';

/** The SDK's error name (`NoSuchEntityException`, `ClusterNotFoundFault`, ...), or ''. */
export function awsErrorName(error: unknown): string {
  if (!error || typeof error !== 'object') return '';
  const e = error as { name?: unknown; Code?: unknown; code?: unknown };
  const name = typeof e.name === 'string' && e.name !== 'Error' ? e.name : '';
  return name || (typeof e.Code === 'string' ? e.Code : '') || (typeof e.code === 'string' ? e.code : '');
}

export function httpStatusOf(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata;
  return typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}

function awsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 300);
}

const credentialErrors = new Set(['CredentialsProviderError', 'TokenProviderError']);
const rejectedCredentials = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'AuthFailure',
  'InvalidToken',
]);
const accessDenied = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AccessDeniedFault',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'Forbidden',
]);
const quotaErrors = new Set([
  'ClusterQuotaExceededFault',
  'NumberOfNodesQuotaExceededFault',
  'NumberOfNodesPerClusterLimitExceededFault',
  'ClusterSecurityGroupQuotaExceededFault',
  'LimitExceededException',
  'LimitExceeded',
  'SecurityGroupLimitExceeded',
  'RulesPerSecurityGroupLimitExceeded',
  'ServiceQuotaExceededException',
  'TooManyBuckets',
  'TooManyTagsException',
  'TagLimitExceededFault',
]);
const capacityErrors = new Set(['InsufficientClusterCapacityFault', 'InsufficientCapacityException']);
const busyErrors = new Set([
  'InvalidClusterStateFault',
  'ConflictException',
  'ConcurrentModificationException',
  'DependencyViolation',
  'DeleteConflictException',
  'OperationAborted',
  'InvalidClusterSubnetGroupStateFault',
]);
const raceErrors = new Set(['ClusterAlreadyExistsFault', 'EntityAlreadyExistsException', 'InvalidGroup.Duplicate']);
const rejectedRequest = new Set([
  'InvalidParameterValue',
  'InvalidParameterValueException',
  'InvalidParameterCombination',
  'InvalidParameterCombinationException',
  'ValidationException',
  'ValidationError',
  'MalformedPolicyDocumentException',
  'InvalidInputException',
  'InvalidVPCNetworkStateFault',
  'UnsupportedOperationFault',
  'InvalidBucketName',
  'IllegalLocationConstraintException',
  'InvalidLocationConstraint',
  'InvalidSubnet',
  'ClusterSubnetGroupNotFoundFault',
]);
const networkCodes = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'TimeoutError', 'NetworkingError']);

/**
 * A sparkify error for an AWS failure while `doing` ("creating cluster sparkify-cluster").
 * Sparkify errors pass through unchanged.
 */
export function mapAwsError(error: unknown, doing: string): SparkifyError {
  if (error instanceof SparkifyError) return error;
  const name = awsErrorName(error);
  const detail = `${name || 'Error'}: ${awsMessage(error)}`;
  const options = { cause: error };

  if (credentialErrors.has(name) || /could not load credentials/i.test(awsMessage(error))) {
    return new ConfigError(
      `no AWS credentials found while ${doing}: run \`aws configure --profile NAME\` (or \`aws sso login\`) and export AWS_PROFILE=NAME; sparkify never reads keys from dwh.cfg`,
      options,
    );
  }
  if (/region is missing/i.test(awsMessage(error))) {
    return new ConfigError(`no AWS region while ${doing}: set [AWS] REGION in dwh.cfg or export AWS_REGION`, options);
  }
  if (rejectedCredentials.has(name)) {
    return new ConfigError(`AWS rejected your credentials while ${doing} (${name}): refresh them (\`aws sso login\` or \`aws configure\`) and retry`, options);
  }
  if (accessDenied.has(name) || (httpStatusOf(error) === 403 && name === '')) {
    return new ConfigError(
      `access denied while ${doing} (${name || '403'}): your AWS identity lacks that permission; see "Permissions" in docs/aws.md`,
      options,
    );
  }
  if (name === 'BucketAlreadyExists') {
    return new ConfigError(`while ${doing}: that bucket name is taken by another AWS account (names are global); set another [INFRA] BUCKET`, options);
  }
  if (quotaErrors.has(name)) {
    return new InfraError(
      `AWS quota reached while ${doing} (${name}): delete unused resources or request an increase in the Service Quotas console, then run \`sparkify infra up\` again`,
      options,
    );
  }
  if (capacityErrors.has(name)) {
    return new InfraError(`AWS has no capacity for this while ${doing} (${name}): retry later, or set another [INFRA] NODE_TYPE or region`, options);
  }
  if (name === 'BucketNotEmpty') {
    return new InfraError(`while ${doing}: the bucket still holds objects (or old versions); pass --force, or empty it in the S3 console`, options);
  }
  if (busyErrors.has(name)) {
    return new InfraError(`the resource is busy or in use while ${doing} (${detail}); wait a few minutes and run the command again`, options);
  }
  if (raceErrors.has(name)) {
    return new InfraError(`while ${doing}: it was created meanwhile by something else (${name}); run the command again to see the plan`, options);
  }
  if (rejectedRequest.has(name)) {
    return new ConfigError(`AWS rejected the request while ${doing} (${detail}); check the [INFRA] settings and flags`, options);
  }
  if (networkCodes.has(name)) {
    return new ConnectionError(`could not reach AWS while ${doing} (${name}): check your network connection and proxy settings`, options);
  }
  return new InfraError(`AWS error while ${doing} (${detail})`, options);
}

/** Runs one AWS call, mapping any failure with what was being done. */
export async function aws<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapAwsError(error, doing);
  }
}

/** Runs one lookup, returning undefined when AWS says the thing does not exist. */
export async function awsLookup<T>(doing: string, notFound: readonly string[], call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (notFound.includes(awsErrorName(error))) return undefined;
    throw mapAwsError(error, doing);
  }
}
