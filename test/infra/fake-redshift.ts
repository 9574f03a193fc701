/** The Redshift and Redshift Serverless half of the fake control plane (see fake-aws.ts). */
import { CreateClusterCommand, DeleteClusterCommand, DescribeClustersCommand, type CreateClusterCommandInput, type DeleteClusterCommandInput } from '@aws-sdk/client-redshift';
import {
  CreateNamespaceCommand,
  CreateWorkgroupCommand,
  DeleteNamespaceCommand,
  DeleteWorkgroupCommand,
  GetNamespaceCommand,
  GetWorkgroupCommand,
  ListTagsForResourceCommand,
  type CreateNamespaceCommandInput,
  type CreateWorkgroupCommandInput,
} from '@aws-sdk/client-redshift-serverless';
import { mockClient } from 'aws-sdk-client-mock';
import { tagRecord } from '../../src/infra/tags.js';
import { ACCOUNT, awsError, SETTLE_POLLS, type FakeAws } from './fake-aws.js';

export function installRedshift(aws: FakeAws): void {
  const redshift = mockClient(aws.clients.redshift);
  const clusters = aws.state.clusters;
  redshift.on(DescribeClustersCommand).callsFake(aws.fake('DescribeClusters', (input: { ClusterIdentifier: string }) => {
    const cluster = clusters.get(input.ClusterIdentifier);
    if (!cluster) throw awsError('ClusterNotFoundFault', 404);
    if (cluster.status === 'creating' && --cluster.polls <= 0) cluster.status = 'available';
    if (cluster.status === 'deleting' && --cluster.polls <= 0) {
      clusters.delete(input.ClusterIdentifier);
      throw awsError('ClusterNotFoundFault', 404);
    }
    const ready = cluster.status === 'available';
    return {
      Clusters: [
        {
          ClusterIdentifier: input.ClusterIdentifier,
          ClusterStatus: cluster.status,
          NodeType: cluster.input.NodeType,
          NumberOfNodes: cluster.input.NumberOfNodes ?? 1,
          DBName: cluster.input.DBName,
          MasterUsername: cluster.input.MasterUsername,
          PubliclyAccessible: cluster.input.PubliclyAccessible,
          Encrypted: cluster.input.Encrypted,
          Tags: Object.entries(cluster.tags).map(([Key, Value]) => ({ Key, Value })),
          ...(cluster.input.ManageMasterPassword ? { MasterPasswordSecretArn: `arn:aws:secretsmanager:us-west-2:${ACCOUNT}:secret:redshift!${input.ClusterIdentifier}-awsuser` } : {}),
          ...(ready ? { Endpoint: { Address: `${input.ClusterIdentifier}.abc123xyz.us-west-2.redshift.amazonaws.com`, Port: cluster.input.Port ?? 5439 } } : {}),
        },
      ],
    };
  }));
  redshift.on(CreateClusterCommand).callsFake(aws.fake('CreateCluster', (input: CreateClusterCommandInput) => {
    const id = input.ClusterIdentifier ?? '';
    if (clusters.has(id)) throw awsError('ClusterAlreadyExistsFault', 400);
    clusters.set(id, { status: 'creating', polls: SETTLE_POLLS, tags: tagRecord(input.Tags), input });
    return { Cluster: { ClusterIdentifier: id, ClusterStatus: 'creating' } };
  }));
  redshift.on(DeleteClusterCommand).callsFake(aws.fake('DeleteCluster', (input: DeleteClusterCommandInput) => {
    const cluster = clusters.get(input.ClusterIdentifier ?? '');
    if (!cluster) throw awsError('ClusterNotFoundFault', 404);
    if (cluster.status === 'creating') throw awsError('InvalidClusterStateFault', 400, 'There is an operation running on the Cluster');
    Object.assign(cluster, { status: 'deleting', polls: SETTLE_POLLS, deleteInput: input });
    return { Cluster: { ClusterIdentifier: input.ClusterIdentifier, ClusterStatus: 'deleting' } };
  }));
}

