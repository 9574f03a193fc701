/** Settings, dependencies and observations for the infra tests, written out by hand. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultInfraSettings, type InfraSettings, type Settings } from '../../src/config/settings.js';
import type { InfraDeps } from '../../src/infra/run-infra.js';
import { buildStackSpec, type SpecOptions } from '../../src/infra/spec.js';
import { stackTags } from '../../src/infra/tags.js';
import type { InfraEvent, ObservedState, StackSpec } from '../../src/infra/types.js';
import type { FakeAws } from './fake-aws.js';

export const BUCKET = 'sparkify-data-test';
export const STACK = defaultInfraSettings.clusterIdentifier;
export const MY_IP = '198.51.100.23';

export function testSettings(infra: Partial<InfraSettings> = {}, extra: Partial<Settings> = {}): Settings {
  return {
    warehouse: 'duckdb:sparkify.duckdb',
    warehouseReason: 'the default: no warehouse given and no [CLUSTER] HOST',
    maxErrors: 0,
    memoryLimit: '1GB',
    lockTimeoutSeconds: 30,
    stagingPrefix: 'sparkify/staging',
    region: 'us-west-2',
    songData: `s3://${BUCKET}/song_data`,
    logData: `s3://${BUCKET}/log_data`,
    logJsonPath: `s3://${BUCKET}/log_json_path.json`,
    cluster: { dbName: 'dev', dbUser: 'awsuser', dbPort: 5439 },
    infra: { ...defaultInfraSettings, bucket: BUCKET, ...infra },
    ...extra,
  };
}

export interface TestDeps extends InfraDeps {
  readonly events: InfraEvent[];
  readonly sleeps: number[];
}

export function testDeps(aws: FakeAws, options: { ip?: string | undefined; env?: Record<string, string> } = {}): TestDeps {
  const events: InfraEvent[] = [];
  const sleeps: number[] = [];
  let clock = 1_700_000_000_000;
  const ip = 'ip' in options ? options.ip : MY_IP;
  return {
    clients: aws.clients,
    env: options.env ?? {},
    events,
    sleeps,
    // The fake clock moves only when the code under test sleeps: no test ever waits.
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    lookupPublicIp: async () => ip,
    onEvent: (event) => events.push(event),
  };
}

export async function tempConfigPath(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sparkify-infra-'));
  return path.join(dir, 'dwh.cfg');
}

export function testSpec(options: SpecOptions = {}, infra: Partial<InfraSettings> = {}): StackSpec {
  return buildStackSpec(testSettings(infra), options, {
    region: 'us-west-2',
    configPath: '/tmp/dwh.cfg',
    allowCidr: `${MY_IP}/32`,
    env: { SPARKIFY_DB_PASSWORD: 'Secret-Passw0rd' },
    forUp: true,
  });
}

/** An account holding nothing of this stack. */
export function emptyObservation(spec: StackSpec): ObservedState {
  return {
    accountId: '123456789012',
    region: spec.region,
    defaultVpcId: 'vpc-0default',
    ...(spec.bucket ? { bucket: { name: spec.bucket.name, state: 'missing' as const, ownership: 'unmanaged' as const } } : {}),
    role: { name: spec.role.name, exists: false, ownership: 'unmanaged', inlinePolicies: [], attachedPolicyArns: [] },
    securityGroup: { name: spec.securityGroup.name, exists: false, ownership: 'unmanaged', ingressCidrs: [] },
    cluster: { identifier: spec.cluster.identifier, exists: false, ownership: 'unmanaged' },
    namespace: { name: spec.serverless.namespace, exists: false, ownership: 'unmanaged' },
    workgroup: { name: spec.serverless.workgroup, exists: false, ownership: 'unmanaged' },
  };
}

/** Everything `up` makes, existing, tagged for this stack, the cluster available. */
export function fullObservation(spec: StackSpec): ObservedState {
  const empty = emptyObservation(spec);
  return {
    ...empty,
    bucket: { name: BUCKET, state: 'present', ownership: 'ours', empty: true },
    role: {
      name: spec.role.name,
      exists: true,
      arn: `arn:aws:iam::123456789012:role/${spec.role.name}`,
      ownership: 'ours',
      inlinePolicies: [spec.role.policyName],
      attachedPolicyArns: [],
      s3Policy: JSON.parse(JSON.stringify(spec.role.s3Policy)),
    },
    securityGroup: { name: spec.securityGroup.name, exists: true, groupId: 'sg-0001', vpcId: 'vpc-0default', ownership: 'ours', ingressCidrs: [spec.securityGroup.allowCidr] },
    cluster: {
      identifier: spec.cluster.identifier,
      exists: true,
      ownership: 'ours',
      status: 'available',
      nodeType: spec.cluster.nodeType,
      numberOfNodes: spec.cluster.numNodes,
      endpoint: { address: 'sparkify-cluster.abc.us-west-2.redshift.amazonaws.com', port: 5439 },
    },
  };
}

export const ourTags = stackTags(STACK);
export const otherTags = stackTags('someone-elses-stack');

/** The (verb, resource) pairs of a plan, for compact assertions. */
export function steps(plan: { actions: readonly { verb: string; resource: string }[] }): string[] {
  return plan.actions.map((a) => `${a.verb} ${a.resource}`);
}
