/**
 * The applier: carries out a plan's actions in order with the SDK clients. It decides nothing
 * the planner did not; it only threads the ids one step produces (role ARN, group id) into
 * the next. A failure stops it where it is: running `up` again reuses what was made, and
 * `down` removes it, because everything made is tagged at creation.
 */
import { ConfigError, InfraError } from '../errors.js';
import type { ApplyDeps } from './apply-context.js';
import {
  createBucket,
  createRole,
  createSecurityGroup,
  deleteBucket,
  deleteRole,
  deleteSecurityGroup,
  putRolePolicy,
  removeRolePolicy,
  syncIngress,
} from './apply-resources.js';
import {
  createCluster,
  createNamespace,
  createWorkgroup,
  deleteCluster,
  deleteServerless,
  waitClusterAvailable,
  waitClusterGone,
  waitServerless,
  warehouseEndpoint,
} from './apply-warehouse.js';
import { blockedActions, type DownOptions } from './plan.js';
import type { Action, ObservedState, Plan, StackSpec } from './types.js';
import { writeConfigFile } from './write-config.js';

export type { ApplyDeps } from './apply-context.js';

export interface UpOutcome {
  readonly host: string;
  readonly port: number;
  readonly dbName: string;
  readonly dbUser: string;
  readonly roleArn: string;
  /** The Secrets Manager secret holding the admin password, when AWS manages it. */
  readonly secretArn?: string;
  readonly configPath: string;
  /** Where Redshift loads stage their parts, as written to [S3] STAGING_BUCKET and STAGING_PREFIX. */
  readonly staging?: { readonly bucket: string; readonly prefix: string; readonly owned: boolean };
  /** Password lines `up` took out of the config file: the password is elsewhere now. */
  readonly removedPasswordKeys: readonly string[];
}

/** Every key a password may have been written under in a course dwh.cfg. */
const PASSWORD_KEYS = [
  { section: 'CLUSTER', key: 'DB_PASSWORD' },
  { section: 'DWH', key: 'DWH_DB_PASSWORD' },
] as const;

/** Refuses a plan holding a blocked action, before anything changes. */
export function assertNotBlocked(plan: Plan): void {
  const first = blockedActions(plan)[0];
  if (!first) return;
  const message = `${plan.command} stopped before changing anything: ${first.resource} ${first.name} ${first.reason}`;
  throw first.blockedBy === 'state' ? new InfraError(message) : new ConfigError(message);
}

function unexpected(action: Action): never {
  throw new Error(`the applier has no step for ${action.verb} ${action.resource}`);
}

