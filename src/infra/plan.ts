/**
 * The pure planner: from what exists (ObservedState) and what is wanted (StackSpec), the list
 * of actions `up` or `down` would take, each with its reason. No I/O, so `--dry-run` prints
 * exactly what the applier would do, and the rules are tested without AWS.
 *
 * Rules: only resources tagged for this stack are changed or deleted; a same-named resource
 * that is not ours blocks `up` (we would otherwise adopt someone else's role, group or cluster)
 * and is left alone by `down`.
 */
import { samePolicy } from './policies.js';
import type { Action, ObservedState, Ownership, Plan, Resource, StackSpec } from './types.js';

export interface DownOptions {
  /** `--delete-bucket`: also delete the [INFRA] BUCKET, if tagged for this stack. */
  readonly deleteBucket?: boolean;
  /** `--force`: empty a non-empty bucket before deleting it. */
  readonly force?: boolean;
  /** `--final-snapshot`: the snapshot name to take before deleting the cluster or namespace. */
  readonly finalSnapshotName?: string;
}

const act = (verb: Action['verb'], resource: Resource, name: string, reason: string): Action => ({ verb, resource, name, reason });
const blocked = (resource: Resource, name: string, reason: string, blockedBy: 'conflict' | 'state'): Action => ({
  verb: 'blocked',
  resource,
  name,
  reason,
  blockedBy,
});

function notOurs(ownership: Ownership, stack: string): string {
  return ownership === 'other-stack'
    ? `exists but is tagged for another sparkify stack, not "${stack}"`
    : 'exists without sparkify tags (made outside sparkify)';
}

export function planUp(observed: ObservedState, spec: StackSpec): Plan {
  const actions: Action[] = [...bucketUp(observed, spec), ...roleUp(observed, spec), ...securityGroupUp(observed, spec)];
  if (spec.mode === 'provisioned') actions.push(clusterUp(observed, spec));
  else actions.push(...serverlessUp(observed, spec));
  const staging = spec.staging ? ', [S3] STAGING_BUCKET and STAGING_PREFIX' : '';
  actions.push(act('update', 'config', spec.configPath, `write [CLUSTER] HOST, DB_PORT, DB_NAME, DB_USER, [IAM_ROLE] ARN${staging}; remove any DB_PASSWORD (never write one)`));
  return { command: 'up', stack: spec.stack, region: spec.region, mode: spec.mode, actions };
}

function bucketUp(observed: ObservedState, spec: StackSpec): Action[] {
  const bucket = observed.bucket;
  if (!spec.bucket || !bucket) return [];
  const name = spec.bucket.name;
  if (bucket.state === 'inaccessible') {
    return spec.bucket.create
      ? [blocked('bucket', name, 'the name is taken by another AWS account (HeadBucket: 403); bucket names are global: set another [INFRA] BUCKET', 'conflict')]
      : [act('skip', 'bucket', name, 'not readable with your credentials (another account\'s?); the role\'s policy still names it')];
  }
  if (bucket.state === 'missing') {
    const purpose = spec.staging?.owned && spec.staging.bucket === name ? ', for staging Redshift loads' : '';
    return spec.bucket.create
      ? [act('create', 'bucket', name, `not found: private (public access blocked), encrypted (SSE-S3), tagged${purpose}`)]
      : [act('skip', 'bucket', name, 'not found; pass --create-bucket to create it, or create it before loading')];
  }
  if (bucket.ownership === 'ours') return [act('reuse', 'bucket', name, 'exists, tagged for this stack')];
  return [act('reuse', 'bucket', name, `${notOurs(bucket.ownership, spec.stack)}: used as is, never deleted by down`)];
}

