/** `infra up` against the mocked AWS control plane (aws-sdk-client-mock + an in-memory state). */
import type { AuthorizeSecurityGroupIngressCommandInput } from '@aws-sdk/client-ec2';
import type { CreateRoleCommandInput, PutRolePolicyCommandInput } from '@aws-sdk/client-iam';
import type { CreateClusterCommandInput } from '@aws-sdk/client-redshift';
import type { CreateNamespaceCommandInput, CreateWorkgroupCommandInput } from '@aws-sdk/client-redshift-serverless';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseIni } from '../../src/config/ini-reader.js';
import { ConfigError, InfraError } from '../../src/errors.js';
import { infraUp } from '../../src/infra/run-infra.js';
import { ACCOUNT, awsError, FakeAws } from './fake-aws.js';
import { BUCKET, MY_IP, ourTags, STACK, steps, tempConfigPath, testDeps, testSettings } from './helpers.js';

const ROLE = 'sparkify-redshift-s3-read';
const HOST = `${STACK}.abc123xyz.us-west-2.redshift.amazonaws.com`;

async function configEntries(file: string): Promise<Record<string, string>> {
  const doc = parseIni(await readFile(file, 'utf8'), file);
  return Object.fromEntries(doc.sections.flatMap((s) => s.entries.map((e) => [`${s.name}.${e.writtenKey}`, e.value])));
}

const READS = ['GetCallerIdentity', 'DescribeVpcs', 'HeadBucket', 'GetRole', 'DescribeSecurityGroups', 'DescribeClusters'];

