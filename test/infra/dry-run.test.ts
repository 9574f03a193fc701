/** `--dry-run` and `status`: they print what they see and send only Describe/Get/List/Head calls. */
import { describe, expect, it } from 'vitest';
import { renderPlan, renderStatus } from '../../src/infra/render.js';
import { infraStatus, infraUp, prepareDown } from '../../src/infra/run-infra.js';
import { FakeAws } from './fake-aws.js';
import { BUCKET, MY_IP, STACK, tempConfigPath, testDeps, testSettings } from './helpers.js';

const readOnly = /^(Describe|Get|List|Head)/;

describe('dry run', () => {
  it('up --dry-run prints the full plan with reasons and changes nothing', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    const result = await infraUp(testSettings(), { configPath, createBucket: true, dryRun: true }, testDeps(aws));

    expect(result.applied).toBe(false);
    expect(aws.calls.length).toBeGreaterThan(0);
    expect(aws.calls.filter((c) => !readOnly.test(c))).toEqual([]);
    expect(renderPlan(result.plan, true)).toBe(
      [
        `infra up: stack ${STACK} in us-west-2 (provisioned) — dry run, nothing will change`,
        `  create   bucket          ${BUCKET}            not found: private (public access blocked), encrypted (SSE-S3), tagged`,
        '  create   role            sparkify-redshift-s3-read     not found: assumable by redshift.amazonaws.com only',
        '  create   role-policy     sparkify-s3-read              read-only on the data bucket(s) and prefixes (2 statement(s))',
        '  create   security-group  sparkify-redshift             not found: in the default VPC vpc-0default',
        `  create   ingress         sparkify-redshift             TCP 5439 from ${MY_IP}/32 only`,
        `  create   cluster         ${STACK}              not found: 1 x ra3.large (single-node), encrypted, not publicly accessible, password managed in Secrets Manager`,
        `  update   config          ${configPath} write [CLUSTER] HOST, DB_PORT, DB_NAME, DB_USER, [IAM_ROLE] ARN, [S3] STAGING_BUCKET and STAGING_PREFIX; remove any DB_PASSWORD (never write one)`,
      ].join('\n'),
    );
  });

  it('down --dry-run lists what would be deleted and changes nothing', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    await infraUp(testSettings(), { configPath }, testDeps(aws));
    aws.calls.length = 0;

    const prepared = await prepareDown(testSettings(), { configPath }, testDeps(aws));
    expect(aws.calls.filter((c) => !readOnly.test(c))).toEqual([]);
    expect(prepared.plan.actions.map((a) => `${a.verb} ${a.resource} ${a.name}`)).toEqual([
      `delete cluster ${STACK}`,
      `skip workgroup ${STACK}`,
      `skip namespace ${STACK}`,
      'delete security-group sparkify-redshift',
      'delete role-policy sparkify-s3-read',
      'delete role sparkify-redshift-s3-read',
      `skip bucket ${BUCKET}`,
    ]);
  });

  it('status shows each resource, whether we tagged it, and the estimated cost', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    await infraUp(testSettings(), { configPath, createBucket: true }, testDeps(aws));
    aws.calls.length = 0;

    const report = await infraStatus(testSettings(), configPath, testDeps(aws));
    expect(aws.calls.filter((c) => !readOnly.test(c))).toEqual([]);
    expect(report.resources.map((r) => [r.resource, r.exists, r.state, r.ownership])).toEqual([
      ['bucket', true, 'empty', 'ours'],
      ['role', true, 'policy sparkify-s3-read', 'ours'],
      ['security-group', true, `port 5439 from ${MY_IP}/32`, 'ours'],
      ['cluster', true, 'available', 'ours'],
    ]);
    expect(report.cost).toMatchObject({ usdPerHour: 0.543, lines: [{ resource: 'cluster', basis: '1 x ra3.large', usdPerHour: 0.543 }] });
    const text = renderStatus(report);
    expect(text).toContain('Estimated cost: $0.543/hour (estimate: compute only, on-demand list prices; storage, snapshots and data transfer are extra)');
    expect(text).toContain('prices: 2025 on-demand list prices');
    expect(text).toMatch(/cluster\s+sparkify-cluster\s+available\s+this stack\s+1 x ra3.large, sparkify-cluster\.abc123xyz/);
  });

  it('status of an empty account says nothing runs', async () => {
    const aws = new FakeAws();
    const report = await infraStatus(testSettings(), await tempConfigPath(), testDeps(aws));
    expect(report.resources.every((r) => !r.exists && r.state === 'not found' && r.ownership === 'n/a')).toBe(true);
    expect(renderStatus(report)).toContain('Estimated cost: nothing billed by the hour is running.');
  });
});
