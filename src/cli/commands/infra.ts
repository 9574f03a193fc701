/**
 * `sparkify infra up | status | down`: Redshift provisioning as code. Parses flags, loads
 * settings, renders plans and reports; the work is in src/infra/. Everything with an outside
 * effect can be replaced through InfraCliDeps, which is how the tests drive it.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { loadSettings, type LoadSettingsInput } from '../../config/load-settings.js';
import type { Settings } from '../../config/settings.js';
import { UsageError } from '../../errors.js';
import { lookupPublicIp } from '../../infra/caller-ip.js';
import { createInfraClients, destroyInfraClients, type InfraClients } from '../../infra/clients.js';
import { assertNotBlocked } from '../../infra/apply.js';
import { createEventRenderer, renderPlan, renderPlannedCost, renderStatus, renderUpOutcome } from '../../infra/render.js';
import { applyPreparedDown, DRY_RUN_REGION, hasChanges, infraStatus, infraUp, type InfraDeps, prepareDown } from '../../infra/run-infra.js';
import { configuredRegion, resolveRegion, validateCidr } from '../../infra/spec.js';
import { INFRA_DESCRIPTION } from './infra-description.js';
import { markDataWritten } from '../output.js';

export interface InfraCliDeps {
  readonly loadSettings: (input: LoadSettingsInput) => Settings;
  readonly createClients: (region: string) => InfraClients;
  readonly lookupPublicIp: () => Promise<string | undefined>;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: () => string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stderrIsTerminal: boolean;
  readonly stdinIsTerminal: boolean;
  /** Asks on the terminal; true to go ahead. */
  readonly confirm: (question: string) => Promise<boolean>;
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(`${question} `)).trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}

const defaultDeps: InfraCliDeps = {
  loadSettings,
  createClients: createInfraClients,
  lookupPublicIp: () => lookupPublicIp(),
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  now: () => Date.now(),
  env: process.env,
  cwd: () => process.cwd(),
  stdout: (text) => {
    markDataWritten();
    return process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  stderrIsTerminal: Boolean(process.stderr.isTTY),
  stdinIsTerminal: Boolean(process.stdin.isTTY),
  confirm: askOnTerminal,
};

interface CommonFlags {
  config?: string;
  region?: string;
  json?: boolean;
  dryRun?: boolean;
}

interface UpFlags extends CommonFlags {
  serverless?: boolean;
  allowCidr?: string;
  createBucket?: boolean;
  public?: boolean;
  passwordFromEnv?: boolean;
  rpu?: string;
}

interface DownFlags extends CommonFlags {
  deleteBucket?: boolean;
  force?: boolean;
  finalSnapshot?: boolean;
  yes?: boolean;
}

function parseRpu(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const rpu = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(rpu >= 8 && rpu <= 512 && rpu % 8 === 0)) throw new UsageError(`--rpu takes a multiple of 8 from 8 to 512, not "${value}"`);
  return rpu;
}

