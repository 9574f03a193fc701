/**
 * A tree of JSON objects under s3://bucket/prefix, read with the AWS SDK v3. Listing
 * follows ListObjectsV2 continuation tokens; each object's ETag is its fingerprint, so
 * the ledger skips unchanged objects. Reads are streamed; small objects announced with
 * `prefetch` are fetched a few at a time ahead of the reader.
 */
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { LoadError } from '../errors.js';
import { ReadAhead, type Planned } from './read-ahead.js';
import { createS3Client } from './s3-client.js';
import { s3Error, type S3ErrorContext } from './s3-errors.js';
import { formatS3Uri, parseS3Uri, type S3Location } from './s3-uri.js';
import type { Source, SourceFile, SourceOptions } from './source.js';

const DEFAULT_READ_AHEAD = 16;
const READ_AHEAD_MAX_FILE_BYTES = 1 << 20;
const READ_AHEAD_MAX_BYTES = 32 << 20;

export class S3Source implements Source {
  readonly root: string;
  private readonly location: S3Location;
  private client?: Promise<S3Client>;
  /** ETags as listed: a read insists on the version the ledger will record. */
  private readonly listedETags = new Map<string, string>();
  private readAhead?: ReadAhead;

  constructor(
    root: string,
    private readonly options: SourceOptions = {},
  ) {
    this.location = parseS3Uri(root, 'source');
    this.root = root;
  }

  async list(): Promise<SourceFile[]> {
    const { bucket, key: prefix } = this.location;
    // "log_data" must not also match "log_data_old/": keep the key itself or what is below it.
    const folder = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    const files: SourceFile[] = [];
    try {
      const pages = paginateListObjectsV2({ client: await this.s3(), pageSize: 1000 }, { Bucket: bucket, Prefix: prefix });
      for await (const page of pages) {
        for (const object of page.Contents ?? []) {
          const key = object.Key;
          if (key === undefined || !key.endsWith('.json') || !(key === prefix || key.startsWith(folder))) continue;
          const uri = formatS3Uri({ bucket, key });
          const fingerprint = (object.ETag ?? '').replaceAll('"', '');
          this.listedETags.set(uri, object.ETag ?? '');
          files.push({ uri, size: object.Size ?? 0, fingerprint });
        }
      }
    } catch (error) {
      throw s3Error(error, this.errorContext(this.root, false));
    }
    if (files.length === 0) throw new LoadError(`${this.root}: holds no .json objects; check the source prefix`);
    return files.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  prefetch(files: readonly SourceFile[]): void {
    const concurrency = this.options.readAhead ?? DEFAULT_READ_AHEAD;
    if (concurrency <= 0) return;
    this.readAhead = new ReadAhead(files, (file) => this.fetchWhole(file), {
      concurrency,
      maxBytes: READ_AHEAD_MAX_BYTES,
      maxFileBytes: READ_AHEAD_MAX_FILE_BYTES,
    });
  }

  /** A small object fetched ahead, whole; undefined for the rest, which `open` streams. */
  readWhole(file: SourceFile): Promise<Buffer> | undefined {
    return this.readAhead?.take(file.uri);
  }

  open(file: SourceFile): Readable {
    const ahead = this.readAhead?.take(file.uri);
    const chunks = ahead ? (async function* () { yield await ahead; })() : this.streamObject(file);
    return Readable.from(chunks, { objectMode: false, highWaterMark: 1 << 20 });
  }

  /** Streams the object's body; a body that breaks off fails with the object's name. */
  private async *streamObject(file: Planned): AsyncGenerator<Buffer> {
    const body = await this.getBody(file.uri);
    let received = 0;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        received += chunk.length;
        yield chunk;
      }
    } catch (error) {
      const reason = error instanceof Error ? (error as NodeJS.ErrnoException).code ?? error.message : String(error);
      throw new LoadError(
        `${file.uri}: the download broke off after ${received} of ${file.size} bytes (${reason}); run the load again`,
        { cause: error },
      );
    } finally {
      body.destroy();
    }
  }

  private async fetchWhole(file: Planned): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.streamObject(file)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  private async getBody(uri: string): Promise<Readable> {
    const { key } = parseS3Uri(uri);
    try {
      const response = await (await this.s3()).send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: key, IfMatch: this.listedETags.get(uri) || undefined }),
      );
      if (!(response.Body instanceof Readable)) throw new LoadError(`${uri}: S3 answered without a body`);
      return response.Body;
    } catch (error) {
      throw s3Error(error, this.errorContext(uri, true));
    }
  }

  private s3(): Promise<S3Client> {
    this.client ??= createS3Client(this.location.bucket, this.options);
    return this.client;
  }

  private errorContext(target: string, object: boolean): S3ErrorContext {
    return { target, bucket: this.location.bucket, endpoint: this.options.s3Endpoint, object };
  }
}