export async function applyUp(plan: Plan, spec: StackSpec, observed: ObservedState, deps: ApplyDeps): Promise<UpOutcome> {
  assertNotBlocked(plan);
  let roleArn = observed.role.arn;
  let groupId = observed.securityGroup.groupId;
  let outcome: UpOutcome | undefined;
  const need = (value: string | undefined, what: string): string => {
    if (!value) throw new InfraError(`no ${what} to use; run \`sparkify infra up\` again`);
    return value;
  };

  for (const action of plan.actions) {
    if (action.verb === 'skip' || action.verb === 'reuse') continue;
    deps.onEvent({ type: 'action', action });
    let detail: string | undefined;
    switch (`${action.verb} ${action.resource}`) {
      case 'create bucket':
        await createBucket(spec, deps);
        break;
      case 'create role':
        roleArn = await createRole(spec, deps);
        detail = roleArn;
        break;
      case 'create role-policy':
      case 'update role-policy':
        await putRolePolicy(spec, deps);
        break;
      case 'create security-group':
        groupId = await createSecurityGroup(spec, need(observed.defaultVpcId, 'default VPC'), deps);
        detail = groupId;
        break;
      case 'create ingress':
        await syncIngress(spec, need(groupId, 'security group'), [], deps);
        break;
      case 'update ingress':
        await syncIngress(spec, need(groupId, 'security group'), observed.securityGroup.ingressCidrs, deps);
        break;
      case 'create cluster':
        await createCluster(spec, need(roleArn, 'IAM role ARN'), need(groupId, 'security group'), deps);
        await waitClusterAvailable(spec, deps);
        break;
      case 'wait cluster':
        await waitClusterAvailable(spec, deps);
        break;
      case 'create namespace':
        await createNamespace(spec, need(roleArn, 'IAM role ARN'), deps);
        await waitServerless('namespace', action.name, 'available', deps);
        break;
      case 'wait namespace':
        await waitServerless('namespace', action.name, 'available', deps);
        break;
      case 'create workgroup':
        await createWorkgroup(spec, need(groupId, 'security group'), deps);
        await waitServerless('workgroup', action.name, 'available', deps);
        break;
      case 'wait workgroup':
        await waitServerless('workgroup', action.name, 'available', deps);
        break;
      case 'update config': {
        const endpoint = await warehouseEndpoint(spec, deps);
        outcome = {
          host: endpoint.address,
          port: endpoint.port,
          dbName: spec.dbName,
          dbUser: spec.dbUser,
          roleArn: need(roleArn, 'IAM role ARN'),
          ...(endpoint.secretArn ? { secretArn: endpoint.secretArn } : {}),
          configPath: spec.configPath,
          ...(spec.staging ? { staging: spec.staging } : {}),
          removedPasswordKeys: [],
        };
        const written = await writeConfigFile(
          spec.configPath,
          [
            { section: 'CLUSTER', key: 'HOST', value: outcome.host },
            { section: 'CLUSTER', key: 'DB_PORT', value: String(outcome.port) },
            { section: 'CLUSTER', key: 'DB_NAME', value: outcome.dbName },
            { section: 'CLUSTER', key: 'DB_USER', value: outcome.dbUser },
            { section: 'IAM_ROLE', key: 'ARN', value: outcome.roleArn },
            ...(spec.staging
              ? [
                  { section: 'S3', key: 'STAGING_BUCKET', value: spec.staging.bucket },
                  { section: 'S3', key: 'STAGING_PREFIX', value: spec.staging.prefix },
                ]
              : []),
          ],
          // The cluster's password is in Secrets Manager or SPARKIFY_DB_PASSWORD now: one in the file would be stale.
          PASSWORD_KEYS,
        );
        outcome = { ...outcome, removedPasswordKeys: written.removed.map((k) => `[${k.section}] ${k.key}`) };
        break;
      }
      default:
        unexpected(action);
    }
    deps.onEvent({ type: 'done', action, ...(detail ? { detail } : {}) });
  }
  if (!outcome) throw new Error('an up plan always ends by writing the config');
  return outcome;
}

export interface DownOutcome {
  /** "verb resource name" of each action carried out. */
  readonly done: readonly string[];
  /** Resources left in place, with the reason. */
  readonly kept: readonly Action[];
}

export async function applyDown(plan: Plan, observed: ObservedState, options: DownOptions, deps: ApplyDeps): Promise<DownOutcome> {
  assertNotBlocked(plan);
  const done: string[] = [];
  const kept: Action[] = [];
  for (const action of plan.actions) {
    if (action.verb === 'skip' || action.verb === 'reuse') {
      kept.push(action);
      continue;
    }
    deps.onEvent({ type: 'action', action });
    let detail: string | undefined;
    switch (`${action.verb} ${action.resource}`) {
      case 'delete cluster':
        await deleteCluster(action.name, options.finalSnapshotName, deps);
        await waitClusterGone(action.name, deps);
        break;
      case 'wait cluster':
        await waitClusterGone(action.name, deps);
        break;
      case 'delete workgroup':
        await deleteServerless('workgroup', action.name, undefined, deps);
        await waitServerless('workgroup', action.name, 'gone', deps);
        break;
      case 'wait workgroup':
        await waitServerless('workgroup', action.name, 'gone', deps);
        break;
      case 'delete namespace':
        await deleteServerless('namespace', action.name, options.finalSnapshotName, deps);
        await waitServerless('namespace', action.name, 'gone', deps);
        break;
      case 'wait namespace':
        await waitServerless('namespace', action.name, 'gone', deps);
        break;
      case 'delete security-group':
        await deleteSecurityGroup(action.name, observed.securityGroup.groupId ?? '', deps);
        break;
      case 'delete role-policy':
        await removeRolePolicy(observed.role.name, action.name, deps);
        break;
      case 'delete role':
        await deleteRole(action.name, deps);
        break;
      case 'delete bucket': {
        const objects = await deleteBucket(action.name, observed.bucket?.empty !== false, deps);
        if (objects > 0) detail = `${objects} object(s) deleted first`;
        break;
      }
      default:
        unexpected(action);
    }
    done.push(`${action.verb === 'wait' ? 'waited for' : 'deleted'} ${action.resource} ${action.name}`);
    deps.onEvent({ type: 'done', action, ...(detail ? { detail } : {}) });
  }
  return { done, kept };
}