export function registerInfra(program: Command, overrides: Partial<InfraCliDeps> = {}): void {
  const deps: InfraCliDeps = { ...defaultDeps, ...overrides };
  const line = (write: (text: string) => void) => (text: string) => write(text.endsWith('\n') ? text : `${text}\n`);
  const out = line(deps.stdout);
  const json = (value: unknown) => out(JSON.stringify(value, null, 2));

  /** Settings, the config path `up` writes to, and the AWS plumbing; clients are closed by `run`. */
  const context = (flags: CommonFlags & { dryRun?: boolean }) => {
    const settings = deps.loadSettings({ configPath: flags.config, flags: { region: flags.region }, env: deps.env, cwd: deps.cwd() });
    const configPath = settings.configFile ?? resolve(deps.cwd(), flags.config ?? 'dwh.cfg');
    // A dry run calls nothing, so it needs no region; up, status and down do.
    const clients = deps.createClients(flags.dryRun && configuredRegion(settings, deps.env) === undefined ? DRY_RUN_REGION : resolveRegion(settings, deps.env));
    const infraDeps: InfraDeps = {
      clients,
      env: deps.env,
      sleep: deps.sleep,
      now: deps.now,
      lookupPublicIp: deps.lookupPublicIp,
      onEvent: createEventRenderer(deps.stderr, deps.stderrIsTerminal),
    };
    return { settings, configPath, infraDeps, close: () => destroyInfraClients(clients) };
  };

  const infra = program
    .command('infra')
    .description(INFRA_DESCRIPTION);

  infra
    .command('up')
    .description('create (or reuse) the IAM role, security group and Redshift cluster, wait until ready, write dwh.cfg')
    .option('-c, --config <file>', 'settings file in dwh.cfg format; HOST and ARN are written back to it')
    .option('--region <region>', 'AWS region (default: [AWS] REGION in dwh.cfg, then AWS_REGION)')
    .option('--dry-run', 'print the plan (create / reuse / skip, with reasons) and change nothing')
    .option('--serverless', 'a Redshift Serverless namespace and workgroup instead of a provisioned cluster')
    .option('--allow-cidr <cidr>', 'who may connect on port 5439 (default: your public IP/32)')
    .option('--create-bucket', 'also create [INFRA] BUCKET (private, encrypted), or reuse it')
    .option('--public', 'make the warehouse publicly accessible (still only from --allow-cidr); needed to load from your machine')
    .option('--password-from-env', 'use $SPARKIFY_DB_PASSWORD as the admin password instead of a Secrets Manager one')
    .option('--rpu <n>', 'serverless base capacity in RPUs (multiple of 8; default 8)')
    .option('--json', 'print the plan and result as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ sparkify infra up --dry-run                   # what would be created, nothing changes
  $ sparkify infra up --public                    # cluster reachable from this machine's IP only
  $ sparkify infra up --serverless --rpu 8 --create-bucket
  $ sparkify infra up --allow-cidr 203.0.113.0/24 --config prod.cfg

Every resource is tagged sparkify:managed-by=sparkify and sparkify:stack=<CLUSTER_IDENTIFIER>.
Running up again reuses what exists, and finishes an up that stopped half-way.
See docs/aws.md for costs and permissions.`,
    )
    .action(async (flags: UpFlags) => {
      if (flags.allowCidr !== undefined) validateCidr(flags.allowCidr);
      const baseCapacity = parseRpu(flags.rpu);
      const { settings, configPath, infraDeps, close } = context(flags);
      try {
        const result = await infraUp(
          settings,
          {
            configPath,
            ...(flags.dryRun ? { dryRun: true } : {}),
            ...(flags.serverless ? { serverless: true } : {}),
            ...(flags.allowCidr !== undefined ? { allowCidr: flags.allowCidr } : {}),
            ...(flags.createBucket ? { createBucket: true } : {}),
            ...(flags.public ? { publiclyAccessible: true } : {}),
            ...(flags.passwordFromEnv ? { passwordFromEnv: true } : {}),
            ...(baseCapacity !== undefined ? { baseCapacity } : {}),
          },
          infraDeps,
        );
        if (flags.json) json({ plan: result.plan, applied: result.applied, ...(result.outcome ? { outcome: result.outcome } : {}), ...(result.cost ? { cost: result.cost } : {}) });
        else if (!result.applied) out([renderPlan(result.plan, true), ...(result.cost ? ['', renderPlannedCost(result.cost)] : [])].join('\n'));
        else if (result.outcome) out(renderUpOutcome(result.outcome));
        // A dry run still fails (after printing the plan) when the real run would be refused.
        if (!result.applied) assertNotBlocked(result.plan);
      } finally {
        close();
      }
    });

  infra
    .command('status')
    .description('show each resource of the stack (exists, state, tagged by sparkify) and the estimated hourly cost')
    .option('-c, --config <file>', 'settings file in dwh.cfg format')
    .option('--region <region>', 'AWS region (default: [AWS] REGION in dwh.cfg, then AWS_REGION)')
    .option('--json', 'print the report as JSON on stdout')
    .addHelpText('after', '\nExamples:\n  $ sparkify infra status\n  $ sparkify infra status --json | jq .cost.usdPerHour\n')
    .action(async (flags: CommonFlags) => {
      const { settings, configPath, infraDeps, close } = context(flags);
      try {
        const report = await infraStatus(settings, configPath, infraDeps);
        if (flags.json) json(report);
        else out(renderStatus(report));
      } finally {
        close();
      }
    });

  infra
    .command('down')
    .description('delete what up created (tagged for this stack only), newest first, and wait until it is gone')
    .option('-c, --config <file>', 'settings file in dwh.cfg format')
    .option('--region <region>', 'AWS region (default: [AWS] REGION in dwh.cfg, then AWS_REGION)')
    .option('--dry-run', 'print the plan (delete / skip, with reasons) and change nothing')
    .option('--final-snapshot', 'take a final snapshot before deleting the cluster (default: none; snapshots cost storage)')
    .option('--delete-bucket', 'also delete [INFRA] BUCKET if up created it and it is empty')
    .option('--force', 'with --delete-bucket: delete its objects first')
    .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
    .option('--json', 'print the plan and result as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ sparkify infra down --dry-run
  $ sparkify infra down                           # asks before deleting
  $ sparkify infra down --yes --final-snapshot    # in a script
  $ sparkify infra down --delete-bucket --force --yes

Only resources tagged sparkify:stack=<CLUSTER_IDENTIFIER> are deleted; a same-named resource
without those tags is reported and left alone. dwh.cfg is not changed.`,
    )
    .action(async (flags: DownFlags) => {
      if (flags.force && !flags.deleteBucket) throw new UsageError('--force only applies with --delete-bucket');
      // Deleting a warehouse is not undoable: a script must say --yes; it is never assumed.
      if (!flags.dryRun && !flags.yes && !deps.stdinIsTerminal) {
        throw new UsageError('down deletes AWS resources; pass --yes to confirm when stdin is not a terminal');
      }
      const { settings, configPath, infraDeps, close } = context(flags);
      try {
        const prepared = await prepareDown(
          settings,
          {
            configPath,
            ...(flags.deleteBucket ? { deleteBucket: true } : {}),
            ...(flags.force ? { force: true } : {}),
            ...(flags.finalSnapshot ? { finalSnapshot: true } : {}),
          },
          infraDeps,
        );
        const { plan } = prepared;
        if (flags.dryRun || !hasChanges(plan)) {
          if (flags.json) json({ plan, applied: false });
          else out(renderPlan(plan, Boolean(flags.dryRun)) + (hasChanges(plan) ? '' : '\nNothing to delete.'));
          return;
        }
        if (!flags.json) out(renderPlan(plan, false));
        if (!flags.yes && !(await deps.confirm(`Delete the resources marked "delete" above in ${plan.region}? Type yes to go ahead:`))) {
          deps.stderr('Nothing deleted.\n');
          return;
        }
        const outcome = await applyPreparedDown(prepared, infraDeps);
        if (flags.json) json({ plan, applied: true, outcome });
        else out([...outcome.done, ...outcome.kept.map((a) => `kept ${a.resource} ${a.name}: ${a.reason}`)].join('\n'));
      } finally {
        close();
      }
    });
}
