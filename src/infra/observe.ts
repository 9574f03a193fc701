/**
 * Reads what exists for one stack, with its tags, using only Describe/Get/List/Head calls:
 * `--dry-run` and `status` change nothing. "Not found" answers become `exists: false`;
 * every other failure is mapped by errors.ts.
 */
import { DescribeSecurityGroupsCommand, DescribeVpcsCommand, type SecurityGroup } from '@aws-sdk/client-ec2';
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
} from '@aws-sdk/client-iam';
import { DescribeClustersCommand } from '@aws-sdk/client-redshift';
import { GetNamespaceCommand, GetWorkgroupCommand, ListTagsForResourceCommand } from '@aws-sdk/client-redshift-serverless';
import { GetBucketTaggingCommand, HeadBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { InfraClients } from './clients.js';
import { aws, awsErrorName, awsLookup, httpStatusOf, mapAwsError } from './errors.js';
import { ownershipOf, tagRecord } from './tags.js';
import type {
  ObservedBucket,
  ObservedCluster,
  ObservedNamespace,
  ObservedRole,
  ObservedSecurityGroup,
  ObservedState,
  ObservedWorkgroup,
  StackSpec,
} from './types.js';

export interface ObserveOptions {
  /** Which warehouse kinds to look for: `up` looks only for the one it builds, `status` and `down` for both. */
  readonly modes: readonly ('provisioned' | 'serverless')[];
  /** Already looked up (callerAccount): no second sts:GetCallerIdentity. */
  readonly accountId?: string;
}

/** The account of the credentials in use; a missing or expired credential shows up here with its own message. */
export async function callerAccount(clients: InfraClients): Promise<string> {
  const identity = await aws('checking your AWS identity (sts:GetCallerIdentity)', () => clients.sts.send(new GetCallerIdentityCommand({})));
  return identity.Account ?? 'unknown';
}

export async function observe(clients: InfraClients, spec: StackSpec, options: ObserveOptions): Promise<ObservedState> {
  // First, and alone: a missing or expired credential shows up here with its own message.
  const accountId = options.accountId ?? (await callerAccount(clients));
  const defaultVpcId = await observeDefaultVpc(clients);
  const [bucket, role, securityGroup, cluster, namespace, workgroup] = await Promise.all([
    spec.bucket ? observeBucket(clients, spec.bucket.name, spec.stack) : Promise.resolve(undefined),
    observeRole(clients, spec),
    observeSecurityGroup(clients, spec, defaultVpcId),
    options.modes.includes('provisioned') ? observeCluster(clients, spec) : Promise.resolve(absentCluster(spec)),
    options.modes.includes('serverless') ? observeNamespace(clients, spec) : Promise.resolve(absentNamespace(spec)),
    options.modes.includes('serverless') ? observeWorkgroup(clients, spec) : Promise.resolve(absentWorkgroup(spec)),
  ]);
  return {
    accountId,
    region: spec.region,
    ...(defaultVpcId ? { defaultVpcId } : {}),
    ...(bucket ? { bucket } : {}),
    role,
    securityGroup,
    cluster,
    namespace,
    workgroup,
  };
}

async function observeDefaultVpc(clients: InfraClients): Promise<string | undefined> {
  const vpcs = await aws('looking up the default VPC', () =>
    clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'isDefault', Values: ['true'] }] })),
  );
  return vpcs.Vpcs?.[0]?.VpcId;
}

async function observeBucket(clients: InfraClients, name: string, stack: string): Promise<ObservedBucket> {
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: name }));
  } catch (error) {
    const status = httpStatusOf(error);
    const errorName = awsErrorName(error);
    if (status === 404 || errorName === 'NotFound' || errorName === 'NoSuchBucket') return { name, state: 'missing', ownership: 'unmanaged' };
    if (status === 403 || errorName === 'Forbidden') return { name, state: 'inaccessible', ownership: 'unmanaged' };
    throw mapAwsError(error, `looking up bucket ${name}`);
  }
  // A data bucket we may read but not inspect is simply not ours: up leaves it alone, down keeps it.
  const unreadable = ['AccessDenied', 'Forbidden'];
  const tagging = await awsLookup(`reading the tags of bucket ${name}`, ['NoSuchTagSet', ...unreadable], () =>
    clients.s3.send(new GetBucketTaggingCommand({ Bucket: name })),
  );
  const listing = await awsLookup(`listing bucket ${name}`, unreadable, () => clients.s3.send(new ListObjectsV2Command({ Bucket: name, MaxKeys: 1 })));
  return {
    name,
    state: 'present',
    ownership: ownershipOf(tagRecord(tagging?.TagSet), stack),
    ...(listing ? { empty: (listing.KeyCount ?? listing.Contents?.length ?? 0) === 0 } : {}),
  };
}

