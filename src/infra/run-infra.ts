/**
 * The three `infra` commands end to end, free of the CLI: resolve the spec, observe, plan, and
 * (unless a dry run) apply. Everything with an outside effect comes in through InfraDeps, so
 * tests pass mocked clients, a fake clock and a fixed IP.
 */
import type { Settings } from '../config/settings.js';
import type { ApplyDeps } from './apply-context.js';
import { applyDown, applyUp, type DownOutcome, type UpOutcome } from './apply.js';
import { callerAccount, observe } from './observe.js';
import { type DownOptions, LOOKED_UP, planDown, planFromConfig, planUp } from './plan.js';
import { plannedCost, type PlannedCost } from './cost.js';
import { buildStackSpec, configuredRegion, resolveAllowCidr, resolveRegion, validateCidr, type SpecOptions } from './spec.js';
import { type StatusReport, statusReport } from './status.js';
import type { ObservedState, Plan, StackSpec } from './types.js';

export interface InfraDeps extends ApplyDeps {
  /** This machine's public IPv4 address, or undefined when it cannot be found. */
  readonly lookupPublicIp: () => Promise<string | undefined>;
}

export interface UpRequest extends SpecOptions {
  readonly dryRun?: boolean;
  /** `--allow-cidr`; falls back to [INFRA] ALLOW_CIDR, then to this machine's IP/32. */
  readonly allowCidr?: string;
  readonly configPath: string;
}

export interface UpResult {
  readonly plan: Plan;
  readonly applied: boolean;
  readonly outcome?: UpOutcome;
  /** What the warehouse `up` creates costs (a dry run says so before anything is made). */
  readonly cost?: PlannedCost;
}

/**
 * The region a dry run plans in when none is set: the course's (`s3://udacity-dend` is
 * there, and a cluster that COPYs from it belongs beside it). `up` itself still needs one.
 */
export const DRY_RUN_REGION = 'us-west-2';

export async function infraUp(settings: Settings, request: UpRequest, deps: InfraDeps): Promise<UpResult> {
  if (request.dryRun) return planOffline(settings, request, dryRunRegion(settings, deps), deps);
  const region = resolveRegion(settings, deps.env);
  const cidr = await resolveAllowCidr(request.allowCidr ?? settings.infra.allowCidr, deps.lookupPublicIp);
  if (cidr.warning) deps.onEvent({ type: 'warning', message: cidr.warning });
  const accountId = await callerAccount(deps.clients);
  const spec = buildStackSpec(settings, request, { region, configPath: request.configPath, allowCidr: cidr.cidr, env: deps.env, forUp: true, accountId });
  const observed = await observe(deps.clients, spec, { modes: [spec.mode], accountId });
  const plan = planUp(observed, spec);
  deps.onEvent({ type: 'plan', plan });
  const outcome = await applyUp(plan, spec, observed, deps);
  return { plan, applied: true, outcome };
}

/** A course dwh.cfg names no region: the plan is still shown, in the assumed one, and says so. */
function dryRunRegion(settings: Settings, deps: InfraDeps): string {
  const region = configuredRegion(settings, deps.env);
  if (region === undefined) {
    deps.onEvent({
      type: 'warning',
      message: `no AWS region set: this plan and its cost assume ${DRY_RUN_REGION} (where the course's s3://udacity-dend is); set [AWS] REGION in dwh.cfg or AWS_REGION before \`sparkify infra up\``,
    });
  }
  return region ?? DRY_RUN_REGION;
}

/**
 * The dry run: no AWS call, no credentials, no look-up of this machine's address. What
 * only AWS or the network can tell is marked in the plan (LOOKED_UP, `unverified`).
 */
function planOffline(settings: Settings, request: UpRequest, region: string, deps: InfraDeps): UpResult {
  const explicit = request.allowCidr ?? settings.infra.allowCidr;
  const allowCidr = explicit === undefined ? `${LOOKED_UP.ip}/32 (your public address, looked up by up)` : validateCidr(explicit);
  const spec = buildStackSpec(settings, request, {
    region, configPath: request.configPath, allowCidr, env: deps.env, forUp: true, accountId: LOOKED_UP.account,
  });
  const cost = spec.mode === 'provisioned'
    ? plannedCost(region, { nodeType: spec.cluster.nodeType, nodes: spec.cluster.numNodes })
    : plannedCost(region, { baseRpu: spec.serverless.baseCapacity });
  return { plan: planFromConfig(spec), applied: false, cost };
}

export interface DownRequest {
  readonly deleteBucket?: boolean;
  readonly force?: boolean;
  /** `--final-snapshot`: snapshot the cluster (or namespace) before deleting it. Off by default. */
  readonly finalSnapshot?: boolean;
  readonly configPath: string;
}

/** A down plan with what it was made from, so the CLI can show it and ask before applying. */
export interface PreparedDown {
  readonly plan: Plan;
  readonly spec: StackSpec;
  readonly observed: ObservedState;
  readonly options: DownOptions;
}

/** `sparkify-cluster-final-20261125-1310`: snapshot names must be unique and lower-case. */
export function finalSnapshotName(stack: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  return `${stack}-final-${stamp}`.toLowerCase();
}

export async function prepareDown(settings: Settings, request: DownRequest, deps: InfraDeps): Promise<PreparedDown> {
  const region = resolveRegion(settings, deps.env);
  const accountId = await callerAccount(deps.clients);
  const spec = buildStackSpec(settings, {}, { region, configPath: request.configPath, env: deps.env, accountId });
  // Both kinds: down should not depend on remembering whether up had --serverless.
  const observed = await observe(deps.clients, spec, { modes: ['provisioned', 'serverless'], accountId });
  const options: DownOptions = {
    ...(request.deleteBucket ? { deleteBucket: true } : {}),
    ...(request.force ? { force: true } : {}),
    ...(request.finalSnapshot ? { finalSnapshotName: finalSnapshotName(spec.stack, deps.now()) } : {}),
  };
  return { plan: planDown(observed, spec, options), spec, observed, options };
}

export async function applyPreparedDown(prepared: PreparedDown, deps: InfraDeps): Promise<DownOutcome> {
  return applyDown(prepared.plan, prepared.observed, prepared.options, deps);
}

/** True when the plan would delete or wait for something. */
export function hasChanges(plan: Plan): boolean {
  return plan.actions.some((a) => a.verb !== 'skip' && a.verb !== 'reuse');
}

export async function infraStatus(settings: Settings, configPath: string, deps: InfraDeps): Promise<StatusReport> {
  const region = resolveRegion(settings, deps.env);
  const accountId = await callerAccount(deps.clients);
  const spec = buildStackSpec(settings, {}, { region, configPath, env: deps.env, accountId });
  const observed = await observe(deps.clients, spec, { modes: ['provisioned', 'serverless'], accountId });
  return statusReport(observed, spec);
}
