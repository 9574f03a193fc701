/**
 * infra/: AWS provisioning for `sparkify infra up | status | down`.
 *
 * observe.ts reads what exists (Describe/Get/List/Head calls only), plan.ts turns that and the
 * desired stack (spec.ts) into a list of actions without any I/O, apply.ts carries the actions
 * out. This folder may import src/errors.ts, src/config/settings.ts and the AWS SDK; the CLI
 * imports it, nothing else does.
 *
 * This file holds the shapes the three steps exchange.
 */
import type { PolicyDocument } from './policies.js';

/**
 * Who a resource belongs to, read from its tags:
 * - `ours`: sparkify:managed-by=sparkify and sparkify:stack=<this stack>; `up` may reuse it
 *   and `down` may delete it.
 * - `other-stack`: made by sparkify for another stack (another cluster identifier).
 * - `unmanaged`: no sparkify tags; made by hand or by another tool.
 * Only `ours` is ever changed or deleted.
 */
export type Ownership = 'ours' | 'other-stack' | 'unmanaged';

export interface ObservedBucket {
  readonly name: string;
  /** `inaccessible`: HeadBucket said 403, i.e. another account owns the name (or we may not read it). */
  readonly state: 'missing' | 'present' | 'inaccessible';
  readonly ownership: Ownership;
  readonly empty?: boolean;
}

export interface ObservedRole {
  readonly name: string;
  readonly exists: boolean;
  readonly arn?: string;
  readonly ownership: Ownership;
  readonly inlinePolicies: readonly string[];
  readonly attachedPolicyArns: readonly string[];
  /** Our inline policy's document as parsed JSON, if the role has it. */
  readonly s3Policy?: unknown;
}

export interface ObservedSecurityGroup {
  readonly name: string;
  readonly exists: boolean;
  readonly groupId?: string;
  readonly vpcId?: string;
  readonly ownership: Ownership;
  /** CIDRs allowed in on the warehouse port over TCP. */
  readonly ingressCidrs: readonly string[];
}

export interface ObservedCluster {
  readonly identifier: string;
  readonly exists: boolean;
  readonly ownership: Ownership;
  /** Redshift's ClusterStatus: creating, available, modifying, paused, deleting, ... */
  readonly status?: string;
  readonly nodeType?: string;
  readonly numberOfNodes?: number;
  readonly endpoint?: { readonly address: string; readonly port: number };
  readonly dbName?: string;
  readonly masterUsername?: string;
  readonly secretArn?: string;
  readonly publiclyAccessible?: boolean;
}

export interface ObservedNamespace {
  readonly name: string;
  readonly exists: boolean;
  readonly ownership: Ownership;
  /** AVAILABLE, MODIFYING, DELETING */
  readonly status?: string;
  readonly dbName?: string;
  readonly adminUsername?: string;
  readonly secretArn?: string;
}

export interface ObservedWorkgroup {
  readonly name: string;
  readonly exists: boolean;
  readonly ownership: Ownership;
  /** CREATING, AVAILABLE, MODIFYING, DELETING */
  readonly status?: string;
  readonly baseCapacity?: number;
  readonly endpoint?: { readonly address: string; readonly port: number };
}

/** Everything `observe` saw, for one stack in one region and account. */
export interface ObservedState {
  readonly accountId: string;
  readonly region: string;
  readonly defaultVpcId?: string;
  /** Absent when no bucket is configured ([INFRA] BUCKET). */
  readonly bucket?: ObservedBucket;
  readonly role: ObservedRole;
  readonly securityGroup: ObservedSecurityGroup;
  readonly cluster: ObservedCluster;
  readonly namespace: ObservedNamespace;
  readonly workgroup: ObservedWorkgroup;
}

export type PasswordSource = 'secrets-manager' | 'environment';

/** What `up` should build: the settings and flags resolved into one value, no I/O. */
export interface StackSpec {
  /** The stack name: the cluster identifier, also the serverless namespace and workgroup name. */
  readonly stack: string;
  readonly region: string;
  readonly mode: 'provisioned' | 'serverless';
  readonly tags: Readonly<Record<string, string>>;
  readonly bucket?: { readonly name: string; readonly create: boolean };
  /** Where a Redshift load stages its parts; `owned` when it is the bucket `up` creates for it. */
  readonly staging?: { readonly bucket: string; readonly prefix: string; readonly owned: boolean };
  readonly role: {
    readonly name: string;
    readonly trustPolicy: PolicyDocument;
    readonly policyName: string;
    readonly s3Policy: PolicyDocument;
  };
  readonly securityGroup: { readonly name: string; readonly description: string; readonly allowCidr: string };
  readonly port: number;
  readonly dbName: string;
  readonly dbUser: string;
  readonly publiclyAccessible: boolean;
  /** Where the admin password comes from; the password itself is never part of the spec. */
  readonly password: PasswordSource;
  readonly cluster: {
    readonly identifier: string;
    readonly nodeType: string;
    readonly clusterType: 'single-node' | 'multi-node';
    readonly numNodes: number;
  };
  readonly serverless: { readonly namespace: string; readonly workgroup: string; readonly baseCapacity: number };
  /** The dwh.cfg `up` writes the endpoint into. */
  readonly configPath: string;
}

export type Resource =
  | 'bucket'
  | 'role'
  | 'role-policy'
  | 'security-group'
  | 'ingress'
  | 'cluster'
  | 'namespace'
  | 'workgroup'
  | 'config';

/**
 * create / update / delete change something; reuse and skip do not; wait polls an existing
 * resource until it is ready (up) or gone (down); blocked stops the whole plan before any
 * change, and says why.
 */
export type Verb = 'create' | 'reuse' | 'update' | 'wait' | 'delete' | 'skip' | 'blocked';

export interface Action {
  readonly verb: Verb;
  readonly resource: Resource;
  readonly name: string;
  /** One line for a person: why this verb. */
  readonly reason: string;
  /** For `blocked`: a naming conflict the user fixes in config (exit 2), or a state to wait out (exit 1). */
  readonly blockedBy?: 'conflict' | 'state';
  /** Decided from the configuration alone (an offline dry run): `up` looks it up first, and may reuse it. */
  readonly unverified?: true;
}

export interface Plan {
  readonly command: 'up' | 'down';
  readonly stack: string;
  readonly region: string;
  readonly mode: 'provisioned' | 'serverless';
  readonly actions: readonly Action[];
}

/** What the applier reports while it works; the CLI renders these on stderr. */
export type InfraEvent =
  | { readonly type: 'plan'; readonly plan: Plan }
  | { readonly type: 'action'; readonly action: Action }
  | { readonly type: 'waiting'; readonly resource: Resource; readonly name: string; readonly state: string; readonly elapsedMs: number }
  | { readonly type: 'done'; readonly action: Action; readonly detail?: string }
  | { readonly type: 'warning'; readonly message: string };
