/**
 * Puts the staging objects in the staging bucket: gzip parts (multipart, several at
 * once, bounded), and the small JSONPaths and manifest documents. Every key is named by
 * the SHA-256 of what it holds, so an object already under its key has the same
 * content, and is skipped: a load run again after a failure uploads nothing twice.
 */
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { s3Error } from '../../sources/s3-errors.js';
import { formatS3Uri, joinKey, parseS3Uri } from '../../sources/s3-uri.js';
import type { WrittenPart } from './ndjson-parts.js';

export interface StagingBucket {
  readonly client: S3Client;
  readonly bucket: string;
  /** Key prefix every staging object goes under. */
  readonly prefix: string;
  /** An S3-compatible endpoint, for messages. */
  readonly endpoint?: string;
}

export interface UploadLimits {
  /** Parts uploaded at once. */
  readonly parts: number;
  /** Concurrent multipart requests per part (lib-storage's queueSize). */
  readonly requestsPerPart: number;
}

export const defaultUploadLimits: UploadLimits = { parts: 4, requestsPerPart: 4 };

export interface UploadedPart extends WrittenPart {
  readonly uri: string;
  readonly skipped: boolean;
}

/** Key of a part: content-addressed, under the kind. */
export function partKey(stage: StagingBucket, part: WrittenPart): string {
  return joinKey(stage.prefix, 'parts', part.kind, `${part.sha256}.ndjson.gz`);
}

/** Keys (with sizes) already under `prefix`: one listing instead of a request per part. */
export async function listExisting(stage: StagingBucket, under: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const prefix = joinKey(stage.prefix, under) + '/';
  try {
    for await (const page of paginateListObjectsV2({ client: stage.client, pageSize: 1000 }, { Bucket: stage.bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) if (object.Key) found.set(object.Key, object.Size ?? 0);
    }
  } catch (error) {
    throw s3Error(error, { target: formatS3Uri({ bucket: stage.bucket, key: prefix }), bucket: stage.bucket, endpoint: stage.endpoint });
  }
  return found;
}

/**
 * Uploads parts as they are written, at most `limits.parts` at a time: `add` waits
 * while that many are in flight, so writing never runs far ahead of the network.
 */
export class PartUploader {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly done: UploadedPart[] = [];
  private failure: unknown;

  constructor(
    private readonly stage: StagingBucket,
    private readonly existing: ReadonlyMap<string, number>,
    private readonly limits: UploadLimits = defaultUploadLimits,
  ) {}

  async add(part: WrittenPart): Promise<void> {
    this.throwIfFailed();
    const key = partKey(this.stage, part);
    const uri = formatS3Uri({ bucket: this.stage.bucket, key });
    if (this.existing.get(key) === part.bytes) {
      this.done.push({ ...part, uri, skipped: true });
      return;
    }
    while (this.inFlight.size >= this.limits.parts) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const upload = this.upload(part, key)
      .then(() => void this.done.push({ ...part, uri, skipped: false }))
      .catch((error: unknown) => void (this.failure ??= error))
      .finally(() => this.inFlight.delete(upload));
    this.inFlight.add(upload);
  }

  /** Waits for every upload; returns the parts in the order they were added. */
  async finish(order: readonly WrittenPart[]): Promise<UploadedPart[]> {
    await Promise.all(this.inFlight);
    this.throwIfFailed();
    const byFile = new Map(this.done.map((part) => [part.file, part]));
    return order.map((part) => byFile.get(part.file) as UploadedPart);
  }

  /** Waits for uploads in flight to end, whatever their outcome. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async upload(part: WrittenPart, key: string): Promise<void> {
    const upload = new Upload({
      client: this.stage.client,
      params: {
        Bucket: this.stage.bucket,
        Key: key,
        Body: createReadStream(part.file),
        ContentType: 'application/x-ndjson',
        Metadata: { 'sparkify-sha256': part.sha256, 'sparkify-rows': String(part.rows) },
      },
      queueSize: this.limits.requestsPerPart,
      partSize: 8 << 20,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      throw s3Error(error, { target: formatS3Uri({ bucket: this.stage.bucket, key }), bucket: this.stage.bucket, endpoint: this.stage.endpoint });
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/**
 * Puts a small document (JSONPaths, manifest) under `under/<name>-<sha256>.json`,
 * unless that key exists already. Returns its s3:// URI.
 */
export async function putDocument(stage: StagingBucket, under: string, name: string, body: string): Promise<{ uri: string; skipped: boolean }> {
  const sha256 = createHash('sha256').update(body).digest('hex');
  const key = joinKey(stage.prefix, under, `${name}-${sha256}.json`);
  const uri = formatS3Uri({ bucket: stage.bucket, key });
  const context = { target: uri, bucket: stage.bucket, endpoint: stage.endpoint };
  try {
    const listed = await stage.client.send(new ListObjectsV2Command({ Bucket: stage.bucket, Prefix: key, MaxKeys: 1 }));
    if (listed.Contents?.some((object) => object.Key === key)) return { uri, skipped: true };
    await stage.client.send(new PutObjectCommand({ Bucket: stage.bucket, Key: key, Body: body, ContentType: 'application/json' }));
  } catch (error) {
    throw s3Error(error, context);
  }
  return { uri, skipped: false };
}

/** DeleteObjects takes at most this many keys a request. */
const DELETE_BATCH = 1000;

/** Deletes staging objects by s3:// URI, in batches; an object already gone is no error. */
export async function deleteStaged(stage: StagingBucket, uris: readonly string[]): Promise<void> {
  const keys = uris.map((uri) => parseS3Uri(uri)).filter((location) => location.bucket === stage.bucket).map((location) => location.key);
  for (let start = 0; start < keys.length; start += DELETE_BATCH) {
    const batch = keys.slice(start, start + DELETE_BATCH);
    try {
      const answer = await stage.client.send(
        new DeleteObjectsCommand({ Bucket: stage.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      const failed = answer.Errors?.[0];
      if (failed) throw new Error(`${failed.Key ?? '?'}: ${failed.Code ?? ''} ${failed.Message ?? ''}`.trim());
    } catch (error) {
      throw s3Error(error, { target: formatS3Uri({ bucket: stage.bucket, key: batch[0] ?? stage.prefix }), bucket: stage.bucket, endpoint: stage.endpoint });
    }
  }
}
