/** `infra down`: deletes exactly what up made (by tag), in reverse order, and waits. */
import type { DeleteClusterCommandInput } from '@aws-sdk/client-redshift';
import { describe, expect, it } from 'vitest';
import { applyPreparedDown, infraUp, prepareDown } from '../../src/infra/run-infra.js';
import { FakeAws } from './fake-aws.js';
import { BUCKET, otherTags, STACK, steps, tempConfigPath, testDeps, testSettings } from './helpers.js';

const ROLE = 'sparkify-redshift-s3-read';

async function stackUp(options: { serverless?: boolean; createBucket?: boolean } = {}): Promise<{ aws: FakeAws; configPath: string }> {
  const aws = new FakeAws();
  const configPath = await tempConfigPath();
  await infraUp(testSettings(), { configPath, ...options }, testDeps(aws));
  aws.calls.length = 0;
  return { aws, configPath };
}

describe('infra down', () => {
  it('deletes cluster, security group, role policy and role in that order, waiting for the cluster to go', async () => {
    const { aws, configPath } = await stackUp({ createBucket: true });
    const deps = testDeps(aws);
    const prepared = await prepareDown(testSettings(), { configPath }, deps);
    const outcome = await applyPreparedDown(prepared, deps);

    expect(aws.mutatingCalls()).toEqual(['DeleteCluster', 'DeleteSecurityGroup', 'DeleteRolePolicy', 'DeleteRole']);
    // The security group goes only after the cluster has disappeared.
    const lastDescribe = aws.calls.lastIndexOf('DescribeClusters');
    expect(lastDescribe).toBeLessThan(aws.calls.indexOf('DeleteSecurityGroup'));
    expect(aws.inputsOf<DeleteClusterCommandInput>('DeleteCluster')[0]).toEqual({ ClusterIdentifier: STACK, SkipFinalClusterSnapshot: true });
    expect(aws.state.clusters.size + aws.state.groups.length + aws.state.roles.size).toBe(0);
    // The bucket is kept without --delete-bucket.
    expect(aws.state.buckets.has(BUCKET)).toBe(true);
    expect(outcome.done).toEqual([
      `deleted cluster ${STACK}`,
      'deleted security-group sparkify-redshift',
      'deleted role-policy sparkify-s3-read',
      `deleted role ${ROLE}`,
    ]);
    expect(outcome.kept.find((a) => a.resource === 'bucket')?.reason).toBe('kept with its data (pass --delete-bucket to delete it)');
  });

  it('leaves an untagged role and a differently-tagged security group with the same names alone', async () => {
    const aws = new FakeAws();
    aws.state.roles.set(ROLE, { arn: `arn:aws:iam::123456789012:role/${ROLE}`, tags: {}, trust: '{}', inline: new Map([['theirs', '{}']]), attached: [] });
    aws.state.groups.push({ id: 'sg-other', name: 'sparkify-redshift', vpcId: 'vpc-0default', tags: otherTags, cidrs: ['10.0.0.0/8'], port: 5439 });
    const deps = testDeps(aws);
    const prepared = await prepareDown(testSettings(), { configPath: await tempConfigPath() }, deps);

    expect(steps(prepared.plan)).toEqual(['skip cluster', 'skip workgroup', 'skip namespace', 'skip security-group', 'skip role', 'skip bucket']);
    expect(prepared.plan.actions.find((a) => a.resource === 'role')?.reason).toBe('exists without sparkify tags (made outside sparkify): left alone');
    await applyPreparedDown(prepared, deps);
    expect(aws.mutatingCalls()).toEqual([]);
    expect(aws.state.roles.get(ROLE)?.inline.has('theirs')).toBe(true);
    expect(aws.state.groups).toHaveLength(1);
  });

  it('detaches managed policies someone added to our role before deleting it', async () => {
    const { aws, configPath } = await stackUp();
    aws.state.roles.get(ROLE)?.attached.push('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
    const deps = testDeps(aws);
    await applyPreparedDown(await prepareDown(testSettings(), { configPath }, deps), deps);
    expect(aws.mutatingCalls()).toEqual(['DeleteCluster', 'DeleteSecurityGroup', 'DeleteRolePolicy', 'DetachRolePolicy', 'DeleteRole']);
  });

  it('deletes the bucket with --delete-bucket when empty, and with --force empties it first', async () => {
    const { aws, configPath } = await stackUp({ createBucket: true });
    aws.state.buckets.get(BUCKET)?.objects.push('sparkify/song_data/a.json', 'sparkify/log_data/b.json');
    const deps = testDeps(aws);

    const refused = await prepareDown(testSettings(), { configPath, deleteBucket: true }, deps);
    expect(refused.plan.actions.at(-1)).toMatchObject({ verb: 'skip', reason: 'not empty: kept (add --force to delete its objects too)' });

    const forced = await prepareDown(testSettings(), { configPath, deleteBucket: true, force: true }, deps);
    aws.calls.length = 0;
    await applyPreparedDown(forced, deps);
    expect(aws.mutatingCalls().slice(-2)).toEqual(['DeleteObjects', 'DeleteBucket']);
    expect(aws.state.buckets.size).toBe(0);
  });

  it('takes a final snapshot only with --final-snapshot', async () => {
    const { aws, configPath } = await stackUp();
    const deps = testDeps(aws);
    await applyPreparedDown(await prepareDown(testSettings(), { configPath, finalSnapshot: true }, deps), deps);
    expect(aws.inputsOf<DeleteClusterCommandInput>('DeleteCluster')[0]).toEqual({
      ClusterIdentifier: STACK,
      FinalClusterSnapshotIdentifier: 'sparkify-cluster-final-20231114-2213',
      SkipFinalClusterSnapshot: false,
    });
  });

  it('finds and deletes a serverless stack without being told it was serverless', async () => {
    const { aws, configPath } = await stackUp({ serverless: true });
    const deps = testDeps(aws);
    const prepared = await prepareDown(testSettings(), { configPath }, deps);
    await applyPreparedDown(prepared, deps);
    expect(aws.mutatingCalls()).toEqual(['DeleteWorkgroup', 'DeleteNamespace', 'DeleteSecurityGroup', 'DeleteRolePolicy', 'DeleteRole']);
    expect(aws.state.namespaces.size + aws.state.workgroups.size).toBe(0);
  });

  it('undoes a partial up (role and group made, no cluster)', async () => {
    const aws = new FakeAws();
    aws.failNext('CreateSecurityGroup', Object.assign(new Error('limit'), { name: 'SecurityGroupLimitExceeded' }));
    const configPath = await tempConfigPath();
    await expect(infraUp(testSettings(), { configPath }, testDeps(aws))).rejects.toThrow(/AWS quota reached while creating security group/);
    aws.calls.length = 0;
    const deps = testDeps(aws);
    await applyPreparedDown(await prepareDown(testSettings(), { configPath }, deps), deps);
    expect(aws.mutatingCalls()).toEqual(['DeleteRolePolicy', 'DeleteRole']);
    expect(aws.state.roles.size).toBe(0);
  });
});

describe('infra down of a course stack (the staging bucket up made and owns)', () => {
  it('keeps the staging bucket by default, and deletes it with --delete-bucket', async () => {
    const aws = new FakeAws();
    const settings = testSettings({ bucket: undefined }, { songData: 's3://udacity-dend/song_data', logData: 's3://udacity-dend/log_data' });
    const configPath = await tempConfigPath();
    await infraUp(settings, { configPath }, testDeps(aws));
    const staging = `${STACK}-staging-123456789012`;
    expect(aws.state.buckets.has(staging)).toBe(true);

    const keep = await prepareDown(settings, { configPath }, testDeps(aws));
    expect(keep.plan.actions.find((a) => a.resource === 'bucket')).toMatchObject({ verb: 'skip', name: staging });

    const deps = testDeps(aws);
    await applyPreparedDown(await prepareDown(settings, { configPath, deleteBucket: true }, deps), deps);
    expect(aws.state.buckets.has(staging)).toBe(false);
  });
});
