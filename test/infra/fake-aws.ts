/**
 * A small in-memory AWS control plane behind aws-sdk-client-mock: each mocked command reads or
 * changes `state`, so a second `up` sees what the first created, clusters move from creating
 * to available as they are polled, and `down` empties the state again. Every call is logged in
 * order (`calls`), and `failNext` makes one command fail once, as AWS would.
 */
import {
  EC2Client,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  RevokeSecurityGroupIngressCommand,
  type AuthorizeSecurityGroupIngressCommandInput,
  type CreateSecurityGroupCommandInput,
  type DescribeSecurityGroupsCommandInput,
  type RevokeSecurityGroupIngressCommandInput,
} from '@aws-sdk/client-ec2';
import {
  IAMClient,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  type CreateRoleCommandInput,
  type PutRolePolicyCommandInput,
} from '@aws-sdk/client-iam';
import {
  RedshiftClient,
  type CreateClusterCommandInput,
  type DeleteClusterCommandInput,
} from '@aws-sdk/client-redshift';
import {
  RedshiftServerlessClient,
  type CreateNamespaceCommandInput,
  type CreateWorkgroupCommandInput,
} from '@aws-sdk/client-redshift-serverless';
import {
  S3Client,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
  type DeleteObjectsCommandInput,
  type PutBucketTaggingCommandInput,
} from '@aws-sdk/client-s3';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { InfraClients } from '../../src/infra/clients.js';
import { tagRecord } from '../../src/infra/tags.js';
import { installRedshift, installServerless } from './fake-redshift.js';

export const ACCOUNT = '123456789012';
export const VPC = 'vpc-0default';

/** An error shaped like the SDK's: a name, and the HTTP status in $metadata. */
export function awsError(name: string, status = 400, message = `${name} (mocked)`): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

type Tags = Record<string, string>;
export interface FakeBucket { tags: Tags; objects: string[]; foreign?: boolean; encrypted?: boolean; publicAccessBlocked?: boolean }
export interface FakeRole { arn: string; tags: Tags; trust: string; inline: Map<string, string>; attached: string[] }
export interface FakeGroup { id: string; name: string; vpcId: string; tags: Tags; cidrs: string[]; port: number }
export interface FakeCluster { status: string; polls: number; tags: Tags; input: CreateClusterCommandInput; deleteInput?: DeleteClusterCommandInput }
export interface FakeNamespace { status: string; tags: Tags; input: CreateNamespaceCommandInput; polls: number }
export interface FakeWorkgroup { status: string; tags: Tags; input: CreateWorkgroupCommandInput; polls: number }

export interface FakeState {
  defaultVpcId: string | undefined;
  buckets: Map<string, FakeBucket>;
  roles: Map<string, FakeRole>;
  groups: FakeGroup[];
  clusters: Map<string, FakeCluster>;
  namespaces: Map<string, FakeNamespace>;
  workgroups: Map<string, FakeWorkgroup>;
}

/** Polls a new or deleted resource takes to settle. */
export const SETTLE_POLLS = 3;

export class FakeAws {
  readonly state: FakeState = {
    defaultVpcId: VPC,
    buckets: new Map(),
    roles: new Map(),
    groups: [],
    clusters: new Map(),
    namespaces: new Map(),
    workgroups: new Map(),
  };
  /** Command names in the order they were sent, across all clients. */
  readonly calls: string[] = [];
  /** Inputs of the commands sent, by command name. */
  readonly inputs = new Map<string, unknown[]>();
  private readonly failures = new Map<string, Error[]>();
  private nextGroup = 1;
  readonly clients: InfraClients;

