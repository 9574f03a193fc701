/** `up --dry-run` plans offline; `down --dry-run` and `status` send only Describe/Get/List/Head calls. */
import { describe, expect, it } from 'vitest';
import type { PlannedCost } from '../../src/infra/cost.js';
import { renderPlan, renderPlannedCost, renderStatus } from '../../src/infra/render.js';
import { infraStatus, infraUp, prepareDown } from '../../src/infra/run-infra.js';
import { FakeAws } from './fake-aws.js';
import { BUCKET, MY_IP, STACK, tempConfigPath, testDeps, testSettings } from './helpers.js';

const readOnly = /^(Describe|Get|List|Head)/;

describe('dry run', () => {
  it('up --dry-run plans from the configuration alone: no AWS call, no credentials, no address look-up, with the cost', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    let ipLookups = 0;
    // No credentials anywhere: a dry run must not need them.
    const deps = { ...testDeps(aws), env: {}, lookupPublicIp: async () => (ipLookups++, MY_IP) };
    const result = await infraUp(testSettings(), { configPath, createBucket: true, dryRun: true }, deps);

    expect(result.applied).toBe(false);
    expect(aws.calls).toEqual([]);
    expect(ipLookups).toBe(0);
    expect(renderPlan(result.plan, true)).toBe(
      [
        `infra up: stack ${STACK} in us-west-2 (provisioned) — dry run, nothing will change`,
        `  create?  bucket          ${BUCKET}            private (public access blocked), encrypted (SSE-S3), tagged`,
        '  create?  role            sparkify-redshift-s3-read     assumable by redshift.amazonaws.com only',
        '  create?  role-policy     sparkify-s3-read              read-only on the data bucket(s) and prefixes (2 statement(s))',
        '  create?  security-group  sparkify-redshift             in the default VPC (looked up)',
        '  create?  ingress         sparkify-redshift             TCP 5439 from YOUR-IP/32 (your public address, looked up by up) only',
        `  create?  cluster         ${STACK}              1 x ra3.large (single-node), encrypted, not publicly accessible, password managed in Secrets Manager`,
        `  update   config          ${configPath} write [CLUSTER] HOST, DB_PORT, DB_NAME, DB_USER, [IAM_ROLE] ARN, [S3] STAGING_BUCKET and STAGING_PREFIX; remove any DB_PASSWORD (never write one)`,
        '',
        '? planned from the configuration alone, with no AWS call: up looks each one up first, creates it if missing and reuses it if tagged for this stack; ACCOUNT and YOUR-IP are looked up then.',
      ].join('\n'),
    );
    expect(result.cost).toMatchObject({ basis: '1 x ra3.large', usdPerHour: 0.543, usdPerMonth: 391 });
    expect(renderPlannedCost(result.cost as PlannedCost)).toBe(
      [
        'Estimated cost: 1 x ra3.large: $0.543/hour, about $391 per month (720 h)',
        '  billed every hour the cluster exists, used or not; compute only: storage, snapshots and data transfer are extra',
        '  prices: 2025 on-demand list prices (aws.amazon.com/redshift/pricing), not re-checked since',
      ].join('\n'),
    );
  });

  it('up --dry-run from a course dwh.cfg names the staging bucket it would own, the account left to look up', async () => {
    const aws = new FakeAws();
    const settings = testSettings({ bucket: undefined, allowCidr: '203.0.113.7/32' }, {
      songData: 's3://udacity-dend/song_data', logData: 's3://udacity-dend/log_data', logJsonPath: 's3://udacity-dend/log_json_path.json',
    });
    const result = await infraUp(settings, { configPath: await tempConfigPath(), dryRun: true, serverless: true, baseCapacity: 16 }, { ...testDeps(aws), env: {} });
    expect(aws.calls).toEqual([]);
    expect(result.plan.actions.map((a) => `${a.verb} ${a.resource} ${a.name}`).slice(0, 1)).toEqual([`create bucket ${STACK}-staging-ACCOUNT`]);
    expect(result.plan.actions.find((a) => a.resource === 'ingress')?.reason).toBe('TCP 5439 from 203.0.113.7/32 only');
    expect(result.plan.actions.map((a) => a.resource)).toEqual(['bucket', 'role', 'role-policy', 'security-group', 'ingress', 'namespace', 'workgroup', 'config']);
    expect(result.cost).toMatchObject({ basis: '16 RPU base capacity', usdPerHour: 6, usdPerMonth: 4320 });
  });

  it('up --dry-run with no region anywhere (a course dwh.cfg) plans in us-west-2 and says it assumed it', async () => {
    const aws = new FakeAws();
    const deps = { ...testDeps(aws), env: {} };
    const result = await infraUp(testSettings({}, { region: undefined }), { configPath: await tempConfigPath(), dryRun: true }, deps);
    expect(aws.calls).toEqual([]);
    expect(renderPlan(result.plan, true).split('\n')[0]).toBe(`infra up: stack ${STACK} in us-west-2 (provisioned) — dry run, nothing will change`);
    expect(result.cost).toMatchObject({ basis: '1 x ra3.large', usdPerHour: 0.543 });
    expect(deps.events).toContainEqual({ type: 'warning', message: expect.stringMatching(/^no AWS region set: this plan and its cost assume us-west-2 .*set \[AWS\] REGION in dwh\.cfg or AWS_REGION/) });
    // up itself still refuses to guess.
    await expect(infraUp(testSettings({}, { region: undefined }), { configPath: await tempConfigPath() }, deps)).rejects.toThrow(/^no AWS region/);
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
