/** `sparkify infra ...` through commander: flags, output, confirmation and exit statuses. */
import { Command, CommanderError } from 'commander';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerInfra, type InfraCliDeps } from '../../src/cli/commands/infra.js';
import { main } from '../../src/cli/main.js';
import { exitCodeOf, SparkifyError } from '../../src/errors.js';
import { awsError, FakeAws } from './fake-aws.js';
import { MY_IP, STACK, tempConfigPath, testSettings } from './helpers.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command the way main.ts does: commander errors exit 2, sparkify errors their own status. */
async function sparkify(argv: string[], aws: FakeAws, overrides: Partial<InfraCliDeps> = {}): Promise<Run> {
  // A dwh.cfg without --config lands in a fresh folder, never in the repository.
  const cwd = path.dirname(await tempConfigPath());
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('sparkify')
    .exitOverride()
    .configureOutput({ writeOut: (t) => out.push(t), writeErr: (t) => err.push(t) });
  registerInfra(program, {
    loadSettings: () => testSettings(),
    createClients: () => aws.clients,
    lookupPublicIp: async () => MY_IP,
    sleep: async () => undefined,
    env: {},
    cwd: () => cwd,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stderrIsTerminal: false,
    stdinIsTerminal: false,
    confirm: async () => {
      throw new Error('not asked in this test');
    },
    ...overrides,
  });
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : 2;
    else {
      code = exitCodeOf(error);
      err.push(`sparkify: ${error instanceof SparkifyError ? error.message : String(error)}\n`);
    }
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('sparkify infra (CLI)', () => {
  it('up --dry-run --json prints the plan as JSON and calls nothing that changes anything', async () => {
    const aws = new FakeAws();
    const run = await sparkify(['infra', 'up', '--dry-run', '--json', '--config', await tempConfigPath()], aws);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { applied: boolean; plan: { actions: { verb: string; resource: string }[] } };
    expect(report.applied).toBe(false);
    expect(report.plan.actions.map((a) => `${a.verb} ${a.resource}`)).toContain('create cluster');
    expect(aws.mutatingCalls()).toEqual([]);
  });

  it('up --dry-run works with no credentials: every AWS call would fail, none is made; the plan and cost print', async () => {
    const aws = new FakeAws();
    for (const call of ['GetCallerIdentity', 'DescribeVpcs', 'HeadBucket', 'GetRole']) {
      aws.failNext(call, awsError('CredentialsProviderError', 0, 'Could not load credentials from any providers'));
    }
    const run = await sparkify(['infra', 'up', '--dry-run', '--config', await tempConfigPath()], aws, {
      lookupPublicIp: async () => {
        throw new Error('no network in a dry run');
      },
    });
    expect(run.code).toBe(0);
    expect(aws.calls).toEqual([]);
    expect(run.stdout).toContain('  create?  cluster ');
    expect(run.stdout).toContain('Estimated cost: 1 x ra3.large: $0.543/hour, about $391 per month (720 h)');
    expect(run.stdout).toContain('prices: 2025 on-demand list prices');
  });

  it('up --dry-run from a dwh.cfg with no region (the course\'s) plans in us-west-2 and says so; up itself refuses to guess', async () => {
    const aws = new FakeAws();
    const noRegion = { loadSettings: () => testSettings({}, { region: undefined }), env: {} };
    const run = await sparkify(['infra', 'up', '--dry-run', '--config', await tempConfigPath()], aws, noRegion);
    expect(run.code).toBe(0);
    expect(aws.calls).toEqual([]);
    expect(run.stdout).toContain(`infra up: stack ${STACK} in us-west-2 (provisioned) — dry run`);
    expect(run.stderr).toContain('warning: no AWS region set: this plan and its cost assume us-west-2');
    const up = await sparkify(['infra', 'up', '--config', await tempConfigPath()], aws, noRegion);
    expect(up.code).toBe(2);
    expect(up.stderr).toMatch(/no AWS region: set \[AWS\] REGION in dwh\.cfg/);
  });

  it('up creates the stack, reports progress on stderr and the endpoint on stdout', async () => {
    const aws = new FakeAws();
    const configPath = await tempConfigPath();
    const run = await sparkify(['infra', 'up', '--config', configPath], aws, { loadSettings: () => testSettings({}, { configFile: configPath }) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Warehouse ready at ${STACK}.abc123xyz.us-west-2.redshift.amazonaws.com:5439, database dev, user awsuser.`);
    expect(run.stdout).toContain('The admin password is in AWS Secrets Manager: arn:aws:secretsmanager:');
    expect(run.stdout).toContain('sparkify reads the password from SPARKIFY_DB_PASSWORD; set it from the secret before loading:');
    expect(run.stderr).toContain('create cluster sparkify-cluster…\n  waiting for cluster sparkify-cluster: creating (0s)\n');
    expect(await readFile(configPath, 'utf8')).toContain(`HOST=${STACK}.abc123xyz.us-west-2.redshift.amazonaws.com`);
  });

  it('status --json gives resources and the cost estimate', async () => {
    const aws = new FakeAws();
    await sparkify(['infra', 'up', '--config', await tempConfigPath()], aws);
    const run = await sparkify(['infra', 'status', '--json'], aws);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { cost: { usdPerHour: number }; resources: { resource: string; ownership: string }[] };
    expect(report.cost.usdPerHour).toBe(0.543);
    expect(report.resources.find((r) => r.resource === 'cluster')?.ownership).toBe('ours');
  });

  it('down refuses without --yes when stdin is not a terminal (exit 2), and deletes nothing', async () => {
    const aws = new FakeAws();
    const run = await sparkify(['infra', 'down'], aws);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('down deletes AWS resources; pass --yes to confirm when stdin is not a terminal');
    expect(aws.calls).toEqual([]);
  });

  it('down on a terminal asks, and a "no" deletes nothing', async () => {
    const aws = new FakeAws();
    await sparkify(['infra', 'up', '--config', await tempConfigPath()], aws);
    aws.calls.length = 0;
    const questions: string[] = [];
    const run = await sparkify(['infra', 'down'], aws, {
      stdinIsTerminal: true,
      confirm: async (question) => {
        questions.push(question);
        return false;
      },
    });
    expect(run.code).toBe(0);
    expect(questions).toEqual(['Delete the resources marked "delete" above in us-west-2? Type yes to go ahead:']);
    expect(run.stdout).toContain(`  delete   cluster`);
    expect(run.stderr).toContain('Nothing deleted.');
    expect(aws.mutatingCalls()).toEqual([]);
  });

  it('down --yes deletes and reports what it did and what it kept', async () => {
    const aws = new FakeAws();
    await sparkify(['infra', 'up', '--config', await tempConfigPath()], aws);
    const run = await sparkify(['infra', 'down', '--yes'], aws);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`deleted cluster ${STACK}\ndeleted security-group sparkify-redshift\n`);
    expect(run.stdout).toContain('kept bucket sparkify-data-test: not found');
    expect(aws.state.clusters.size).toBe(0);
  });

  it('maps a missing credential to exit 2 with the fix in one line', async () => {
    const aws = new FakeAws();
    aws.failNext('GetCallerIdentity', awsError('CredentialsProviderError', 0, 'Could not load credentials from any providers'));
    const run = await sparkify(['infra', 'status'], aws);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('export AWS_PROFILE=NAME');
  });

  it.each([
    [['infra', 'up', '--allow-cidr', 'my-laptop'], '--allow-cidr takes an IPv4 CIDR such as 203.0.113.7/32, not "my-laptop"'],
    [['infra', 'up', '--rpu', '12'], '--rpu takes a multiple of 8 from 8 to 512, not "12"'],
    [['infra', 'down', '--force', '--yes'], '--force only applies with --delete-bucket'],
    [['infra', 'up', '--no-such-flag'], "unknown option '--no-such-flag'"],
    [['infra', 'sideways'], "unknown command 'sideways'"],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const aws = new FakeAws();
    const run = await sparkify(argv, aws);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(aws.calls).toEqual([]);
  });

  it('--help shows the options and examples', async () => {
    const run = await sparkify(['infra', 'up', '--help'], new FakeAws());
    expect(run.code).toBe(0);
    for (const flag of ['--dry-run', '--serverless', '--allow-cidr <cidr>', '--create-bucket', '--json', '--config <file>']) expect(run.stdout).toContain(flag);
    expect(run.stdout).toContain('$ sparkify infra up --dry-run');
    const down = await sparkify(['infra', 'down', '--help'], new FakeAws());
    for (const flag of ['--yes', '--delete-bucket', '--final-snapshot']) expect(down.stdout).toContain(flag);
  });

  it('is wired into the sparkify program', async () => {
    // Fails on the flag, before any settings or AWS call.
    expect(await main(['infra', 'up', '--rpu', 'seven'])).toBe(2);
  });
});