  constructor() {
    const config = { region: 'us-west-2', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } };
    this.clients = {
      sts: new STSClient(config),
      s3: new S3Client(config),
      iam: new IAMClient(config),
      ec2: new EC2Client(config),
      redshift: new RedshiftClient(config),
      serverless: new RedshiftServerlessClient(config),
    };
    this.installSts();
    this.installS3();
    this.installIam();
    this.installEc2();
    installRedshift(this);
    installServerless(this);
  }

  /** The next `command` call fails with `error` (once per call to failNext). */
  failNext(command: string, error: Error): void {
    this.failures.set(command, [...(this.failures.get(command) ?? []), error]);
  }

  /** Calls that change something: anything but Describe/Get/List/Head. */
  mutatingCalls(): string[] {
    return this.calls.filter((c) => !/^(Describe|Get|List|Head)/.test(c));
  }

  inputsOf<T>(command: string): T[] {
    return (this.inputs.get(command) ?? []) as T[];
  }

  /** A mock handler that logs the call, fails it if asked, else runs `handler`. */
  fake<I>(name: string, handler: (input: I) => unknown): (input: I) => Promise<unknown> {
    return async (input: I) => {
      this.calls.push(name);
      this.inputs.set(name, [...(this.inputs.get(name) ?? []), input]);
      const failure = this.failures.get(name)?.shift();
      if (failure) throw failure;
      return handler(input);
    };
  }

  private installSts(): void {
    mockClient(this.clients.sts).on(GetCallerIdentityCommand).callsFake(this.fake('GetCallerIdentity', () => ({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/test` })));
  }

  private installS3(): void {
    const s3 = mockClient(this.clients.s3);
    const buckets = this.state.buckets;
    const get = (name: string) => {
      const bucket = buckets.get(name);
      if (!bucket) throw awsError('NoSuchBucket', 404);
      return bucket;
    };
    s3.on(HeadBucketCommand).callsFake(this.fake('HeadBucket', (input: { Bucket: string }) => {
      const bucket = buckets.get(input.Bucket);
      if (!bucket) throw awsError('NotFound', 404);
      if (bucket.foreign) throw awsError('Forbidden', 403);
      return {};
    }));
    s3.on(GetBucketTaggingCommand).callsFake(this.fake('GetBucketTagging', (input: { Bucket: string }) => {
      const tags = get(input.Bucket).tags;
      if (Object.keys(tags).length === 0) throw awsError('NoSuchTagSet', 404);
      return { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
    }));
    s3.on(ListObjectsV2Command).callsFake(this.fake('ListObjectsV2', (input: { Bucket: string; MaxKeys?: number }) => {
      const keys = get(input.Bucket).objects.slice(0, input.MaxKeys ?? 1000);
      return { Contents: keys.map((Key) => ({ Key })), KeyCount: keys.length, IsTruncated: false };
    }));
    s3.on(CreateBucketCommand).callsFake(this.fake('CreateBucket', (input: { Bucket: string }) => {
      const existing = buckets.get(input.Bucket);
      if (existing) throw awsError(existing.foreign ? 'BucketAlreadyExists' : 'BucketAlreadyOwnedByYou', 409);
      buckets.set(input.Bucket, { tags: {}, objects: [] });
      return { Location: `/${input.Bucket}` };
    }));
    s3.on(PutPublicAccessBlockCommand).callsFake(this.fake('PutPublicAccessBlock', (input: { Bucket: string }) => {
      get(input.Bucket).publicAccessBlocked = true;
      return {};
    }));
    s3.on(PutBucketEncryptionCommand).callsFake(this.fake('PutBucketEncryption', (input: { Bucket: string }) => {
      get(input.Bucket).encrypted = true;
      return {};
    }));
    s3.on(PutBucketTaggingCommand).callsFake(this.fake('PutBucketTagging', (input: PutBucketTaggingCommandInput) => {
      get(input.Bucket ?? '').tags = tagRecord(input.Tagging?.TagSet);
      return {};
    }));
    s3.on(DeleteObjectsCommand).callsFake(this.fake('DeleteObjects', (input: DeleteObjectsCommandInput) => {
      const bucket = get(input.Bucket ?? '');
      const doomed = new Set((input.Delete?.Objects ?? []).map((o) => o.Key));
      bucket.objects = bucket.objects.filter((key) => !doomed.has(key));
      return { Errors: [] };
    }));
    s3.on(DeleteBucketCommand).callsFake(this.fake('DeleteBucket', (input: { Bucket: string }) => {
      if (get(input.Bucket).objects.length > 0) throw awsError('BucketNotEmpty', 409);
      buckets.delete(input.Bucket);
      return {};
    }));
  }

  private installIam(): void {
    const iam = mockClient(this.clients.iam);
    const roles = this.state.roles;
    const get = (name: string) => {
      const role = roles.get(name);
      if (!role) throw awsError('NoSuchEntityException', 404);
      return role;
    };
    const awsTags = (tags: Tags) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    iam.on(GetRoleCommand).callsFake(this.fake('GetRole', (input: { RoleName: string }) => {
      const role = get(input.RoleName);
      return { Role: { RoleName: input.RoleName, Arn: role.arn, Tags: awsTags(role.tags), AssumeRolePolicyDocument: encodeURIComponent(role.trust) } };
    }));
    iam.on(ListRoleTagsCommand).callsFake(this.fake('ListRoleTags', (input: { RoleName: string }) => ({ Tags: awsTags(get(input.RoleName).tags) })));
    iam.on(ListRolePoliciesCommand).callsFake(this.fake('ListRolePolicies', (input: { RoleName: string }) => ({ PolicyNames: [...get(input.RoleName).inline.keys()] })));
    iam.on(ListAttachedRolePoliciesCommand).callsFake(this.fake('ListAttachedRolePolicies', (input: { RoleName: string }) => ({
      AttachedPolicies: get(input.RoleName).attached.map((PolicyArn) => ({ PolicyArn, PolicyName: PolicyArn.split('/').pop() })),
    })));
    iam.on(GetRolePolicyCommand).callsFake(this.fake('GetRolePolicy', (input: { RoleName: string; PolicyName: string }) => {
      const document = get(input.RoleName).inline.get(input.PolicyName);
      if (document === undefined) throw awsError('NoSuchEntityException', 404);
      return { RoleName: input.RoleName, PolicyName: input.PolicyName, PolicyDocument: encodeURIComponent(document) };
    }));
    iam.on(CreateRoleCommand).callsFake(this.fake('CreateRole', (input: CreateRoleCommandInput) => {
      const name = input.RoleName ?? '';
      if (roles.has(name)) throw awsError('EntityAlreadyExistsException', 409);
      const arn = `arn:aws:iam::${ACCOUNT}:role/${name}`;
      roles.set(name, { arn, tags: tagRecord(input.Tags), trust: input.AssumeRolePolicyDocument ?? '', inline: new Map(), attached: [] });
      return { Role: { RoleName: name, Arn: arn } };
    }));
    iam.on(PutRolePolicyCommand).callsFake(this.fake('PutRolePolicy', (input: PutRolePolicyCommandInput) => {
      get(input.RoleName ?? '').inline.set(input.PolicyName ?? '', input.PolicyDocument ?? '');
      return {};
    }));
    iam.on(DeleteRolePolicyCommand).callsFake(this.fake('DeleteRolePolicy', (input: { RoleName: string; PolicyName: string }) => {
      get(input.RoleName).inline.delete(input.PolicyName);
      return {};
    }));
    iam.on(DetachRolePolicyCommand).callsFake(this.fake('DetachRolePolicy', (input: { RoleName: string; PolicyArn: string }) => {
      const role = get(input.RoleName);
      role.attached = role.attached.filter((arn) => arn !== input.PolicyArn);
      return {};
    }));
    iam.on(DeleteRoleCommand).callsFake(this.fake('DeleteRole', (input: { RoleName: string }) => {
      const role = get(input.RoleName);
      if (role.inline.size > 0 || role.attached.length > 0) throw awsError('DeleteConflictException', 409);
      roles.delete(input.RoleName);
      return {};
    }));
  }

  private installEc2(): void {
    const ec2 = mockClient(this.clients.ec2);
    const state = this.state;
    const byId = (id: string | undefined) => {
      const group = state.groups.find((g) => g.id === id);
      if (!group) throw awsError('InvalidGroup.NotFound', 400);
      return group;
    };
    ec2.on(DescribeVpcsCommand).callsFake(this.fake('DescribeVpcs', () => ({ Vpcs: state.defaultVpcId ? [{ VpcId: state.defaultVpcId, IsDefault: true }] : [] })));
    ec2.on(DescribeSecurityGroupsCommand).callsFake(this.fake('DescribeSecurityGroups', (input: DescribeSecurityGroupsCommandInput) => {
      const filter = (name: string) => input.Filters?.find((f) => f.Name === name)?.Values ?? [];
      const names = filter('group-name');
      const vpcs = filter('vpc-id');
      const found = state.groups.filter((g) => (!names.length || names.includes(g.name)) && (!vpcs.length || vpcs.includes(g.vpcId)));
      return {
        SecurityGroups: found.map((g) => ({
          GroupId: g.id,
          GroupName: g.name,
          VpcId: g.vpcId,
          Tags: Object.entries(g.tags).map(([Key, Value]) => ({ Key, Value })),
          IpPermissions: g.cidrs.length ? [{ IpProtocol: 'tcp', FromPort: g.port, ToPort: g.port, IpRanges: g.cidrs.map((CidrIp) => ({ CidrIp })) }] : [],
        })),
      };
    }));
    ec2.on(CreateSecurityGroupCommand).callsFake(this.fake('CreateSecurityGroup', (input: CreateSecurityGroupCommandInput) => {
      if (state.groups.some((g) => g.name === input.GroupName && g.vpcId === input.VpcId)) throw awsError('InvalidGroup.Duplicate', 400);
      const id = `sg-${String(this.nextGroup++).padStart(4, '0')}`;
      const tags = tagRecord(input.TagSpecifications?.[0]?.Tags);
      state.groups.push({ id, name: input.GroupName ?? '', vpcId: input.VpcId ?? '', tags, cidrs: [], port: 5439 });
      return { GroupId: id };
    }));
    ec2.on(AuthorizeSecurityGroupIngressCommand).callsFake(this.fake('AuthorizeSecurityGroupIngress', (input: AuthorizeSecurityGroupIngressCommandInput) => {
      const group = byId(input.GroupId);
      for (const p of input.IpPermissions ?? []) {
        group.port = p.FromPort ?? group.port;
        group.cidrs.push(...(p.IpRanges ?? []).map((r) => r.CidrIp ?? ''));
      }
      return { Return: true };
    }));
    ec2.on(RevokeSecurityGroupIngressCommand).callsFake(this.fake('RevokeSecurityGroupIngress', (input: RevokeSecurityGroupIngressCommandInput) => {
      const group = byId(input.GroupId);
      const revoked = new Set((input.IpPermissions ?? []).flatMap((p) => (p.IpRanges ?? []).map((r) => r.CidrIp)));
      group.cidrs = group.cidrs.filter((c) => !revoked.has(c));
      return { Return: true };
    }));
    ec2.on(DeleteSecurityGroupCommand).callsFake(this.fake('DeleteSecurityGroup', (input: { GroupId: string }) => {
      byId(input.GroupId);
      const inUse = [...state.clusters.values()].some((c) => c.input.VpcSecurityGroupIds?.includes(input.GroupId));
      if (inUse) throw awsError('DependencyViolation', 400);
      state.groups = state.groups.filter((g) => g.id !== input.GroupId);
      return {};
    }));
  }
}
