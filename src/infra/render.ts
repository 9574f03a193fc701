/**
 * Plans, status reports and progress events as text for a person. The CLI decides where each
 * goes (plans and reports to stdout, progress to stderr) and uses JSON instead with --json.
 */
import type { UpOutcome } from './apply.js';
import type { StatusReport } from './status.js';
import { HOURS_PER_MONTH, type PlannedCost } from './cost.js';
import { LOOKED_UP } from './plan.js';
import type { InfraEvent, Plan } from './types.js';

const pad = (text: string, width: number) => (text.length >= width ? `${text} ` : text.padEnd(width));

export function renderPlan(plan: Plan, dryRun: boolean): string {
  const head = `${plan.command === 'up' ? 'infra up' : 'infra down'}: stack ${plan.stack} in ${plan.region} (${plan.mode})${dryRun ? ' — dry run, nothing will change' : ''}`;
  // A long name (the config path) overflows its column rather than widening every row.
  const width = Math.min(Math.max(...plan.actions.map((a) => a.name.length), 4), 28) + 2;
  const rows = plan.actions.map((a) => `  ${pad(a.unverified ? `${a.verb}?` : a.verb, 9)}${pad(a.resource, 16)}${pad(a.name, width)}${a.reason}`);
  const unverified = plan.actions.some((a) => a.unverified)
    ? [
        '',
        `? planned from the configuration alone, with no AWS call: up looks each one up first, creates it if missing and reuses it if tagged for this stack; ${LOOKED_UP.account} and ${LOOKED_UP.ip} are looked up then.`,
      ]
    : [];
  return [head, ...rows, ...unverified].join('\n');
}

/** The cost lines of a dry run: per hour and per 30-day month, with the price table's date. */
export function renderPlannedCost(cost: PlannedCost): string {
  const figure = cost.usdPerHour === undefined
    ? 'no price'
    : `${usd(cost.usdPerHour)}/hour, about $${cost.usdPerMonth?.toLocaleString('en-US') ?? '?'} per month (${HOURS_PER_MONTH} h)`;
  return [`Estimated cost: ${cost.basis}: ${figure}`, `  ${cost.note}`, `  prices: ${cost.pricesAsOf}`].join('\n');
}

const ownershipLabel = { ours: 'this stack', 'other-stack': 'other stack', unmanaged: 'NOT sparkify', 'n/a': '-' } as const;

const usd = (value: number) => `$${value.toFixed(3)}`;

export function renderStatus(report: StatusReport): string {
  const width = Math.max(...report.resources.map((r) => r.name.length), 4) + 2;
  const stateWidth = Math.max(...report.resources.map((r) => r.state.length), 5) + 2;
  const row = (cells: readonly string[]) =>
    `  ${pad(cells[0] ?? '', 16)}${pad(cells[1] ?? '', width)}${pad(cells[2] ?? '', stateWidth)}${pad(cells[3] ?? '', 14)}${cells[4] ?? ''}`.trimEnd();
  const header = row(['RESOURCE', 'NAME', 'STATE', 'TAGGED FOR', 'DETAIL']);
  const rows = report.resources.map((r) => row([r.resource, r.name, r.state, ownershipLabel[r.ownership], r.detail ?? '']));
  const cost = report.cost;
  const costLines =
    cost.lines.length === 0
      ? ['Estimated cost: nothing billed by the hour is running.']
      : [
          `Estimated cost: ${usd(cost.usdPerHour)}/hour (${cost.disclaimer})`,
          ...cost.lines.map((l) => `  ${l.resource} ${l.name}: ${l.basis}: ${l.usdPerHour === undefined ? 'no price' : `${usd(l.usdPerHour)}/hour`}${l.note ? ` (${l.note})` : ''}`),
          `  prices: ${cost.pricesAsOf}`,
        ];
  return [`stack ${report.stack} in ${report.region}, account ${report.account}`, header, ...rows, '', ...costLines].join('\n');
}

export function renderUpOutcome(outcome: UpOutcome): string {
  const password = outcome.secretArn
    ? [
        `The admin password is in AWS Secrets Manager: ${outcome.secretArn}`,
        'sparkify reads the password from SPARKIFY_DB_PASSWORD; set it from the secret before loading:',
        `  export SPARKIFY_DB_PASSWORD="$(aws secretsmanager get-secret-value --secret-id '${outcome.secretArn}' --query SecretString --output text | python3 -c 'import json,sys; print(json.load(sys.stdin)["password"])')"`,
      ]
    : ['The admin password is the one you gave in SPARKIFY_DB_PASSWORD, which sparkify reads.'];
  const staging = outcome.staging
    ? [`Redshift loads stage their parts in s3://${outcome.staging.bucket}/${outcome.staging.prefix}/ (${outcome.staging.owned ? 'a bucket up created for it' : 'a prefix in your bucket'}); a committed load deletes its parts.`]
    : [];
  const removed = outcome.removedPasswordKeys.length
    ? [`${outcome.configPath}: removed ${outcome.removedPasswordKeys.join(' and ')}: that password would be stale; the password lives where the next line says.`]
    : [];
  return [
    `Warehouse ready at ${outcome.host}:${outcome.port}, database ${outcome.dbName}, user ${outcome.dbUser}.`,
    `${outcome.configPath}: wrote [CLUSTER] HOST, DB_PORT, DB_NAME, DB_USER, [IAM_ROLE] ARN${outcome.staging ? ', [S3] STAGING_BUCKET and STAGING_PREFIX' : ''} (no password).`,
    ...removed,
    ...password,
    ...staging,
    'It costs money while it runs: `sparkify infra status` shows an estimate, `sparkify infra down` removes it.',
  ].join('\n');
}

function minutes(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/**
 * Progress on stderr: one line per step; while waiting, a line rewritten in place on a
 * terminal, or a new line at each change of state elsewhere (logs stay short).
 */
export function createEventRenderer(write: (text: string) => void, isTerminal: boolean): (event: InfraEvent) => void {
  let lastState = '';
  let waitingLine = false;
  const endWaitingLine = () => {
    if (waitingLine) write('\n');
    waitingLine = false;
  };
  return (event) => {
    switch (event.type) {
      case 'plan':
        write(`${renderPlan(event.plan, false)}\n`);
        break;
      case 'action':
        endWaitingLine();
        lastState = '';
        write(`${event.action.verb} ${event.action.resource} ${event.action.name}…\n`);
        break;
      case 'waiting': {
        const text = `  waiting for ${event.resource} ${event.name}: ${event.state} (${minutes(event.elapsedMs)})`;
        if (isTerminal) {
          write(`\r${text}\x1b[K`);
          waitingLine = true;
        } else if (event.state !== lastState) {
          write(`${text}\n`);
        }
        lastState = event.state;
        break;
      }
      case 'done':
        endWaitingLine();
        if (event.detail) write(`  done: ${event.detail}\n`);
        break;
      case 'warning':
        endWaitingLine();
        write(`warning: ${event.message}\n`);
        break;
    }
  };
}