function roleUp(observed: ObservedState, spec: StackSpec): Action[] {
  const role = observed.role;
  const name = spec.role.name;
  const policyName = spec.role.policyName;
  const locations = spec.role.s3Policy.Statement.length;
  if (!role.exists) {
    return [
      act('create', 'role', name, 'not found: assumable by redshift.amazonaws.com only'),
      act('create', 'role-policy', policyName, `read-only on the data bucket(s) and prefixes (${locations} statement(s))`),
    ];
  }
  if (role.ownership !== 'ours') {
    return [blocked('role', name, `${notOurs(role.ownership, spec.stack)}: set another [INFRA] IAM_ROLE_NAME, or remove that role`, 'conflict')];
  }
  const policy: Action =
    role.s3Policy === undefined
      ? act('create', 'role-policy', policyName, 'missing on the role (an earlier up stopped early?)')
      : samePolicy(role.s3Policy, spec.role.s3Policy)
        ? act('reuse', 'role-policy', policyName, 'already grants exactly the configured data locations')
        : act('update', 'role-policy', policyName, 'differs from the data locations in settings: rewrite it');
  return [act('reuse', 'role', name, 'exists, tagged for this stack'), policy];
}

function securityGroupUp(observed: ObservedState, spec: StackSpec): Action[] {
  const group = observed.securityGroup;
  const name = spec.securityGroup.name;
  const cidr = spec.securityGroup.allowCidr;
  if (cidr === '') return [blocked('ingress', name, 'no allowed CIDR: pass --allow-cidr A.B.C.D/32', 'conflict')];
  const rule = `TCP ${spec.port} from ${cidr} only`;
  if (!group.exists) {
    if (!observed.defaultVpcId) {
      return [blocked('security-group', name, `no default VPC in ${spec.region}: create one with \`aws ec2 create-default-vpc\` (other VPCs are not supported yet)`, 'conflict')];
    }
    return [act('create', 'security-group', name, `not found: in the default VPC ${observed.defaultVpcId}`), act('create', 'ingress', name, rule)];
  }
  if (group.ownership !== 'ours') {
    return [blocked('security-group', name, `${notOurs(group.ownership, spec.stack)}: set another [INFRA] SECURITY_GROUP_NAME`, 'conflict')];
  }
  const current = group.ingressCidrs;
  const ingress =
    current.length === 1 && current[0] === cidr
      ? act('reuse', 'ingress', name, `already ${rule}`)
      : act('update', 'ingress', name, `${rule} (was: ${current.length ? current.join(', ') : 'none'})`);
  return [act('reuse', 'security-group', name, `exists (${group.groupId ?? '?'}), tagged for this stack`), ingress];
}

// Cluster states `up` cannot wait out: it says what to do instead.
const stuckClusterStates: Readonly<Record<string, string>> = {
  deleting: 'is being deleted: wait until `sparkify infra status` shows it gone, then run up again',
  'final-snapshot': 'is being deleted: wait until `sparkify infra status` shows it gone, then run up again',
  paused: 'is paused: resume it (aws redshift resume-cluster --cluster-identifier NAME), then run up again',
  'hardware-failure': 'has a hardware failure: see the Redshift console, or run down and up again',
  'storage-full': 'is out of storage: resize it in the Redshift console',
  'incompatible-network': 'has an incompatible network: see the Redshift console, or run down and up again',
  'incompatible-parameters': 'has incompatible parameters: see the Redshift console',
  'incompatible-hsm': 'has an incompatible HSM configuration: see the Redshift console',
  'incompatible-restore': 'failed a restore: see the Redshift console, or run down and up again',
};

function clusterUp(observed: ObservedState, spec: StackSpec): Action {
  const cluster = observed.cluster;
  const wanted = spec.cluster;
  const name = wanted.identifier;
  if (!cluster.exists) {
    const nodes = wanted.clusterType === 'multi-node' ? `${wanted.numNodes} x ${wanted.nodeType}` : `1 x ${wanted.nodeType} (single-node)`;
    const access = spec.publiclyAccessible ? 'publicly accessible' : 'not publicly accessible';
    const password = spec.password === 'environment' ? 'password from $SPARKIFY_DB_PASSWORD' : 'password managed in Secrets Manager';
    return act('create', 'cluster', name, `not found: ${nodes}, encrypted, ${access}, ${password}`);
  }
  if (cluster.ownership !== 'ours') {
    return blocked('cluster', name, `${notOurs(cluster.ownership, spec.stack)}: set another [INFRA] CLUSTER_IDENTIFIER`, 'conflict');
  }
  const status = cluster.status ?? 'unknown';
  const stuck = stuckClusterStates[status];
  if (stuck) return blocked('cluster', name, `${stuck.replace('NAME', name)}`, 'state');
  const shape =
    cluster.nodeType && (cluster.nodeType !== wanted.nodeType || (cluster.numberOfNodes ?? 1) !== wanted.numNodes)
      ? ` (runs ${cluster.numberOfNodes ?? 1} x ${cluster.nodeType}, settings say ${wanted.numNodes} x ${wanted.nodeType}: left as is)`
      : '';
  return status === 'available'
    ? act('reuse', 'cluster', name, `exists and is available, tagged for this stack${shape}`)
    : act('wait', 'cluster', name, `exists (${status}): wait until available${shape}`);
}