async function observeRole(clients: InfraClients, spec: StackSpec): Promise<ObservedRole> {
  const name = spec.role.name;
  const found = await awsLookup(`looking up IAM role ${name}`, ['NoSuchEntityException', 'NoSuchEntity'], () =>
    clients.iam.send(new GetRoleCommand({ RoleName: name })),
  );
  const role = found?.Role;
  if (!role) return { name, exists: false, ownership: 'unmanaged', inlinePolicies: [], attachedPolicyArns: [] };
  const tags =
    role.Tags ?? (await aws(`reading the tags of IAM role ${name}`, () => clients.iam.send(new ListRoleTagsCommand({ RoleName: name })))).Tags;
  const [inline, attached] = await Promise.all([
    aws(`listing the policies of IAM role ${name}`, () => clients.iam.send(new ListRolePoliciesCommand({ RoleName: name }))),
    aws(`listing the policies of IAM role ${name}`, () => clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))),
  ]);
  const inlinePolicies = inline.PolicyNames ?? [];
  let s3Policy: unknown;
  if (inlinePolicies.includes(spec.role.policyName)) {
    const policy = await aws(`reading policy ${spec.role.policyName} of IAM role ${name}`, () =>
      clients.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: spec.role.policyName })),
    );
    s3Policy = parsePolicyDocument(policy.PolicyDocument);
  }
  return {
    name,
    exists: true,
    ...(role.Arn ? { arn: role.Arn } : {}),
    ownership: ownershipOf(tagRecord(tags), spec.stack),
    inlinePolicies,
    attachedPolicyArns: (attached.AttachedPolicies ?? []).flatMap((p) => (p.PolicyArn ? [p.PolicyArn] : [])),
    ...(s3Policy === undefined ? {} : { s3Policy }),
  };
}

/** IAM returns policy documents URL-encoded. */
function parsePolicyDocument(document: string | undefined): unknown {
  if (!document) return undefined;
  try {
    return JSON.parse(decodeURIComponent(document));
  } catch {
    // An unreadable document differs from ours, so the planner rewrites it.
    return document;
  }
}

async function observeSecurityGroup(clients: InfraClients, spec: StackSpec, vpcId: string | undefined): Promise<ObservedSecurityGroup> {
  const name = spec.securityGroup.name;
  const filters = [{ Name: 'group-name', Values: [name] }, ...(vpcId ? [{ Name: 'vpc-id', Values: [vpcId] }] : [])];
  const result = await aws(`looking up security group ${name}`, () => clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters })));
  const groups = result.SecurityGroups ?? [];
  // Without a default VPC the name may match in several VPCs: prefer the one tagged for us.
  const group = groups.find((g) => ownershipOf(tagRecord(g.Tags), spec.stack) === 'ours') ?? groups[0];
  if (!group) return { name, exists: false, ownership: 'unmanaged', ingressCidrs: [] };
  return {
    name,
    exists: true,
    ...(group.GroupId ? { groupId: group.GroupId } : {}),
    ...(group.VpcId ? { vpcId: group.VpcId } : {}),
    ownership: ownershipOf(tagRecord(group.Tags), spec.stack),
    ingressCidrs: warehousePortCidrs(group, spec.port),
  };
}

/** The CIDRs of the rules `up` manages: TCP on exactly the warehouse port. */
function warehousePortCidrs(group: SecurityGroup, port: number): string[] {
  return (group.IpPermissions ?? [])
    .filter((p) => p.IpProtocol === 'tcp' && p.FromPort === port && p.ToPort === port)
    .flatMap((p) => (p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [r.CidrIp] : [])));
}

function absentCluster(spec: StackSpec): ObservedCluster {
  return { identifier: spec.cluster.identifier, exists: false, ownership: 'unmanaged' };
}

