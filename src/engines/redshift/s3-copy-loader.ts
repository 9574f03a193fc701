/**
 * Redshift's staging: validated records -> gzip NDJSON parts in the staging bucket ->
 * one COPY per staging table, from a manifest of the parts. Rows COPY refuses are read
 * back and reported through the StageContext, so they count against the same budget
 * and land in load_errors like any rejected record.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, LoadError } from '../../errors.js';
import type { ObjectStoreOptions, Row, SqlParams, StageContext } from '../engine.js';
import type { RejectedRecord, StagingBatch, StagingKind } from '../../records/staging-record.js';
import { createS3Client } from '../../sources/s3-client.js';
import { checkBucketName, checkKey } from '../../sources/s3-uri.js';
import { checkIamRole, copyStatement, jsonPathsDocument, manifestDocument } from './copy-statements.js';
import { lastCopyCountSql, loadErrorsSql, toRejectedRecords, type LoadErrorRow, type PartLineReader } from './load-errors.js';
import { defaultPartPolicy, readPartLine, writeParts, type PartPolicy } from './ndjson-parts.js';
import { defaultUploadLimits, deleteStaged, listExisting, PartUploader, putDocument, type StagingBucket, type UploadedPart, type UploadLimits } from './upload.js';
import type { LoaderSession, StagingLoader } from './staging-loader.js';

export interface S3CopyOptions {
  readonly policy?: PartPolicy;
  readonly limits?: UploadLimits;
  /**
   * Pauses before reading SYS_LOAD_ERROR_DETAIL again when it lists fewer refused rows
   * than COPY refused: its rows may arrive after the COPY returns.
   */
  readonly refusedRetryDelaysMs?: readonly number[];
}

/** Where input goes under the bucket when no prefix is given (settings always give one: [S3] STAGING_PREFIX's default). */
const DEFAULT_STAGING_PREFIX = 'sparkify/staging';

const REFUSED_RETRY_DELAYS_MS = [250, 1_000, 3_000] as const;

interface Resolved {
  readonly stage: StagingBucket;
  readonly iamRole: string;
  readonly region: string;
}

export class S3CopyLoader implements StagingLoader {
  readonly fromObjectStore = true;
  private resolved?: Promise<Resolved>;
  /** The newest COPY whose refused rows were read: older ones are never reported twice. */
  private lastErrorQueryId = 0;
  /** Objects COPY read in the current transaction: deleted once it commits, kept if it rolls back. */
  private readonly staged = new Set<string>();

  constructor(
    private readonly store: ObjectStoreOptions,
    private readonly options: S3CopyOptions = {},
  ) {
    // Malformed settings fail at open, before any work; missing ones only when staging needs them.
    if (store.bucket !== undefined) checkBucketName(store.bucket, 'staging bucket');
    if (store.prefix !== undefined) checkKey(store.prefix, 'staging prefix');
    if (store.iamRoleArn !== undefined) checkIamRole(store.iamRoleArn);
  }

