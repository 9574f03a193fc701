/** The pure planner: observed state + spec → actions, no AWS involved. */
import { describe, expect, it } from 'vitest';
import { planDown, planUp } from '../../src/infra/plan.js';
import type { ObservedState } from '../../src/infra/types.js';
import { emptyObservation, fullObservation, MY_IP, steps, testSpec } from './helpers.js';

describe('planUp', () => {
  it('creates everything, in dependency order, in an empty account', () => {
    const spec = testSpec({ createBucket: true });
    const plan = planUp(emptyObservation(spec), spec);
    expect(steps(plan)).toEqual([
      'create bucket',
      'create role',
      'create role-policy',
      'create security-group',
      'create ingress',
      'create cluster',
      'update config',
    ]);
    const cluster = plan.actions.find((a) => a.resource === 'cluster');
    expect(cluster?.reason).toBe('not found: 1 x ra3.large (single-node), encrypted, not publicly accessible, password managed in Secrets Manager');
    expect(plan.actions.find((a) => a.resource === 'ingress')?.reason).toBe(`TCP 5439 from ${MY_IP}/32 only`);
  });

  it('reuses everything when the stack exists: nothing to create', () => {
    const spec = testSpec({ createBucket: true });
    const plan = planUp(fullObservation(spec), spec);
    expect(steps(plan)).toEqual([
      'reuse bucket',
      'reuse role',
      'reuse role-policy',
      'reuse security-group',
      'reuse ingress',
      'reuse cluster',
      'update config',
    ]);
  });

  it('skips a missing bucket without --create-bucket, and never creates it', () => {
    const spec = testSpec();
    const plan = planUp(emptyObservation(spec), spec);
    expect(plan.actions[0]).toMatchObject({ verb: 'skip', resource: 'bucket', reason: expect.stringContaining('--create-bucket') });
  });

  it('blocks on a same-named role without our tags, rather than adopting it', () => {
    const spec = testSpec();
    const observed: ObservedState = {
      ...emptyObservation(spec),
      role: { name: spec.role.name, exists: true, arn: 'arn:aws:iam::1:role/x', ownership: 'unmanaged', inlinePolicies: [], attachedPolicyArns: [] },
    };
    const plan = planUp(observed, spec);
    expect(plan.actions.find((a) => a.resource === 'role')).toMatchObject({
      verb: 'blocked',
      blockedBy: 'conflict',
      reason: 'exists without sparkify tags (made outside sparkify): set another [INFRA] IAM_ROLE_NAME, or remove that role',
    });
    expect(plan.actions.some((a) => a.resource === 'role-policy')).toBe(false);
  });

  it('blocks on a bucket name owned by another account when asked to create it', () => {
    const spec = testSpec({ createBucket: true });
    const observed = { ...emptyObservation(spec), bucket: { name: 'taken', state: 'inaccessible' as const, ownership: 'unmanaged' as const } };
    expect(planUp(observed, spec).actions[0]).toMatchObject({ verb: 'blocked', resource: 'bucket', blockedBy: 'conflict' });
  });

  it('rewrites a drifted role policy and a changed CIDR, and says what it was', () => {
    const spec = testSpec();
    const full = fullObservation(spec);
    const observed: ObservedState = {
      ...full,
      role: { ...full.role, s3Policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } },
      securityGroup: { ...full.securityGroup, ingressCidrs: ['0.0.0.0/0'] },
    };
    const plan = planUp(observed, spec);
    expect(plan.actions.find((a) => a.resource === 'role-policy')?.verb).toBe('update');
    expect(plan.actions.find((a) => a.resource === 'ingress')).toMatchObject({ verb: 'update', reason: `TCP 5439 from ${MY_IP}/32 only (was: 0.0.0.0/0)` });
  });

  it('waits for a cluster still creating, and refuses a paused or deleting one', () => {
    const spec = testSpec();
    const full = fullObservation(spec);
    const withStatus = (status: string) => planUp({ ...full, cluster: { ...full.cluster, status } }, spec).actions.find((a) => a.resource === 'cluster');
    expect(withStatus('creating')).toMatchObject({ verb: 'wait', reason: 'exists (creating): wait until available' });
    expect(withStatus('paused')).toMatchObject({ verb: 'blocked', blockedBy: 'state', reason: expect.stringContaining('resume-cluster --cluster-identifier sparkify-cluster') });
    expect(withStatus('deleting')).toMatchObject({ verb: 'blocked', blockedBy: 'state' });
  });

  it('notes but leaves alone a reused cluster whose shape differs from settings', () => {
    const spec = testSpec();
    const full = fullObservation(spec);
    const plan = planUp({ ...full, cluster: { ...full.cluster, nodeType: 'dc2.large', numberOfNodes: 2 } }, spec);
    expect(plan.actions.find((a) => a.resource === 'cluster')?.reason).toContain('runs 2 x dc2.large, settings say 1 x ra3.large: left as is');
  });

  it('refuses when there is no default VPC to put the security group in', () => {
    const spec = testSpec();
    const { defaultVpcId: _, ...observed } = emptyObservation(spec);
    expect(planUp(observed, spec).actions.find((a) => a.resource === 'security-group')).toMatchObject({
      verb: 'blocked',
      reason: expect.stringContaining('aws ec2 create-default-vpc'),
    });
  });

  it('plans a namespace and a workgroup with --serverless', () => {
    const spec = testSpec({ serverless: true, baseCapacity: 16 });
    const plan = planUp(emptyObservation(spec), spec);
    expect(steps(plan).slice(-3)).toEqual(['create namespace', 'create workgroup', 'update config']);
    expect(plan.actions.find((a) => a.resource === 'workgroup')?.reason).toContain('base capacity 16 RPU');
  });
});