function absentNamespace(spec: StackSpec): ObservedNamespace {
  return { name: spec.serverless.namespace, exists: false, ownership: 'unmanaged' };
}

function absentWorkgroup(spec: StackSpec): ObservedWorkgroup {
  return { name: spec.serverless.workgroup, exists: false, ownership: 'unmanaged' };
}

export async function observeCluster(clients: InfraClients, spec: StackSpec): Promise<ObservedCluster> {
  const identifier = spec.cluster.identifier;
  const result = await awsLookup(`looking up Redshift cluster ${identifier}`, ['ClusterNotFoundFault', 'ClusterNotFound'], () =>
    clients.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: identifier })),
  );
  const cluster = result?.Clusters?.[0];
  if (!cluster) return absentCluster(spec);
  const endpoint = cluster.Endpoint?.Address ? { address: cluster.Endpoint.Address, port: cluster.Endpoint.Port ?? spec.port } : undefined;
  return {
    identifier,
    exists: true,
    ownership: ownershipOf(tagRecord(cluster.Tags), spec.stack),
    ...(cluster.ClusterStatus ? { status: cluster.ClusterStatus } : {}),
    ...(cluster.NodeType ? { nodeType: cluster.NodeType } : {}),
    ...(cluster.NumberOfNodes !== undefined ? { numberOfNodes: cluster.NumberOfNodes } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(cluster.DBName ? { dbName: cluster.DBName } : {}),
    ...(cluster.MasterUsername ? { masterUsername: cluster.MasterUsername } : {}),
    ...(cluster.MasterPasswordSecretArn ? { secretArn: cluster.MasterPasswordSecretArn } : {}),
    ...(cluster.PubliclyAccessible !== undefined ? { publiclyAccessible: cluster.PubliclyAccessible } : {}),
  };
}

async function serverlessTags(clients: InfraClients, arn: string | undefined, what: string): Promise<Record<string, string>> {
  if (!arn) return {};
  const result = await aws(`reading the tags of ${what}`, () => clients.serverless.send(new ListTagsForResourceCommand({ resourceArn: arn })));
  return tagRecord(result.tags);
}

export async function observeNamespace(clients: InfraClients, spec: StackSpec): Promise<ObservedNamespace> {
  const name = spec.serverless.namespace;
  const result = await awsLookup(`looking up Redshift Serverless namespace ${name}`, ['ResourceNotFoundException'], () =>
    clients.serverless.send(new GetNamespaceCommand({ namespaceName: name })),
  );
  const namespace = result?.namespace;
  if (!namespace) return absentNamespace(spec);
  const tags = await serverlessTags(clients, namespace.namespaceArn, `namespace ${name}`);
  return {
    name,
    exists: true,
    ownership: ownershipOf(tags, spec.stack),
    ...(namespace.status ? { status: namespace.status } : {}),
    ...(namespace.dbName ? { dbName: namespace.dbName } : {}),
    ...(namespace.adminUsername ? { adminUsername: namespace.adminUsername } : {}),
    ...(namespace.adminPasswordSecretArn ? { secretArn: namespace.adminPasswordSecretArn } : {}),
  };
}

export async function observeWorkgroup(clients: InfraClients, spec: StackSpec): Promise<ObservedWorkgroup> {
  const name = spec.serverless.workgroup;
  const result = await awsLookup(`looking up Redshift Serverless workgroup ${name}`, ['ResourceNotFoundException'], () =>
    clients.serverless.send(new GetWorkgroupCommand({ workgroupName: name })),
  );
  const workgroup = result?.workgroup;
  if (!workgroup) return absentWorkgroup(spec);
  const tags = await serverlessTags(clients, workgroup.workgroupArn, `workgroup ${name}`);
  const address = workgroup.endpoint?.address;
  return {
    name,
    exists: true,
    ownership: ownershipOf(tags, spec.stack),
    ...(workgroup.status ? { status: workgroup.status } : {}),
    ...(workgroup.baseCapacity !== undefined ? { baseCapacity: workgroup.baseCapacity } : {}),
    ...(address ? { endpoint: { address, port: workgroup.endpoint?.port ?? spec.port } } : {}),
  };
}
