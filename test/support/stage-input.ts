/**
 * Validated staging batches from a local tree, read the way the pipeline reads them
 * (records/ validation, file ids 1..n in listing order), and a StageContext with the
 * pipeline's budget rule, for testing a stager without the whole pipeline.
 */
import type { StageContext } from '../../src/engines/engine.js';
import { DataError } from '../../src/errors.js';
import { readStagingBatches } from '../../src/records/read-records.js';
import type { RejectedRecord, StagingBatch, StagingKind } from '../../src/records/staging-record.js';
import { LocalSource } from '../../src/sources/local-source.js';

export interface StageInput {
  readonly uris: ReadonlyMap<number, string>;
  batches(): AsyncIterable<StagingBatch>;
}

export async function stageInput(kind: StagingKind, root: string, firstFileId = 1): Promise<StageInput> {
  const source = new LocalSource(root);
  // Fields by name: a listed file's path and fingerprint are getters, which a spread drops (source.ts).
  const files = (await source.list()).map((file, index) => ({ uri: file.uri, size: file.size, fingerprint: file.fingerprint, fileId: firstFileId + index }));
  return {
    uris: new Map(files.map((file) => [file.fileId, file.uri])),
    batches: () => readStagingBatches({
      kind,
      files,
      open: (file) => source.open({ uri: file.uri, size: file.size, fingerprint: '' }),
      onReject: (record) => {
        throw new Error(`test input must be valid: ${record.file}:${record.line}: ${record.reason}`);
      },
      batchSize: 100,
    }),
  };
}

export function budgetContext(maxErrors: number, uris: ReadonlyMap<number, string>): { context: StageContext; rejected: RejectedRecord[] } {
  const rejected: RejectedRecord[] = [];
  const context: StageContext = {
    errorsLeft: () => Math.max(0, maxErrors - rejected.length),
    fileUri: (fileId) => uris.get(fileId),
    reject: (record) => {
      rejected.push(record);
      if (rejected.length > maxErrors) throw new DataError(record.file, record.line, record.reason);
    },
  };
  return { context, rejected };
}