describe('planDown', () => {
  it('deletes a full stack newest first: warehouse, security group, role policy, role; keeps the bucket', () => {
    const spec = testSpec();
    const plan = planDown(fullObservation(spec), spec);
    expect(steps(plan)).toEqual([
      'delete cluster',
      'skip workgroup',
      'skip namespace',
      'delete security-group',
      'delete role-policy',
      'delete role',
      'skip bucket',
    ]);
    expect(plan.actions[0]?.reason).toBe('tagged for this stack; no final snapshot (pass --final-snapshot to keep one)');
    expect(plan.actions.at(-1)?.reason).toBe('kept with its data (pass --delete-bucket to delete it)');
  });

  it('leaves untagged and other-stack resources with the same names alone', () => {
    const spec = testSpec();
    const full = fullObservation(spec);
    const observed: ObservedState = {
      ...full,
      cluster: { ...full.cluster, ownership: 'unmanaged' },
      securityGroup: { ...full.securityGroup, ownership: 'other-stack' },
      role: { ...full.role, ownership: 'unmanaged' },
    };
    const plan = planDown(observed, spec, { deleteBucket: true });
    expect(steps(plan)).toEqual(['skip cluster', 'skip workgroup', 'skip namespace', 'skip security-group', 'skip role', 'delete bucket']);
    expect(plan.actions[0]?.reason).toBe('exists without sparkify tags (made outside sparkify): left alone');
    expect(plan.actions[3]?.reason).toContain('tagged for another sparkify stack');
  });

  it('deletes the bucket only when asked, tagged, and empty or forced', () => {
    const spec = testSpec();
    const full = fullObservation(spec);
    const bucketAction = (bucket: NonNullable<ObservedState['bucket']>, options: Parameters<typeof planDown>[2]) =>
      planDown({ ...full, bucket }, spec, options).actions.at(-1);
    const ours = { name: 'b', state: 'present' as const, ownership: 'ours' as const };
    expect(bucketAction({ ...ours, empty: true }, { deleteBucket: true })?.verb).toBe('delete');
    expect(bucketAction({ ...ours, empty: false }, { deleteBucket: true })).toMatchObject({ verb: 'skip', reason: expect.stringContaining('--force') });
    expect(bucketAction({ ...ours, empty: false }, { deleteBucket: true, force: true })?.verb).toBe('delete');
    expect(bucketAction({ ...ours, ownership: 'unmanaged', empty: true }, { deleteBucket: true, force: true })?.verb).toBe('skip');
  });

  it('names the final snapshot when asked for one', () => {
    const spec = testSpec();
    const plan = planDown(fullObservation(spec), spec, { finalSnapshotName: 'sparkify-cluster-final-x' });
    expect(plan.actions[0]?.reason).toBe('tagged for this stack; final snapshot sparkify-cluster-final-x first');
  });
});
