/** The IAM documents: Redshift may assume the role; the role reads only the data locations. */
import { describe, expect, it } from 'vitest';
import { dataLocations, redshiftTrustPolicy, s3ReadPolicy, type PolicyStatement } from '../../src/infra/policies.js';
import { BUCKET, testSettings } from './helpers.js';

const resources = (statement: PolicyStatement | undefined): readonly string[] => {
  const resource = statement?.Resource ?? [];
  return typeof resource === 'string' ? [resource] : resource;
};

describe('IAM policies', () => {
  it('lets only redshift.amazonaws.com assume the role', () => {
    expect(redshiftTrustPolicy()).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });

  it('reads exactly the data bucket prefixes, the JSONPaths file and the staging prefix', () => {
    const settings = testSettings({}, { stagingBucket: 'my-staging', stagingPrefix: 'sparkify/staging/' });
    const policy = s3ReadPolicy(dataLocations(settings));
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadDataObjects',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: [
            `arn:aws:s3:::${BUCKET}/sparkify/*`,
            `arn:aws:s3:::${BUCKET}/song_data/*`,
            `arn:aws:s3:::${BUCKET}/log_data/*`,
            `arn:aws:s3:::${BUCKET}/log_json_path.json`,
            'arn:aws:s3:::my-staging/sparkify/staging/*',
          ],
        },
        {
          Sid: 'ListDataPrefixes1',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: `arn:aws:s3:::${BUCKET}`,
          Condition: { StringLike: { 's3:prefix': ['sparkify', 'sparkify/*', 'song_data', 'song_data/*', 'log_data', 'log_data/*'] } },
        },
        {
          Sid: 'ListDataPrefixes2',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::my-staging',
          Condition: { StringLike: { 's3:prefix': ['sparkify/staging', 'sparkify/staging/*'] } },
        },
      ],
    });
  });

  it('never grants all of S3, any write, or any action wildcard', () => {
    const policy = s3ReadPolicy(dataLocations(testSettings()));
    const actions = policy.Statement.flatMap((s) => (typeof s.Action === 'string' ? [s.Action] : s.Action));
    expect(new Set(actions)).toEqual(new Set(['s3:GetObject', 's3:ListBucket']));
    for (const statement of policy.Statement) {
      expect(statement.Effect).toBe('Allow');
      for (const arn of resources(statement)) {
        expect(arn).not.toBe('*');
        expect(arn).not.toMatch(/^arn:aws:s3:::\*/);
        expect(arn.startsWith(`arn:aws:s3:::${BUCKET}`)).toBe(true);
      }
    }
    // Listing is limited by prefix, not open on the whole bucket.
    expect(policy.Statement.filter((s) => s.Action === 's3:ListBucket').every((s) => s.Condition !== undefined)).toBe(true);
  });

  it('reads a public bucket of another account by prefix only (the course data)', () => {
    const settings = testSettings(
      { bucket: undefined },
      { songData: 's3://udacity-dend/song_data', logData: 's3://udacity-dend/log_data', logJsonPath: 's3://udacity-dend/log_json_path.json' },
    );
    const policy = s3ReadPolicy(dataLocations(settings));
    expect(resources(policy.Statement[0])).toEqual([
      'arn:aws:s3:::udacity-dend/song_data/*',
      'arn:aws:s3:::udacity-dend/log_data/*',
      'arn:aws:s3:::udacity-dend/log_json_path.json',
    ]);
    expect(policy.Statement).toHaveLength(2);
  });
});