function serverlessUp(observed: ObservedState, spec: StackSpec): Action[] {
  const { namespace, workgroup } = observed;
  const names = spec.serverless;
  const password = spec.password === 'environment' ? 'password from $SPARKIFY_DB_PASSWORD' : 'admin password managed in Secrets Manager';
  const access = spec.publiclyAccessible ? 'publicly accessible' : 'not publicly accessible';
  return [
    namespace.exists
      ? existingServerless('namespace', names.namespace, namespace, spec.stack)
      : act('create', 'namespace', names.namespace, `not found: database ${spec.dbName}, ${password}`),
    workgroup.exists
      ? existingServerless('workgroup', names.workgroup, workgroup, spec.stack)
      : act('create', 'workgroup', names.workgroup, `not found: base capacity ${names.baseCapacity} RPU, ${access}`),
  ];
}

function existingServerless(resource: 'namespace' | 'workgroup', name: string, item: { ownership: Ownership; status?: string }, stack: string): Action {
  if (item.ownership !== 'ours') return blocked(resource, name, `${notOurs(item.ownership, stack)}: set another [INFRA] CLUSTER_IDENTIFIER`, 'conflict');
  if (item.status === 'DELETING') return blocked(resource, name, 'is being deleted: wait until it is gone, then run up again', 'state');
  return item.status === 'AVAILABLE'
    ? act('reuse', resource, name, 'exists and is available, tagged for this stack')
    : act('wait', resource, name, `exists (${item.status ?? 'unknown'}): wait until available`);
}

/** Deletes what `up` made, newest first: warehouse, security group, role, then (if asked) the bucket. */
export function planDown(observed: ObservedState, spec: StackSpec, options: DownOptions = {}): Plan {
  const snapshot = options.finalSnapshotName
    ? `final snapshot ${options.finalSnapshotName} first`
    : 'no final snapshot (pass --final-snapshot to keep one)';
  const actions: Action[] = [];
  const { cluster, workgroup, namespace, securityGroup, role, bucket } = observed;

  const deletable = (
    resource: Resource,
    name: string,
    exists: boolean,
    ownership: Ownership,
    deleting: boolean,
    extra: string,
  ): Action => {
    if (!exists) return act('skip', resource, name, 'not found');
    if (ownership !== 'ours') return act('skip', resource, name, `${notOurs(ownership, spec.stack)}: left alone`);
    if (deleting) return act('wait', resource, name, 'already being deleted: wait until gone');
    return act('delete', resource, name, `tagged for this stack${extra}`);
  };

  actions.push(deletable('cluster', cluster.identifier, cluster.exists, cluster.ownership, cluster.status === 'deleting', `; ${snapshot}`));
  actions.push(deletable('workgroup', workgroup.name, workgroup.exists, workgroup.ownership, workgroup.status === 'DELETING', ''));
  actions.push(deletable('namespace', namespace.name, namespace.exists, namespace.ownership, namespace.status === 'DELETING', `; ${snapshot}`));
  actions.push(deletable('security-group', securityGroup.name, securityGroup.exists, securityGroup.ownership, false, ' (after the warehouse is gone)'));

  if (role.exists && role.ownership === 'ours') {
    for (const policy of role.inlinePolicies) actions.push(act('delete', 'role-policy', policy, `inline policy of ${role.name}`));
    for (const arn of role.attachedPolicyArns) actions.push(act('delete', 'role-policy', arn, `detach managed policy from ${role.name}`));
  }
  actions.push(deletable('role', role.name, role.exists, role.ownership, false, ''));

  if (bucket) actions.push(bucketDown(bucket, spec, options));
  return { command: 'down', stack: spec.stack, region: spec.region, mode: spec.mode, actions };
}

