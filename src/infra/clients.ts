/**
 * The AWS SDK clients `sparkify infra` uses, built in one place: the region comes from
 * settings, credentials from the SDK's default chain (AWS_PROFILE, SSO, environment, instance
 * role). Keys are never read from dwh.cfg; config-schema.ts refuses them there.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';

export interface InfraClients {
  readonly sts: STSClient;
  readonly s3: S3Client;
  readonly iam: IAMClient;
  readonly ec2: EC2Client;
  readonly redshift: RedshiftClient;
  readonly serverless: RedshiftServerlessClient;
}

export function createInfraClients(region: string): InfraClients {
  // The SDK retries throttling and transient errors itself; a few more attempts than its
  // default of 3 ride out IAM's and EC2's request-rate limits during a burst of creates.
  const config = { region, maxAttempts: 6 };
  return {
    sts: new STSClient(config),
    // A bucket made in another region answers HeadBucket with a redirect; follow it.
    s3: new S3Client({ ...config, followRegionRedirects: true }),
    iam: new IAMClient(config),
    ec2: new EC2Client(config),
    redshift: new RedshiftClient(config),
    serverless: new RedshiftServerlessClient(config),
  };
}

export function destroyInfraClients(clients: InfraClients): void {
  for (const client of Object.values(clients) as { destroy(): void }[]) client.destroy();
}
