/**
 * Creating, waiting for and deleting the warehouse itself: a provisioned Redshift cluster, or a
 * Redshift Serverless namespace and workgroup.
 */
import { CreateClusterCommand, DeleteClusterCommand, DescribeClustersCommand } from '@aws-sdk/client-redshift';
import {
  CreateNamespaceCommand,
  CreateWorkgroupCommand,
  DeleteNamespaceCommand,
  DeleteWorkgroupCommand,
  GetNamespaceCommand,
  GetWorkgroupCommand,
} from '@aws-sdk/client-redshift-serverless';
import { ConfigError, InfraError } from '../errors.js';
import { type ApplyDeps, isRolePropagation, onPoll, retryTransient, waitPolicyOf } from './apply-context.js';
import { aws, awsErrorName, awsLookup } from './errors.js';
import { observeCluster, observeWorkgroup } from './observe.js';
import { PASSWORD_ENV } from './spec.js';
import { toAwsTags, toServerlessTags } from './tags.js';
import type { StackSpec } from './types.js';
import { type PollResult, waitUntil } from './wait.js';

/** Either Secrets Manager keeps the password, or it comes from the environment; never from dwh.cfg. */
function passwordFields(spec: StackSpec, deps: ApplyDeps): { managed: true } | { managed: false; password: string } {
  if (spec.password === 'secrets-manager') return { managed: true };
  const password = deps.env[PASSWORD_ENV];
  if (!password) throw new ConfigError(`${PASSWORD_ENV} is not set; export it, or drop --password-from-env`);
  return { managed: false, password };
}

export async function createCluster(spec: StackSpec, roleArn: string, groupId: string, deps: ApplyDeps): Promise<void> {
  const { cluster } = spec;
  const password = passwordFields(spec, deps);
  await aws(`creating Redshift cluster ${cluster.identifier}`, () =>
    retryTransient(deps, isRolePropagation, () =>
      deps.clients.redshift.send(
        new CreateClusterCommand({
          ClusterIdentifier: cluster.identifier,
          ClusterType: cluster.clusterType,
          NodeType: cluster.nodeType,
          ...(cluster.clusterType === 'multi-node' ? { NumberOfNodes: cluster.numNodes } : {}),
          DBName: spec.dbName,
          MasterUsername: spec.dbUser,
          ...(password.managed ? { ManageMasterPassword: true } : { MasterUserPassword: password.password }),
          Port: spec.port,
          IamRoles: [roleArn],
          DefaultIamRoleArn: roleArn,
          VpcSecurityGroupIds: [groupId],
          PubliclyAccessible: spec.publiclyAccessible,
          Encrypted: true,
          Tags: toAwsTags(spec.tags),
        }),
      ),
    ),
  );
}

// States a cluster does not leave by itself; waiting longer will not help.
const failedClusterStates = new Set([
  'hardware-failure',
  'incompatible-hsm',
  'incompatible-network',
  'incompatible-parameters',
  'incompatible-restore',
  'storage-full',
  'deleting',
  'final-snapshot',
  'paused',
]);

export async function waitClusterAvailable(spec: StackSpec, deps: ApplyDeps): Promise<void> {
  const name = spec.cluster.identifier;
  const poll = async (): Promise<PollResult> => {
    const cluster = await observeCluster(deps.clients, spec);
    const state = cluster.status ?? 'unknown';
    if (!cluster.exists) return { state: 'gone', done: false, failure: 'the cluster disappeared (deleted by someone else?)' };
    if (failedClusterStates.has(state)) return { state, done: false, failure: `the cluster is ${state}; see the Redshift console` };
    return { state, done: state === 'available' && cluster.endpoint !== undefined };
  };
  await waitUntil({ what: `cluster ${name} to become available`, poll, onPoll: onPoll(deps, 'cluster', name) }, deps, waitPolicyOf(deps));
}

export async function deleteCluster(identifier: string, finalSnapshotName: string | undefined, deps: ApplyDeps): Promise<void> {
  await aws(`deleting Redshift cluster ${identifier}`, () =>
    deps.clients.redshift.send(
      new DeleteClusterCommand({
        ClusterIdentifier: identifier,
        ...(finalSnapshotName ? { FinalClusterSnapshotIdentifier: finalSnapshotName, SkipFinalClusterSnapshot: false } : { SkipFinalClusterSnapshot: true }),
      }),
    ),
  );
}

export async function waitClusterGone(identifier: string, deps: ApplyDeps): Promise<void> {
  const poll = async (): Promise<PollResult> => {
    const result = await awsLookup(`looking up Redshift cluster ${identifier}`, ['ClusterNotFoundFault', 'ClusterNotFound'], () =>
      deps.clients.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: identifier })),
    );
    const cluster = result?.Clusters?.[0];
    return cluster ? { state: cluster.ClusterStatus ?? 'deleting', done: false } : { state: 'deleted', done: true };
  };
  await waitUntil({ what: `cluster ${identifier} to be deleted`, poll, onPoll: onPoll(deps, 'cluster', identifier) }, deps, waitPolicyOf(deps));
}

