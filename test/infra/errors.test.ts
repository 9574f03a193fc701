/** Each AWS failure becomes a one-line sparkify error that says what to do, with its exit status. */
import { describe, expect, it } from 'vitest';
import { ConfigError, ConnectionError, exitCodeOf, InfraError, UsageError } from '../../src/errors.js';
import { mapAwsError } from '../../src/infra/errors.js';
import { applyPreparedDown, infraUp, prepareDown } from '../../src/infra/run-infra.js';
import { awsError, FakeAws } from './fake-aws.js';
import { BUCKET, STACK, tempConfigPath, testDeps, testSettings } from './helpers.js';

const ROLE = 'sparkify-redshift-s3-read';

async function upError(aws: FakeAws, settings = testSettings(), options: { createBucket?: boolean; allowCidr?: string } = {}): Promise<unknown> {
  try {
    await infraUp(settings, { configPath: await tempConfigPath(), ...options }, testDeps(aws));
  } catch (error) {
    return error;
  }
  throw new Error('up succeeded');
}

describe('AWS errors through up and down', () => {
  const cases: { command: string; error: Error; type: new (...args: never[]) => Error; exit: number; message: string }[] = [
    {
      command: 'GetCallerIdentity',
      error: awsError('CredentialsProviderError', 0, 'Could not load credentials from any providers'),
      type: ConfigError,
      exit: 2,
      message:
        'no AWS credentials found while checking your AWS identity (sts:GetCallerIdentity): run `aws configure --profile NAME` (or `aws sso login`) and export AWS_PROFILE=NAME; sparkify never reads keys from dwh.cfg',
    },
    {
      command: 'GetCallerIdentity',
      error: awsError('ExpiredToken', 403, 'The security token included in the request is expired'),
      type: ConfigError,
      exit: 2,
      message: 'AWS rejected your credentials while checking your AWS identity (sts:GetCallerIdentity) (ExpiredToken): refresh them (`aws sso login` or `aws configure`) and retry',
    },
    {
      command: 'CreateRole',
      error: awsError('AccessDenied', 403, 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:CreateRole'),
      type: ConfigError,
      exit: 2,
      message: `access denied while creating IAM role ${ROLE} (AccessDenied): your AWS identity lacks that permission; see "Permissions" in docs/aws.md`,
    },
    {
      command: 'CreateSecurityGroup',
      error: awsError('UnauthorizedOperation', 403, 'You are not authorized to perform this operation.'),
      type: ConfigError,
      exit: 2,
      message: 'access denied while creating security group sparkify-redshift (UnauthorizedOperation): your AWS identity lacks that permission; see "Permissions" in docs/aws.md',
    },
    {
      command: 'CreateCluster',
      error: awsError('NumberOfNodesQuotaExceededFault', 400, 'nodes quota'),
      type: InfraError,
      exit: 1,
      message: `AWS quota reached while creating Redshift cluster ${STACK} (NumberOfNodesQuotaExceededFault): delete unused resources or request an increase in the Service Quotas console, then run \`sparkify infra up\` again`,
    },
    {
      command: 'CreateCluster',
      error: awsError('InsufficientClusterCapacityFault', 400, 'no capacity'),
      type: InfraError,
      exit: 1,
      message: `AWS has no capacity for this while creating Redshift cluster ${STACK} (InsufficientClusterCapacityFault): retry later, or set another [INFRA] NODE_TYPE or region`,
    },
    {
      command: 'CreateBucket',
      error: awsError('BucketAlreadyExists', 409, 'The requested bucket name is not available'),
      type: ConfigError,
      exit: 2,
      message: `while creating bucket ${BUCKET}: that bucket name is taken by another AWS account (names are global); set another [INFRA] BUCKET`,
    },
    {
      command: 'DescribeVpcs',
      error: awsError('ENOTFOUND', 0, 'getaddrinfo ENOTFOUND ec2.us-west-2.amazonaws.com'),
      type: ConnectionError,
      exit: 2,
      message: 'could not reach AWS while looking up the default VPC (ENOTFOUND): check your network connection and proxy settings',
    },
    {
      command: 'PutRolePolicy',
      error: awsError('MalformedPolicyDocumentException', 400, 'Policy document should not specify a principal.'),
      type: ConfigError,
      exit: 2,
      message: `AWS rejected the request while writing policy sparkify-s3-read on IAM role ${ROLE} (MalformedPolicyDocumentException: Policy document should not specify a principal.); check the [INFRA] settings and flags`,
    },
  ];

  for (const c of cases) {
    it(`${c.error.name} on ${c.command} → ${c.type.name}, exit ${c.exit}`, async () => {
      const aws = new FakeAws();
      aws.failNext(c.command, c.error);
      const error = await upError(aws, testSettings(), { createBucket: true });
      expect(error).toBeInstanceOf(c.type);
      expect(exitCodeOf(error)).toBe(c.exit);
      expect((error as Error).message).toBe(c.message);
      expect((error as Error).message).not.toContain('\n');
    });
  }

  it('InvalidClusterState on delete → InfraError, exit 1, wait and retry', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    await infraUp(testSettings(), { configPath }, testDeps(aws));
    aws.failNext('DeleteCluster', awsError('InvalidClusterStateFault', 400, 'There is an operation running on the Cluster. Please try to delete it at a later time.'));
    const deps = testDeps(aws);
    const failed = applyPreparedDown(await prepareDown(testSettings(), { configPath }, deps), deps);
    await expect(failed).rejects.toBeInstanceOf(InfraError);
    await expect(failed).rejects.toThrow(
      `the resource is busy or in use while deleting Redshift cluster ${STACK} (InvalidClusterStateFault: There is an operation running on the Cluster. Please try to delete it at a later time.); wait a few minutes and run the command again`,
    );
  });

  it('a bucket name owned by another account stops up before any change (exit 2)', async () => {
    const aws = new FakeAws();
    aws.state.buckets.set(BUCKET, { tags: {}, objects: [], foreign: true });
    const error = await upError(aws, testSettings(), { createBucket: true });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      `up stopped before changing anything: bucket ${BUCKET} the name is taken by another AWS account (HeadBucket: 403); bucket names are global: set another [INFRA] BUCKET`,
    );
    expect(aws.mutatingCalls()).toEqual([]);
  });

  it('a paused cluster of ours stops up with what to do (exit 1)', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    await infraUp(testSettings(), { configPath }, testDeps(aws));
    const cluster = aws.state.clusters.get(STACK);
    if (cluster) cluster.status = 'paused';
    const error = await upError(aws);
    expect(error).toBeInstanceOf(InfraError);
    expect((error as Error).message).toBe(
      `up stopped before changing anything: cluster ${STACK} is paused: resume it (aws redshift resume-cluster --cluster-identifier ${STACK}), then run up again`,
    );
  });

  it('gives up waiting after the timeout and says to run up again', async () => {
    const aws = new FakeAws();
    // A cluster of ours stuck in `creating`: the fake settles it only after many polls.
    aws.state.clusters.set(STACK, {
      status: 'creating',
      polls: 1000,
      tags: { 'sparkify:managed-by': 'sparkify', 'sparkify:stack': STACK },
      input: { ClusterIdentifier: STACK, NodeType: 'ra3.large', MasterUsername: 'awsuser' },
    });
    const deps = { ...testDeps(aws), waitPolicy: { firstDelayMs: 10_000, maxDelayMs: 60_000, factor: 1.5, timeoutMs: 20 * 60_000 } };
    const waiting = infraUp(testSettings(), { configPath: await tempConfigPath() }, deps);
    await expect(waiting).rejects.toBeInstanceOf(InfraError);
    await expect(waiting).rejects.toThrow(`gave up waiting for cluster ${STACK} to become available after 19 min (last state: creating); run the same command again to keep waiting`);
    // 10 s, 15 s, 22.5 s, ... then once a minute.
    expect(deps.sleeps.slice(0, 6)).toEqual([10_000, 15_000, 22_500, 33_750, 50_625, 60_000]);
  });

  it('no region anywhere → ConfigError naming both places to set it', async () => {
    const error = await upError(new FakeAws(), testSettings({}, { region: undefined }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe('no AWS region: set [AWS] REGION in dwh.cfg (e.g. us-west-2) or export AWS_REGION');
  });

  it('a malformed --allow-cidr is a usage error (exit 2)', async () => {
    const error = await upError(new FakeAws(), testSettings(), { allowCidr: '10.0.0.300/8' });
    expect(error).toBeInstanceOf(UsageError);
    expect(exitCodeOf(error)).toBe(2);
  });

  it('an unknown AWS error keeps its name and message, on one line (exit 1)', () => {
    const error = mapAwsError(awsError('SomethingNew', 500, 'line one\nline two'), 'doing a thing');
    expect(error).toBeInstanceOf(InfraError);
    expect(error.message).toBe('AWS error while doing a thing (SomethingNew: line one line two)');
  });
});
