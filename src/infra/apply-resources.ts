/**
 * Creating and deleting the supporting resources: the data bucket, the IAM role and its
 * policy, and the security group and its one ingress rule.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { InfraError } from '../errors.js';
import { type ApplyDeps, isDependencyViolation, retryTransient } from './apply-context.js';
import { aws, awsErrorName } from './errors.js';
import { toAwsTags } from './tags.js';
import type { StackSpec } from './types.js';

export async function createBucket(spec: StackSpec, deps: ApplyDeps): Promise<void> {
  const bucket = spec.bucket?.name;
  if (!bucket) return;
  const s3 = deps.clients.s3;
  const doing = `creating bucket ${bucket}`;
  await aws(doing, async () => {
    try {
      // us-east-1 is the one region that refuses an explicit location constraint.
      const location = spec.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: spec.region as BucketLocationConstraint } };
      await s3.send(new CreateBucketCommand({ Bucket: bucket, ...location }));
    } catch (error) {
      // Ours already (an earlier up stopped after creating it): carry on and finish its setup.
      if (awsErrorName(error) !== 'BucketAlreadyOwnedByYou') throw error;
    }
  });
  await aws(`blocking public access to bucket ${bucket}`, () =>
    s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      }),
    ),
  );
  await aws(`turning on default encryption for bucket ${bucket}`, () =>
    s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      }),
    ),
  );
  await aws(`tagging bucket ${bucket}`, () => s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: toAwsTags(spec.tags) } })));
}

/** Deletes every object (with --force), then the bucket. */
export async function deleteBucket(bucket: string, empty: boolean, deps: ApplyDeps): Promise<number> {
  const s3 = deps.clients.s3;
  let deleted = 0;
  if (!empty) {
    let token: string | undefined;
    do {
      const page = await aws(`listing bucket ${bucket}`, () => s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token })));
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length > 0) {
        const result = await aws(`deleting the objects of bucket ${bucket}`, () =>
          s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } })),
        );
        const failed = result.Errors ?? [];
        if (failed.length > 0) {
          throw new InfraError(`could not delete ${failed.length} object(s) of bucket ${bucket} (first: ${failed[0]?.Key ?? '?'}: ${failed[0]?.Code ?? '?'}); the bucket is kept`);
        }
        deleted += keys.length;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
  await aws(`deleting bucket ${bucket}`, () => s3.send(new DeleteBucketCommand({ Bucket: bucket })));
  return deleted;
}

export async function createRole(spec: StackSpec, deps: ApplyDeps): Promise<string> {
  const { name, trustPolicy } = spec.role;
  const result = await aws(`creating IAM role ${name}`, () =>
    deps.clients.iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: JSON.stringify(trustPolicy),
        Description: `sparkify ${spec.stack}: lets Redshift COPY from the data bucket (read-only)`,
        Tags: toAwsTags(spec.tags),
      }),
    ),
  );
  const arn = result.Role?.Arn;
  if (!arn) throw new InfraError(`IAM did not return an ARN for role ${name}; run \`sparkify infra up\` again`);
  return arn;
}

export async function putRolePolicy(spec: StackSpec, deps: ApplyDeps): Promise<void> {
  const { name, policyName, s3Policy } = spec.role;
  await aws(`writing policy ${policyName} on IAM role ${name}`, () =>
    deps.clients.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: policyName, PolicyDocument: JSON.stringify(s3Policy) })),
  );
}

/** An inline policy by name, or a managed one (an ARN) detached. */
export async function removeRolePolicy(roleName: string, policy: string, deps: ApplyDeps): Promise<void> {
  await aws(`removing policy ${policy} from IAM role ${roleName}`, () =>
    policy.startsWith('arn:')
      ? deps.clients.iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy }))
      : deps.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policy })),
  );
}

export async function deleteRole(roleName: string, deps: ApplyDeps): Promise<void> {
  await aws(`deleting IAM role ${roleName}`, () => deps.clients.iam.send(new DeleteRoleCommand({ RoleName: roleName })));
}

export async function createSecurityGroup(spec: StackSpec, vpcId: string, deps: ApplyDeps): Promise<string> {
  const { name, description } = spec.securityGroup;
  const result = await aws(`creating security group ${name}`, () =>
    deps.clients.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: name,
        Description: description,
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: 'security-group', Tags: toAwsTags(spec.tags) }],
      }),
    ),
  );
  if (!result.GroupId) throw new InfraError(`EC2 did not return an id for security group ${name}; run \`sparkify infra up\` again`);
  return result.GroupId;
}

function portRule(port: number, cidrs: readonly string[], description?: string) {
  return [
    {
      IpProtocol: 'tcp',
      FromPort: port,
      ToPort: port,
      IpRanges: cidrs.map((CidrIp) => ({ CidrIp, ...(description ? { Description: description } : {}) })),
    },
  ];
}

/** Makes the warehouse-port rule allow exactly the wanted CIDR: adds it, revokes the others. */
export async function syncIngress(spec: StackSpec, groupId: string, current: readonly string[], deps: ApplyDeps): Promise<void> {
  const wanted = spec.securityGroup.allowCidr;
  const ec2 = deps.clients.ec2;
  if (!current.includes(wanted)) {
    await aws(`allowing ${wanted} on port ${spec.port} in security group ${spec.securityGroup.name}`, () =>
      ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: portRule(spec.port, [wanted], 'sparkify: Redshift clients') })),
    );
  }
  const stale = current.filter((cidr) => cidr !== wanted);
  if (stale.length > 0) {
    await aws(`revoking ${stale.join(', ')} in security group ${spec.securityGroup.name}`, () =>
      ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: portRule(spec.port, stale) })),
    );
  }
}

export async function deleteSecurityGroup(name: string, groupId: string, deps: ApplyDeps): Promise<void> {
  // The deleted cluster's network interface lets go of the group a little after the cluster is gone.
  await aws(`deleting security group ${name}`, () =>
    retryTransient(deps, isDependencyViolation, () => deps.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId })), 10, 20_000),
  );
}
