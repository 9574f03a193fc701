/**
 * A real S3 protocol server for tests: s3rver in-process, on a free loopback port,
 * silent, storing into a temp folder. The code under test finds it through the
 * S3-compatible endpoint setting and the default credential chain, which the helper
 * points at s3rver's fixed test account (so no test ever needs AWS).
 */
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import crypto from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import S3rver from 's3rver';
import { makeTempDir } from './temp-dir.js';

/** s3rver's built-in account: public test values, not secrets. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const S3RVER_REGION = 'us-east-1';

export interface S3TestServer {
  readonly endpoint: string;
  /** A client for setting up and inspecting buckets in tests. */
  readonly client: S3Client;
  createBucket(name: string): Promise<void>;
  putObject(bucket: string, key: string, body: string | Buffer): Promise<void>;
  /** Uploads every file under `dir` to `s3://bucket/prefix/<relative path>`; returns the count. */
  uploadTree(dir: string, bucket: string, prefix: string): Promise<number>;
  stop(): Promise<void>;
}

/** Makes the SDK's default credential chain find s3rver's account, and nothing else. */
export function useS3rverCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  // Never wait for an EC2 metadata service that is not there.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
}

/**
 * s3rver 3.7 encrypts ListObjectsV2 continuation tokens with single DES, which OpenSSL 3
 * (Node >= 17) keeps in its legacy provider, so every listing past one page fails with
 * InternalError. Three-key 3DES with three equal keys is the same cipher as single DES,
 * so s3rver's calls are mapped to it (its only use of 'des') when DES itself is missing.
 */
function provideDesForS3rver(): void {
  try {
    crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return;
  } catch {
    // No single DES here: install the mapping below.
  }
  const toTripleDes = (algorithm: string, key: crypto.CipherKey): [string, crypto.CipherKey] =>
    algorithm === 'des' && Buffer.isBuffer(key) && key.length === 8
      ? ['des-ede3-cbc', Buffer.concat([key, key, key])]
      : [algorithm, key];
  const { createCipheriv, createDecipheriv } = crypto;
  const patched = crypto as { createCipheriv: typeof createCipheriv; createDecipheriv: typeof createDecipheriv };
  patched.createCipheriv = ((algorithm: string, key: crypto.CipherKey, iv: crypto.BinaryLike | null) =>
    createCipheriv(...toTripleDes(algorithm, key), iv)) as typeof createCipheriv;
  patched.createDecipheriv = ((algorithm: string, key: crypto.CipherKey, iv: crypto.BinaryLike | null) =>
    createDecipheriv(...toTripleDes(algorithm, key), iv)) as typeof createDecipheriv;
}

export async function startS3Server(buckets: readonly string[] = []): Promise<S3TestServer> {
  useS3rverCredentials();
  provideDesForS3rver();
  const temp = makeTempDir('s3rver');
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: temp.path, vhostBuckets: false });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({
    endpoint,
    region: S3RVER_REGION,
    credentials: S3RVER_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

  const putObject = async (bucket: string, key: string, body: string | Buffer): Promise<void> => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  };
  const created: S3TestServer = {
    endpoint,
    client,
    createBucket: async (name) => {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    putObject,
    uploadTree: async (dir, bucket, prefix) => {
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
      for (let start = 0; start < files.length; start += 32) {
        await Promise.all(files.slice(start, start + 32).map(async (file) => {
          const key = [prefix, path.relative(dir, file).split(path.sep).join('/')].filter(Boolean).join('/');
          await putObject(bucket, key, await readFile(file));
        }));
      }
      return files.length;
    },
    stop: async () => {
      client.destroy();
      server.httpServer?.closeAllConnections();
      await server.close();
      temp.remove();
    },
  };
  for (const bucket of buckets) await created.createBucket(bucket);
  return created;
}