export function installServerless(aws: FakeAws): void {
  const serverless = mockClient(aws.clients.serverless);
  const { namespaces, workgroups } = aws.state;
  const settle = <T extends { status: string; polls: number }>(map: Map<string, T>, name: string): T => {
    const item = map.get(name);
    if (!item) throw awsError('ResourceNotFoundException', 404);
    if ((item.status === 'CREATING' || item.status === 'MODIFYING') && --item.polls <= 0) item.status = 'AVAILABLE';
    if (item.status === 'DELETING' && --item.polls <= 0) {
      map.delete(name);
      throw awsError('ResourceNotFoundException', 404);
    }
    return item;
  };
  const arn = (kind: string, name: string) => `arn:aws:redshift-serverless:us-west-2:${ACCOUNT}:${kind}/${name}`;
  serverless.on(GetNamespaceCommand).callsFake(aws.fake('GetNamespace', (input: { namespaceName: string }) => {
    const ns = settle(namespaces, input.namespaceName);
    return {
      namespace: {
        namespaceName: input.namespaceName,
        namespaceArn: arn('namespace', input.namespaceName),
        status: ns.status,
        dbName: ns.input.dbName,
        adminUsername: ns.input.adminUsername,
        ...(ns.input.manageAdminPassword ? { adminPasswordSecretArn: `arn:aws:secretsmanager:us-west-2:${ACCOUNT}:secret:redshift!${input.namespaceName}` } : {}),
      },
    };
  }));
  serverless.on(GetWorkgroupCommand).callsFake(aws.fake('GetWorkgroup', (input: { workgroupName: string }) => {
    const wg = settle(workgroups, input.workgroupName);
    return {
      workgroup: {
        workgroupName: input.workgroupName,
        workgroupArn: arn('workgroup', input.workgroupName),
        status: wg.status,
        baseCapacity: wg.input.baseCapacity,
        ...(wg.status === 'AVAILABLE' ? { endpoint: { address: `${input.workgroupName}.${ACCOUNT}.us-west-2.redshift-serverless.amazonaws.com`, port: 5439 } } : {}),
      },
    };
  }));
  serverless.on(ListTagsForResourceCommand).callsFake(aws.fake('ListTagsForResource', (input: { resourceArn: string }) => {
    const [, kind, name] = /:(namespace|workgroup)\/(.+)$/.exec(input.resourceArn) ?? [];
    const item = kind === 'namespace' ? namespaces.get(name ?? '') : workgroups.get(name ?? '');
    return { tags: Object.entries(item?.tags ?? {}).map(([key, value]) => ({ key, value })) };
  }));
  serverless.on(CreateNamespaceCommand).callsFake(aws.fake('CreateNamespace', (input: CreateNamespaceCommandInput) => {
    if (namespaces.has(input.namespaceName ?? '')) throw awsError('ConflictException', 409);
    namespaces.set(input.namespaceName ?? '', { status: 'AVAILABLE', polls: 0, tags: tagRecord(input.tags), input });
    return { namespace: { namespaceName: input.namespaceName, status: 'AVAILABLE' } };
  }));
  serverless.on(CreateWorkgroupCommand).callsFake(aws.fake('CreateWorkgroup', (input: CreateWorkgroupCommandInput) => {
    if (workgroups.has(input.workgroupName ?? '')) throw awsError('ConflictException', 409);
    workgroups.set(input.workgroupName ?? '', { status: 'CREATING', polls: SETTLE_POLLS, tags: tagRecord(input.tags), input });
    return { workgroup: { workgroupName: input.workgroupName, status: 'CREATING' } };
  }));
  serverless.on(DeleteWorkgroupCommand).callsFake(aws.fake('DeleteWorkgroup', (input: { workgroupName: string }) => {
    const wg = settle(workgroups, input.workgroupName);
    Object.assign(wg, { status: 'DELETING', polls: 1 });
    return {};
  }));
  serverless.on(DeleteNamespaceCommand).callsFake(aws.fake('DeleteNamespace', (input: { namespaceName: string }) => {
    if ([...workgroups.values()].some((w) => w.input.namespaceName === input.namespaceName)) throw awsError('ConflictException', 409);
    const ns = settle(namespaces, input.namespaceName);
    Object.assign(ns, { status: 'DELETING', polls: 1 });
    return {};
  }));
}