function bucketDown(bucket: NonNullable<ObservedState['bucket']>, spec: StackSpec, options: DownOptions): Action {
  const name = bucket.name;
  if (bucket.state === 'missing') return act('skip', 'bucket', name, 'not found');
  if (bucket.state === 'inaccessible') return act('skip', 'bucket', name, 'not readable with your credentials: left alone');
  if (bucket.ownership !== 'ours') return act('skip', 'bucket', name, `${notOurs(bucket.ownership, spec.stack)}: left alone`);
  if (!options.deleteBucket) return act('skip', 'bucket', name, 'kept with its data (pass --delete-bucket to delete it)');
  if (bucket.empty === false && !options.force) return act('skip', 'bucket', name, 'not empty: kept (add --force to delete its objects too)');
  return act('delete', 'bucket', name, bucket.empty === false ? 'tagged for this stack; --force: its objects are deleted first' : 'tagged for this stack and empty');
}

/** True when `apply` would refuse this plan; the first blocked action says why. */
export function blockedActions(plan: Plan): Action[] {
  return plan.actions.filter((a) => a.verb === 'blocked');
}

/** What an offline plan writes where a name or value needs an AWS call to know. */
export const LOOKED_UP = {
  account: 'ACCOUNT',
  ip: 'YOUR-IP',
} as const;

/**
 * `up --dry-run`: the plan from the configuration alone, with no AWS call and no
 * credentials. Every resource is what `up` would create if it is missing; `up` looks each
 * up first and reuses what exists and is tagged for this stack, so each action is marked
 * unverified, and names or values only AWS knows are written as LOOKED_UP placeholders.
 */
export function planFromConfig(spec: StackSpec): Plan {
  const unverified = (verb: Action['verb'], resource: Resource, name: string, reason: string): Action => ({
    ...act(verb, resource, name, reason),
    unverified: true,
  });
  const actions: Action[] = [];
  if (spec.bucket) {
    const staging = spec.staging?.owned && spec.staging.bucket === spec.bucket.name ? ', for staging Redshift loads' : '';
    actions.push(
      spec.bucket.create
        ? unverified('create', 'bucket', spec.bucket.name, `private (public access blocked), encrypted (SSE-S3), tagged${staging}`)
        : unverified('reuse', 'bucket', spec.bucket.name, 'your bucket, used as it is (never created or deleted)'),
    );
  }
  const statements = spec.role.s3Policy.Statement.length;
  actions.push(
    unverified('create', 'role', spec.role.name, 'assumable by redshift.amazonaws.com only'),
    unverified('create', 'role-policy', spec.role.policyName, `read-only on the data bucket(s) and prefixes (${statements} statement(s))`),
    unverified('create', 'security-group', spec.securityGroup.name, 'in the default VPC (looked up)'),
    unverified('create', 'ingress', spec.securityGroup.name, `TCP ${spec.port} from ${spec.securityGroup.allowCidr} only`),
  );
  const password = spec.password === 'secrets-manager' ? 'password managed in Secrets Manager' : 'password from SPARKIFY_DB_PASSWORD';
  if (spec.mode === 'provisioned') {
    const { cluster } = spec;
    actions.push(
      unverified('create', 'cluster', cluster.identifier,
        `${cluster.numNodes} x ${cluster.nodeType} (${cluster.clusterType}), encrypted, ${spec.publiclyAccessible ? 'publicly accessible' : 'not publicly accessible'}, ${password}`),
    );
  } else {
    actions.push(
      unverified('create', 'namespace', spec.serverless.namespace, `database ${spec.dbName}, admin ${spec.dbUser}, ${password}`),
      unverified('create', 'workgroup', spec.serverless.workgroup, `${spec.serverless.baseCapacity} RPU base capacity, ${spec.publiclyAccessible ? 'publicly accessible' : 'not publicly accessible'}`),
    );
  }
  const staging = spec.staging ? ', [S3] STAGING_BUCKET and STAGING_PREFIX' : '';
  actions.push(act('update', 'config', spec.configPath, `write [CLUSTER] HOST, DB_PORT, DB_NAME, DB_USER, [IAM_ROLE] ARN${staging}; remove any DB_PASSWORD (never write one)`));
  return { command: 'up', stack: spec.stack, region: spec.region, mode: spec.mode, actions };
}