export async function createNamespace(spec: StackSpec, roleArn: string, deps: ApplyDeps): Promise<void> {
  const name = spec.serverless.namespace;
  const password = passwordFields(spec, deps);
  await aws(`creating Redshift Serverless namespace ${name}`, () =>
    retryTransient(deps, isRolePropagation, () =>
      deps.clients.serverless.send(
        new CreateNamespaceCommand({
          namespaceName: name,
          dbName: spec.dbName,
          adminUsername: spec.dbUser,
          ...(password.managed ? { manageAdminPassword: true } : { adminUserPassword: password.password }),
          iamRoles: [roleArn],
          defaultIamRoleArn: roleArn,
          tags: toServerlessTags(spec.tags),
        }),
      ),
    ),
  );
}

export async function createWorkgroup(spec: StackSpec, groupId: string, deps: ApplyDeps): Promise<void> {
  const { workgroup, namespace, baseCapacity } = spec.serverless;
  await aws(`creating Redshift Serverless workgroup ${workgroup}`, () =>
    deps.clients.serverless.send(
      new CreateWorkgroupCommand({
        workgroupName: workgroup,
        namespaceName: namespace,
        baseCapacity,
        securityGroupIds: [groupId],
        publiclyAccessible: spec.publiclyAccessible,
        port: spec.port,
        tags: toServerlessTags(spec.tags),
      }),
    ),
  );
}

type ServerlessKind = 'namespace' | 'workgroup';

async function serverlessStatus(kind: ServerlessKind, name: string, deps: ApplyDeps): Promise<string | undefined> {
  const doing = `looking up Redshift Serverless ${kind} ${name}`;
  if (kind === 'namespace') {
    const result = await awsLookup(doing, ['ResourceNotFoundException'], () =>
      deps.clients.serverless.send(new GetNamespaceCommand({ namespaceName: name })),
    );
    return result ? (result.namespace?.status ?? 'unknown') : undefined;
  }
  const result = await awsLookup(doing, ['ResourceNotFoundException'], () =>
    deps.clients.serverless.send(new GetWorkgroupCommand({ workgroupName: name })),
  );
  return result ? (result.workgroup?.status ?? 'unknown') : undefined;
}

export async function waitServerless(kind: ServerlessKind, name: string, until: 'available' | 'gone', deps: ApplyDeps): Promise<void> {
  const poll = async (): Promise<PollResult> => {
    const status = await serverlessStatus(kind, name, deps);
    if (until === 'gone') return status === undefined ? { state: 'deleted', done: true } : { state: status, done: false };
    if (status === undefined) return { state: 'gone', done: false, failure: `the ${kind} disappeared (deleted by someone else?)` };
    if (status === 'DELETING') return { state: status, done: false, failure: `the ${kind} is being deleted` };
    return { state: status, done: status === 'AVAILABLE' };
  };
  const what = `${kind} ${name} to ${until === 'gone' ? 'be deleted' : 'become available'}`;
  await waitUntil({ what, poll, onPoll: onPoll(deps, kind, name) }, deps, waitPolicyOf(deps));
}

export async function deleteServerless(kind: ServerlessKind, name: string, finalSnapshotName: string | undefined, deps: ApplyDeps): Promise<void> {
  await aws(`deleting Redshift Serverless ${kind} ${name}`, async () => {
    try {
      if (kind === 'workgroup') await deps.clients.serverless.send(new DeleteWorkgroupCommand({ workgroupName: name }));
      else {
        await deps.clients.serverless.send(
          new DeleteNamespaceCommand({ namespaceName: name, ...(finalSnapshotName ? { finalSnapshotName } : {}) }),
        );
      }
    } catch (error) {
      // Gone between observing and deleting: what down wanted anyway.
      if (awsErrorName(error) !== 'ResourceNotFoundException') throw error;
    }
  });
}

/** Where to connect, read back from AWS once the warehouse is ready. */
export async function warehouseEndpoint(spec: StackSpec, deps: ApplyDeps): Promise<{ address: string; port: number; secretArn?: string }> {
  if (spec.mode === 'provisioned') {
    const cluster = await observeCluster(deps.clients, spec);
    if (!cluster.endpoint) throw new InfraError(`cluster ${spec.cluster.identifier} has no endpoint yet; run \`sparkify infra up\` again in a minute`);
    return { ...cluster.endpoint, ...(cluster.secretArn ? { secretArn: cluster.secretArn } : {}) };
  }
  const workgroup = await observeWorkgroup(deps.clients, spec);
  if (!workgroup.endpoint) throw new InfraError(`workgroup ${spec.serverless.workgroup} has no endpoint yet; run \`sparkify infra up\` again in a minute`);
  const namespace = await awsLookup(`looking up namespace ${spec.serverless.namespace}`, ['ResourceNotFoundException'], () =>
    deps.clients.serverless.send(new GetNamespaceCommand({ namespaceName: spec.serverless.namespace })),
  );
  const secretArn = namespace?.namespace?.adminPasswordSecretArn;
  return { ...workgroup.endpoint, ...(secretArn ? { secretArn } : {}) };
}