describe('infra up', () => {
  it('creates bucket, role, policy, security group and cluster in order, waits, and writes dwh.cfg', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    await writeFile(configPath, "# my settings\n[AWS]\nREGION=us-west-2\n\n[CLUSTER]\nHOST=''\nDB_PASSWORD=''\n");
    const deps = testDeps(aws);

    const result = await infraUp(testSettings(), { configPath, createBucket: true }, deps);

    expect(aws.mutatingCalls()).toEqual([
      'CreateBucket',
      'PutPublicAccessBlock',
      'PutBucketEncryption',
      'PutBucketTagging',
      'CreateRole',
      'PutRolePolicy',
      'CreateSecurityGroup',
      'AuthorizeSecurityGroupIngress',
      'CreateCluster',
    ]);
    // Observation first, reads only; then the polls of the wait, which backs off.
    expect(aws.calls.slice(0, 2)).toEqual(['GetCallerIdentity', 'DescribeVpcs']);
    expect(deps.sleeps).toEqual([10_000, 15_000]);
    expect(deps.events.filter((e) => e.type === 'waiting').map((e) => (e.type === 'waiting' ? e.state : ''))).toEqual(['creating', 'creating', 'available']);

    const cluster = aws.inputsOf<CreateClusterCommandInput>('CreateCluster')[0];
    expect(cluster).toMatchObject({
      ClusterIdentifier: STACK,
      ClusterType: 'single-node',
      NodeType: 'ra3.large',
      Encrypted: true,
      PubliclyAccessible: false,
      ManageMasterPassword: true,
      MasterUsername: 'awsuser',
      DBName: 'dev',
      Port: 5439,
      IamRoles: [`arn:aws:iam::${ACCOUNT}:role/${ROLE}`],
      VpcSecurityGroupIds: ['sg-0001'],
      Tags: [
        { Key: 'sparkify:managed-by', Value: 'sparkify' },
        { Key: 'sparkify:stack', Value: STACK },
      ],
    });
    expect(cluster?.MasterUserPassword).toBeUndefined();
    expect(cluster?.NumberOfNodes).toBeUndefined();

    const role = aws.inputsOf<CreateRoleCommandInput>('CreateRole')[0];
    expect(JSON.parse(role?.AssumeRolePolicyDocument ?? '')).toMatchObject({ Statement: [{ Principal: { Service: 'redshift.amazonaws.com' } }] });
    const policy = JSON.parse(aws.inputsOf<PutRolePolicyCommandInput>('PutRolePolicy')[0]?.PolicyDocument ?? '');
    expect(JSON.stringify(policy)).not.toContain('"*"');
    expect(policy.Statement[0].Resource).toContain(`arn:aws:s3:::${BUCKET}/song_data/*`);

    // Every resource carries both tags.
    expect(aws.state.buckets.get(BUCKET)).toMatchObject({ tags: ourTags, encrypted: true, publicAccessBlocked: true });
    expect(aws.state.roles.get(ROLE)?.tags).toEqual(ourTags);
    expect(aws.state.groups[0]).toMatchObject({ tags: ourTags, vpcId: 'vpc-0default', cidrs: [`${MY_IP}/32`] });

    expect(result.outcome).toEqual({
      host: HOST,
      port: 5439,
      dbName: 'dev',
      dbUser: 'awsuser',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${ROLE}`,
      secretArn: `arn:aws:secretsmanager:us-west-2:${ACCOUNT}:secret:redshift!${STACK}-awsuser`,
      configPath,
      // [INFRA] BUCKET is named: staging is a prefix in it.
      staging: { bucket: BUCKET, prefix: 'sparkify/staging', owned: false },
      removedPasswordKeys: ['[CLUSTER] DB_PASSWORD'],
    });
    const text = await readFile(configPath, 'utf8');
    expect(text.startsWith('# my settings\n[AWS]\nREGION=us-west-2\n')).toBe(true);
    expect(await configEntries(configPath)).toEqual({
      'AWS.REGION': 'us-west-2',
      'CLUSTER.HOST': `'${HOST}'`,
      'CLUSTER.DB_PORT': '5439',
      'CLUSTER.DB_NAME': 'dev',
      'CLUSTER.DB_USER': 'awsuser',
      'IAM_ROLE.ARN': `arn:aws:iam::${ACCOUNT}:role/${ROLE}`,
      'S3.STAGING_BUCKET': BUCKET,
      'S3.STAGING_PREFIX': 'sparkify/staging',
    });
  });

  it('a second up reuses everything and creates nothing', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    await infraUp(testSettings(), { configPath, createBucket: true }, testDeps(aws));
    aws.calls.length = 0;

    const again = await infraUp(testSettings(), { configPath, createBucket: true }, testDeps(aws));

    expect(aws.mutatingCalls()).toEqual([]);
    expect(steps(again.plan)).toEqual([
      'reuse bucket',
      'reuse role',
      'reuse role-policy',
      'reuse security-group',
      'reuse ingress',
      'reuse cluster',
      'update config',
    ]);
    expect(again.outcome?.host).toBe(HOST);
  });

  it('finishes a partial up: role and group made, cluster refused by a quota, then up again', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    aws.failNext('CreateCluster', awsError('ClusterQuotaExceededFault', 400, 'The request would exceed the allowed number of clusters'));

    const failed = infraUp(testSettings(), { configPath }, testDeps(aws));
    await expect(failed).rejects.toBeInstanceOf(InfraError);
    await expect(failed).rejects.toThrow(
      'AWS quota reached while creating Redshift cluster sparkify-cluster (ClusterQuotaExceededFault): delete unused resources or request an increase in the Service Quotas console, then run `sparkify infra up` again',
    );
    expect(aws.state.roles.has(ROLE)).toBe(true);
    expect(aws.state.clusters.size).toBe(0);
    await expect(readFile(configPath, 'utf8')).rejects.toThrow(/ENOENT/);

    aws.calls.length = 0;
    const second = await infraUp(testSettings(), { configPath }, testDeps(aws));
    expect(aws.mutatingCalls()).toEqual(['CreateCluster']);
    expect(steps(second.plan).filter((s) => s.startsWith('create'))).toEqual(['create cluster']);
    expect((await configEntries(configPath))['CLUSTER.HOST']).toBe(HOST);
  });

  it('retries CreateCluster while the new role is not yet visible to Redshift', async () => {
    const aws = new FakeAws();
    aws.failNext('CreateCluster', awsError('InvalidParameterValue', 400, 'The IAM role arn:... is not valid or cannot be assumed'));
    const deps = testDeps(aws);
    await infraUp(testSettings(), { configPath: await tempConfigPath() }, deps);
    expect(aws.calls.filter((c) => c === 'CreateCluster')).toHaveLength(2);
    expect(deps.sleeps[0]).toBe(15_000);
  });

  it("allows only the caller's IP/32 by default, never 0.0.0.0/0", async () => {
    const aws = new FakeAws();
    await infraUp(testSettings(), { configPath: await tempConfigPath() }, testDeps(aws));
    const rules = aws.inputsOf<AuthorizeSecurityGroupIngressCommandInput>('AuthorizeSecurityGroupIngress');
    expect(rules.flatMap((r) => r.IpPermissions ?? [])).toEqual([
      { IpProtocol: 'tcp', FromPort: 5439, ToPort: 5439, IpRanges: [{ CidrIp: `${MY_IP}/32`, Description: 'sparkify: Redshift clients' }] },
    ]);
    expect(JSON.stringify(rules)).not.toContain('0.0.0.0/0');
  });

  it('fails before any AWS call when the IP cannot be found, asking for --allow-cidr', async () => {
    const aws = new FakeAws();
    const failed = infraUp(testSettings(), { configPath: await tempConfigPath() }, testDeps(aws, { ip: undefined }));
    await expect(failed).rejects.toBeInstanceOf(ConfigError);
    await expect(failed).rejects.toThrow('could not determine your public IP address; pass --allow-cidr A.B.C.D/32 (the address you connect from)');
    expect(aws.calls).toEqual([]);
  });

  it('opens 0.0.0.0/0 only when given explicitly, with a warning', async () => {
    const aws = new FakeAws();
    const deps = testDeps(aws);
    await infraUp(testSettings(), { configPath: await tempConfigPath(), allowCidr: '0.0.0.0/0' }, deps);
    expect(aws.state.groups[0]?.cidrs).toEqual(['0.0.0.0/0']);
    expect(deps.events).toContainEqual({
      type: 'warning',
      message: '--allow-cidr 0.0.0.0/0 opens the warehouse port to the whole internet; prefer your own address/32',
    });
  });

  it('replaces the allowed CIDR of a reused group when it changes', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    await infraUp(testSettings(), { configPath }, testDeps(aws));
    aws.calls.length = 0;
    await infraUp(testSettings(), { configPath, allowCidr: '203.0.113.0/24' }, testDeps(aws));
    expect(aws.mutatingCalls()).toEqual(['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress']);
    expect(aws.state.groups[0]?.cidrs).toEqual(['203.0.113.0/24']);
  });

  it('uses $SPARKIFY_DB_PASSWORD only when opted in, and never writes it to dwh.cfg', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    const password = 'Opted-In-Passw0rd';
    const result = await infraUp(testSettings(), { configPath, passwordFromEnv: true }, testDeps(aws, { env: { SPARKIFY_DB_PASSWORD: password } }));
    const cluster = aws.inputsOf<CreateClusterCommandInput>('CreateCluster')[0];
    expect(cluster?.MasterUserPassword).toBe(password);
    expect(cluster?.ManageMasterPassword).toBeUndefined();
    expect(result.outcome?.secretArn).toBeUndefined();
    const text = await readFile(configPath, 'utf8');
    expect(text).not.toContain(password);
    expect(text).not.toMatch(/PASSWORD/i);
    expect(JSON.stringify(result.plan)).not.toContain(password);
  });

  it('builds a multi-node, public cluster from settings and flags', async () => {
    const aws = new FakeAws();
    await infraUp(
      testSettings({ clusterType: 'multi-node', numNodes: 2, nodeType: 'ra3.xlplus' }),
      { configPath: await tempConfigPath(), publiclyAccessible: true },
      testDeps(aws),
    );
    expect(aws.inputsOf<CreateClusterCommandInput>('CreateCluster')[0]).toMatchObject({
      ClusterType: 'multi-node',
      NumberOfNodes: 2,
      NodeType: 'ra3.xlplus',
      PubliclyAccessible: true,
    });
  });

  it('with --serverless creates a namespace and a workgroup, waits, and writes the workgroup endpoint', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    const result = await infraUp(testSettings(), { configPath, serverless: true, baseCapacity: 8 }, testDeps(aws));
    expect(aws.mutatingCalls()).toEqual(['CreateRole', 'PutRolePolicy', 'CreateSecurityGroup', 'AuthorizeSecurityGroupIngress', 'CreateNamespace', 'CreateWorkgroup']);
    expect(aws.calls).not.toContain('DescribeClusters');
    expect(aws.inputsOf<CreateNamespaceCommandInput>('CreateNamespace')[0]).toMatchObject({
      namespaceName: STACK,
      manageAdminPassword: true,
      iamRoles: [`arn:aws:iam::${ACCOUNT}:role/${ROLE}`],
      tags: [
        { key: 'sparkify:managed-by', value: 'sparkify' },
        { key: 'sparkify:stack', value: STACK },
      ],
    });
    expect(aws.inputsOf<CreateWorkgroupCommandInput>('CreateWorkgroup')[0]).toMatchObject({
      workgroupName: STACK,
      namespaceName: STACK,
      baseCapacity: 8,
      publiclyAccessible: false,
      securityGroupIds: ['sg-0001'],
    });
    const host = `${STACK}.${ACCOUNT}.us-west-2.redshift-serverless.amazonaws.com`;
    expect(result.outcome?.host).toBe(host);
    expect((await configEntries(configPath))['CLUSTER.HOST']).toBe(host);
  });

  it("uses someone's data bucket as is, even when its tags and listing are not readable", async () => {
    const aws = new FakeAws();
    aws.state.buckets.set(BUCKET, { tags: { team: 'data' }, objects: ['song_data/a.json'] });
    aws.failNext('GetBucketTagging', awsError('AccessDenied', 403));
    aws.failNext('ListObjectsV2', awsError('AccessDenied', 403));
    const result = await infraUp(testSettings(), { configPath: await tempConfigPath(), createBucket: true }, testDeps(aws));
    expect(result.plan.actions[0]).toMatchObject({
      verb: 'reuse',
      resource: 'bucket',
      reason: 'exists without sparkify tags (made outside sparkify): used as is, never deleted by down',
    });
    expect(aws.mutatingCalls()).not.toContain('PutBucketTagging');
    expect(aws.state.buckets.get(BUCKET)?.tags).toEqual({ team: 'data' });
  });

  it('reads before it writes: the observation is Describe/Get/List/Head calls only', async () => {
    const aws = new FakeAws();
    await infraUp(testSettings(), { configPath: await tempConfigPath() }, testDeps(aws));
    const firstWrite = aws.calls.findIndex((c) => !/^(Describe|Get|List|Head)/.test(c));
    expect(new Set(aws.calls.slice(0, firstWrite))).toEqual(new Set(READS));
  });
});

describe('infra up from a course dwh.cfg (sources in someone else\'s bucket, no bucket named)', () => {
  const courseSettings = () =>
    testSettings({ bucket: undefined }, {
      songData: 's3://udacity-dend/song_data',
      logData: 's3://udacity-dend/log_data',
      logJsonPath: 's3://udacity-dend/log_json_path.json',
      cluster: { dbName: 'dwh', dbUser: 'dwhuser', dbPassword: 'Passw0rd', dbPort: 5439 },
    });
  const STAGING = `${STACK}-staging-${ACCOUNT}`;

  it('creates a staging bucket it owns, lets the role read it, writes it back and removes the stale DB_PASSWORD', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    await writeFile(configPath, "[CLUSTER]\nHOST=''\nDB_NAME=dwh\nDB_USER=dwhuser\nDB_PASSWORD=Passw0rd\nDB_PORT=5439\n\n[IAM_ROLE]\nARN=''\n\n[S3]\nLOG_DATA='s3://udacity-dend/log_data'\n");

    const result = await infraUp(courseSettings(), { configPath }, testDeps(aws));

    expect(aws.mutatingCalls().slice(0, 4)).toEqual(['CreateBucket', 'PutPublicAccessBlock', 'PutBucketEncryption', 'PutBucketTagging']);
    expect(aws.state.buckets.get(STAGING)).toMatchObject({ tags: ourTags, encrypted: true, publicAccessBlocked: true });
    expect(result.plan.actions[0]).toMatchObject({ verb: 'create', resource: 'bucket', name: STAGING });
    const policy = JSON.stringify(JSON.parse(aws.inputsOf<PutRolePolicyCommandInput>('PutRolePolicy')[0]?.PolicyDocument ?? ''));
    expect(policy).toContain(`arn:aws:s3:::${STAGING}/sparkify/staging/*`);
    expect(policy).toContain('arn:aws:s3:::udacity-dend/song_data/*');
    expect(result.outcome).toMatchObject({ staging: { bucket: STAGING, prefix: 'sparkify/staging', owned: true }, removedPasswordKeys: ['[CLUSTER] DB_PASSWORD'] });
    const entries = await configEntries(configPath);
    expect(entries).toMatchObject({ 'S3.STAGING_BUCKET': STAGING, 'S3.STAGING_PREFIX': 'sparkify/staging', 'CLUSTER.HOST': `'${HOST}'` });
    expect(await readFile(configPath, 'utf8')).not.toMatch(/DB_PASSWORD|Passw0rd/);
  });

  it('uses a prefix in the bucket the user names in [S3] STAGING_BUCKET, and creates no bucket', async () => {
    const aws = new FakeAws();
    const settings = { ...courseSettings(), stagingBucket: 'my-own-bucket', stagingPrefix: 'loads/sparkify' };
    const result = await infraUp(settings, { configPath: await tempConfigPath() }, testDeps(aws));
    expect(aws.mutatingCalls()).not.toContain('CreateBucket');
    expect(result.outcome?.staging).toEqual({ bucket: 'my-own-bucket', prefix: 'loads/sparkify', owned: false });
    expect(aws.inputsOf<PutRolePolicyCommandInput>('PutRolePolicy')[0]?.PolicyDocument).toContain('arn:aws:s3:::my-own-bucket/loads/sparkify/*');
  });

  it('reuses its staging bucket on a second up', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    await infraUp(courseSettings(), { configPath }, testDeps(aws));
    aws.calls.length = 0;
    const again = await infraUp(courseSettings(), { configPath }, testDeps(aws));
    expect(aws.mutatingCalls()).not.toContain('CreateBucket');
    expect(again.plan.actions[0]).toMatchObject({ verb: 'reuse', resource: 'bucket', name: STAGING });
  });
});
