/** The pure parts of S3 access: URI rules, error mapping, region discovery, read-ahead bounds. */
import { HeadBucketCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConnectionError, LoadError } from '../../src/errors.js';
import { ReadAhead } from '../../src/sources/read-ahead.js';
import { discoverBucketRegion } from '../../src/sources/s3-client.js';
import { credentialSource, s3Error } from '../../src/sources/s3-errors.js';
import { joinKey, parseS3Uri } from '../../src/sources/s3-uri.js';

function awsError(name: string, status: number, headers: Record<string, string> = {}): S3ServiceException {
  const error = new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status } });
  Object.assign(error, { $response: { statusCode: status, headers } });
  return error;
}

describe('s3:// URIs', () => {
  it('splits bucket and key', () => {
    expect(parseS3Uri('s3://udacity-dend/log_data')).toEqual({ bucket: 'udacity-dend', key: 'log_data' });
    expect(parseS3Uri('s3://udacity-dend')).toEqual({ bucket: 'udacity-dend', key: '' });
    expect(parseS3Uri("s3://my.bucket-1/it's/a key.json")).toEqual({ bucket: 'my.bucket-1', key: "it's/a key.json" });
  });

  it.each([
    ['https://bucket/key', /is not an s3:\/\/bucket\/prefix URI/],
    ["s3://bad'bucket/key", /not a valid S3 bucket name/],
    ['s3://UPPER/key', /not a valid S3 bucket name/],
    ['s3://ab/key', /not a valid S3 bucket name/],
    ['s3://a..b/key', /not a valid S3 bucket name/],
    ['s3://bucket/line\nbreak', /control characters/],
  ])('refuses %j', (uri, message) => {
    expect(() => parseS3Uri(uri, 'SONG_DATA')).toThrow(ConfigError);
    expect(() => parseS3Uri(uri, 'SONG_DATA')).toThrow(message);
  });

  it('joins key parts with single slashes', () => {
    expect(joinKey('sparkify/staging/', '/run-1', 'songs', 'part.gz')).toBe('sparkify/staging/run-1/songs/part.gz');
    expect(joinKey('', 'a')).toBe('a');
  });
});

describe('S3 error mapping', () => {
  const context = { target: 's3://data/song_data', bucket: 'data' };

  it('maps by error name and status, never printing a key', () => {
    expect(s3Error(awsError('NoSuchBucket', 404), context)).toBeInstanceOf(ConfigError);
    expect(s3Error(awsError('NotFound', 404), context).message).toMatch(/the bucket "data" does not exist/);
    expect(s3Error(awsError('NotFound', 404), { ...context, object: true })).toBeInstanceOf(LoadError);
    expect(s3Error(awsError('PreconditionFailed', 412), { ...context, object: true }).message).toMatch(/changed while loading/);
    const denied = s3Error(awsError('AccessDenied', 403), context);
    expect(denied).toBeInstanceOf(ConnectionError);
    expect(denied.message).toMatch(/^s3:\/\/data\/song_data: access denied \(AccessDenied\) for /);
    expect(s3Error(awsError('ExpiredToken', 400), context).message).toMatch(/has expired/);
    const network = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(s3Error(network, { ...context, endpoint: 'http://127.0.0.1:9' }).message).toBe(
      's3://data/song_data: cannot reach http://127.0.0.1:9 (ECONNREFUSED); check the network or the S3 endpoint setting',
    );
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    expect(s3Error(noCredentials, context).message).toMatch(/configure a profile .* AWS_PROFILE=NAME/);
  });

  it('names the credential source, not the credentials', () => {
    expect(credentialSource({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' })).toBe('the access key in AWS_ACCESS_KEY_ID');
    expect(credentialSource({ AWS_PROFILE: 'analytics' })).toBe('the profile AWS_PROFILE=analytics');
    expect(credentialSource({})).toMatch(/default AWS profile/);
  });
});

describe('bucket region discovery', () => {
  const discover = (answer: (mock: ReturnType<typeof mockClient>) => void) => {
    const client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const mock = mockClient(client);
    answer(mock);
    return discoverBucketRegion('data', {}, () => client);
  };

  it('reads HeadBucket answer', async () => {
    expect(await discover((mock) => mock.on(HeadBucketCommand).resolves({ BucketRegion: 'eu-west-1' }))).toBe('eu-west-1');
  });

  it('reads x-amz-bucket-region from a 301 redirect', async () => {
    const redirect = awsError('PermanentRedirect', 301, { 'x-amz-bucket-region': 'ap-southeast-2' });
    expect(await discover((mock) => mock.on(HeadBucketCommand).rejects(redirect))).toBe('ap-southeast-2');
  });

  it('maps a missing bucket to a clear error', async () => {
    await expect(discover((mock) => mock.on(HeadBucketCommand).rejects(awsError('NotFound', 404)))).rejects.toThrow(
      's3://data: the bucket "data" does not exist',
    );
  });
});

describe('read-ahead', () => {
  const files = Array.from({ length: 10 }, (_, i) => ({ uri: `f${i}`, size: 100 }));

  it('keeps at most `concurrency` files in flight, in order, skipping big ones', async () => {
    const started: string[] = [];
    const ahead = new ReadAhead(
      [...files.slice(0, 3), { uri: 'big', size: 5_000 }, ...files.slice(3)],
      async (file) => {
        started.push(file.uri);
        return Buffer.from(file.uri);
      },
      { concurrency: 3, maxBytes: 10_000, maxFileBytes: 1_000 },
    );
    expect(started).toEqual(['f0', 'f1', 'f2']);
    expect((await ahead.take('f0'))?.toString()).toBe('f0');
    expect(started).toEqual(['f0', 'f1', 'f2', 'f3']);
    expect(ahead.take('big')).toBeUndefined();
    expect(ahead.pending).toBe(3);
  });

  it('bounds the bytes held', () => {
    const started: string[] = [];
    new ReadAhead(files, async (file) => (started.push(file.uri), Buffer.alloc(0)), { concurrency: 8, maxBytes: 250, maxFileBytes: 1_000 });
    expect(started).toEqual(['f0', 'f1']);
  });

  it('hands a failed fetch to the reader that takes it, not to the process', async () => {
    const ahead = new ReadAhead(files.slice(0, 1), async () => {
      throw new LoadError('f0: broke');
    }, { concurrency: 2, maxBytes: 1_000, maxFileBytes: 1_000 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(ahead.take('f0')).rejects.toThrow('f0: broke');
  });
});