  async stage(kind: StagingKind, batches: AsyncIterable<StagingBatch>, session: LoaderSession, context?: StageContext): Promise<number> {
    const { stage, iamRole, region } = await this.resolve();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'sparkify-redshift-'));
    let uploader: PartUploader | undefined;
    try {
      const uploads = new PartUploader(stage, await listExisting(stage, `parts/${kind}`), this.options.limits ?? defaultUploadLimits);
      uploader = uploads;
      const written = await writeParts(kind, batches, folder, this.options.policy ?? defaultPartPolicy, (part) => uploads.add(part));
      const parts = await uploads.finish(written);
      const rows = parts.reduce((sum, part) => sum + part.rows, 0);
      if (rows === 0) return 0;

      const jsonPaths = await putDocument(stage, 'jsonpaths', kind, jsonPathsDocument(kind));
      const manifest = await putDocument(stage, 'manifests', kind, manifestDocument(parts.map((part) => ({ uri: part.uri, bytes: part.bytes }))));
      const copy = copyStatement(session.dialect, {
        kind, manifestUri: manifest.uri, jsonPathsUri: jsonPaths.uri, iamRole, region, errorsTolerated: context?.errorsLeft() ?? 0,
      });
      for (const uri of [...parts.map((part) => part.uri), jsonPaths.uri, manifest.uri]) this.staged.add(uri);
      const readLine = partLineReader(parts);
      try {
        await session.exec(copy);
      } catch (error) {
        // Over MAXERROR: the transaction is aborted, so the refused rows are read from a second
        // session, once (a COPY that could not run at all refused none); the load fails either way.
        const refused = await this.refusedRows((sql, params) => session.queryAside(sql, params), session.sessionId, 0).catch(() => []);
        report(await toRejectedRecords(refused, readLine, (id) => context?.fileUri(id)), context);
        const detail = error instanceof Error ? error.message : String(error);
        throw new LoadError(`COPY of the ${kind} staged in ${manifest.uri} failed: ${detail}`, { cause: error });
      }
      const [counted] = await session.query<{ loaded: number }>(lastCopyCountSql);
      const loaded = Number(counted?.loaded ?? 0);
      if (loaded < rows) {
        const refused = await this.refusedRows((sql, params) => session.query(sql, params), session.sessionId, rows - loaded);
        if (refused.length !== rows - loaded) {
          // Never a silent loss: rows COPY dropped must each be a rejected record.
          throw new LoadError(
            `COPY of the ${kind} staged in ${manifest.uri} loaded ${loaded} of ${rows} rows, but sys_load_error_detail lists ` +
              `${refused.length} refused; nothing was loaded; run the load again, and if this repeats, look up the COPY in sys_load_history`,
          );
        }
        report(await toRejectedRecords(refused, readLine, (id) => context?.fileUri(id)), context);
      }
      return loaded;
    } finally {
      // Uploads still running after a failure read from the folder: let them end first.
      await uploader?.settle();
      await rm(folder, { recursive: true, force: true });
    }
  }

  /**
   * Deletes the parts, manifests and JSONPaths documents of a committed load: they served
   * their COPY. A failure here leaves them for the next load's listing, which skips
   * re-uploading them; the load has committed and is not failed for it.
   */
  async committed(): Promise<void> {
    const uris = [...this.staged];
    this.staged.clear();
    if (uris.length === 0) return;
    const { stage } = await this.resolve();
    await deleteStaged(stage, uris).catch(() => undefined);
  }

  /** A failed load keeps its staged objects: the retry finds them and uploads nothing twice. */
  rolledBack(): void {
    this.staged.clear();
  }

  async close(): Promise<void> {
    const resolved = await this.resolved?.catch(() => undefined);
    resolved?.stage.client.destroy();
  }

  /** The latest COPY's refused rows, asked again after a pause while fewer than `expected` are listed. */
  private async refusedRows(
    query: (sql: string, params: SqlParams) => Promise<Row[]>,
    sessionId: number,
    expected: number,
  ): Promise<LoadErrorRow[]> {
    const delays = this.options.refusedRetryDelaysMs ?? REFUSED_RETRY_DELAYS_MS;
    let rows: LoadErrorRow[] = [];
    for (let attempt = 0; ; attempt++) {
      rows = (await query(loadErrorsSql, { session_id: sessionId, after_query_id: this.lastErrorQueryId })) as unknown as LoadErrorRow[];
      const delay = delays[attempt];
      if (rows.length >= expected || delay === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    for (const row of rows) this.lastErrorQueryId = Math.max(this.lastErrorQueryId, Number(row.query_id));
    return rows;
  }

  private resolve(): Promise<Resolved> {
    this.resolved ??= (async () => {
      const { bucket, iamRoleArn } = this.store;
      if (bucket === undefined) {
        throw new ConfigError('Redshift loads through S3: set a staging bucket ([S3] STAGING_BUCKET) the cluster can read');
      }
      if (iamRoleArn === undefined) {
        throw new ConfigError('Redshift COPY needs an IAM role that may read the staging bucket: set [IAM_ROLE] ARN');
      }
      const client: S3Client = await createS3Client(bucket, { region: this.store.region, s3Endpoint: this.store.s3Endpoint });
      const region = this.store.region ?? (await client.config.region());
      const stage = { client, bucket, prefix: this.store.prefix ?? DEFAULT_STAGING_PREFIX, endpoint: this.store.s3Endpoint };
      return { stage, iamRole: iamRoleArn, region };
    })();
    return this.resolved;
  }
}

/** Reports refused rows; the pipeline's `reject` throws once the budget is spent. */
function report(records: readonly RejectedRecord[], context: StageContext | undefined): void {
  for (const record of records) {
    if (context === undefined) throw new LoadError(`${record.file}:${record.line}: ${record.reason}`);
    context.reject(record);
  }
}

/** Finds a refused row's line in the local copy of its part (kept until staging ends). */
function partLineReader(parts: readonly UploadedPart[]): PartLineReader {
  const byUri = new Map(parts.map((part) => [part.uri, part.file]));
  return async (uri, line) => {
    const file = byUri.get(uri);
    return file === undefined ? undefined : readPartLine(file, line);
  };
}
