/**
 * `infra status`: each resource of the stack (exists? state? ours?) and a cost estimate of
 * what is running, built from an observation without further calls.
 */
import { type CostEstimate, estimateHourlyCost } from './cost.js';
import type { ObservedState, Ownership, Resource, StackSpec } from './types.js';

export interface StatusLine {
  readonly resource: Resource;
  readonly name: string;
  readonly exists: boolean;
  readonly state: string;
  /** Whether the tags say this stack made it; only such resources are deleted by `down`. */
  readonly ownership: Ownership | 'n/a';
  readonly detail?: string;
}

export interface StatusReport {
  readonly stack: string;
  readonly region: string;
  readonly account: string;
  readonly resources: readonly StatusLine[];
  readonly cost: CostEstimate;
}

const line = (
  resource: Resource,
  name: string,
  exists: boolean,
  state: string,
  ownership: Ownership,
  detail?: string,
): StatusLine => ({ resource, name, exists, state: exists ? state : 'not found', ownership: exists ? ownership : 'n/a', ...(detail ? { detail } : {}) });

export function statusReport(observed: ObservedState, spec: StackSpec): StatusReport {
  const { bucket, role, securityGroup, cluster, namespace, workgroup } = observed;
  const resources: StatusLine[] = [];
  if (bucket) {
    const state = bucket.state === 'inaccessible' ? 'exists, not readable by you' : bucket.empty ? 'empty' : 'holds objects';
    resources.push(line('bucket', bucket.name, bucket.state !== 'missing', state, bucket.ownership));
  }
  resources.push(
    line('role', role.name, role.exists, role.s3Policy === undefined ? 'no sparkify policy' : `policy ${spec.role.policyName}`, role.ownership, role.arn),
  );
  const ingress = securityGroup.ingressCidrs.length ? `port ${spec.port} from ${securityGroup.ingressCidrs.join(', ')}` : `port ${spec.port} closed`;
  resources.push(line('security-group', securityGroup.name, securityGroup.exists, ingress, securityGroup.ownership, securityGroup.groupId));
  const endpoint = (e: { address: string; port: number } | undefined) => (e ? `${e.address}:${e.port}` : undefined);
  const clusterDetail = [
    cluster.nodeType ? `${cluster.numberOfNodes ?? 1} x ${cluster.nodeType}` : '',
    endpoint(cluster.endpoint) ?? '',
    cluster.publiclyAccessible === undefined ? '' : cluster.publiclyAccessible ? 'public' : 'private',
    cluster.secretArn ? `password in ${cluster.secretArn}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  resources.push(line('cluster', cluster.identifier, cluster.exists, cluster.status ?? 'unknown', cluster.ownership, clusterDetail));
  if (namespace.exists || workgroup.exists || spec.mode === 'serverless') {
    resources.push(
      line('namespace', namespace.name, namespace.exists, namespace.status ?? 'unknown', namespace.ownership, namespace.secretArn ? `password in ${namespace.secretArn}` : undefined),
    );
    const wgDetail = [workgroup.baseCapacity ? `${workgroup.baseCapacity} RPU base` : '', endpoint(workgroup.endpoint) ?? ''].filter(Boolean).join(', ');
    resources.push(line('workgroup', workgroup.name, workgroup.exists, workgroup.status ?? 'unknown', workgroup.ownership, wgDetail));
  }

  const cost = estimateHourlyCost({
    region: observed.region,
    ...(cluster.exists && cluster.nodeType
      ? { cluster: { name: cluster.identifier, nodeType: cluster.nodeType, nodes: cluster.numberOfNodes ?? 1, status: cluster.status ?? 'unknown' } }
      : {}),
    ...(workgroup.exists
      ? { workgroup: { name: workgroup.name, baseRpu: workgroup.baseCapacity ?? spec.serverless.baseCapacity, status: workgroup.status ?? 'unknown' } }
      : {}),
  });
  return { stack: spec.stack, region: observed.region, account: observed.accountId, resources, cost };
}
