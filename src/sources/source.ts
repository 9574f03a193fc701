/**
 * A Source lists the files of one input tree and opens each as a byte stream.
 * Local folders and s3://bucket/prefix trees both look like this, so the pipeline
 * and every Node-side stager read them the same way.
 */
import type { Readable } from 'node:stream';

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
}

export interface SourceOptions {
  readonly region?: string;
  readonly s3Endpoint?: string;
}
