/**
 * A Source lists the files of one input tree and opens each as a byte stream.
 * Local folders and s3://bucket/prefix trees both look like this, so the pipeline
 * and every Node-side stager read them the same way.
 */
import type { Readable } from 'node:stream';

/**
 * A listed file. It may be a class whose fields are getters (a local listing makes each
 * path only when asked, to keep 1 M listed files small): copy its fields by name, since
 * an object spread takes own properties only and would drop them.
 */
export interface SourceFile {
  /** Absolute path or s3:// URI: the file's identity in the ledger and in messages. */
  readonly uri: string;
  readonly size: number;
  /**
   * Changes when the content does: an S3 ETag, or size and modification time for a
   * local file (the rsync rule; a touched file is reloaded, which is harmless).
   */
  readonly fingerprint: string;
}

export interface Source {
  /** The tree's root as given, for messages and run history. */
  readonly root: string;
  /** Every .json file under the root, sorted by URI. Throws LoadError when there are none. */
  list(): Promise<SourceFile[]>;
  /** A stream of the file's bytes; read errors surface as LoadError naming the file. */
  open(file: SourceFile): Readable;
  /**
   * Optional hint: these files are about to be opened, in this order. A remote source
   * may fetch small ones ahead with bounded concurrency; a source without it opens
   * each file on demand. Calling it again replaces the earlier announcement.
   */
  prefetch?(files: readonly SourceFile[]): void;
  /**
   * Optional: the whole file when the source can hand it over cheaply (a small local
   * file, an object already fetched ahead); undefined means "stream it with `open`".
   */
  readWhole?(file: SourceFile): Buffer | Promise<Buffer> | undefined;
}

export interface SourceOptions {
  readonly region?: string;
  readonly s3Endpoint?: string;
  /** Attempts per S3 request (the SDK's retry with back-off); default 5. */
  readonly maxAttempts?: number;
  /** Small remote files fetched ahead of the reader after `prefetch`; 0 turns it off. Default 16. */
  readonly readAhead?: number;
}
