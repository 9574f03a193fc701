/**
 * DuckDB staging from worker threads (records/read-in-chunks.ts, packed records tagged
 * by copying bytes in staging-parts.ts) stages the same rows as the in-thread path, in
 * a real DuckDB file, and a worker that fails rolls the stage back, leaving no part
 * file and no thread.
 */
import { readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engines/duckdb/duckdb-engine.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { readTextBatches, type InputFile } from '../../src/records/read-records.js';
import type { RejectedRecord } from '../../src/records/staging-record.js';
import { liveValidationThreads } from '../../src/records/validate-pool.js';
import type { WorkerFault } from '../../src/records/validate-protocol.js';
import { eventLog } from '../support/event-log-arbitrary.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('duckdb-workers');
const database = `${temp.path}/w.duckdb`;
let engine: DuckDbEngine;

beforeAll(async () => {
  engine = await DuckDbEngine.open(database, { memoryLimit: '256MB' });
  await createTables(engine, { drop: false });
});
afterAll(async () => {
  await engine.close();
  temp.remove();
});

interface Staged {
  readonly rows: unknown[];
  readonly rejects: RejectedRecord[];
  readonly files: string[];
}

async function stage(logs: readonly Buffer[], workers: number, chunkBytes?: number, workerFault?: WorkerFault): Promise<Staged> {
  const files: InputFile[] = logs.map((bytes, index) => ({ uri: `/logs/day-${index + 1}.json`, fileId: index + 1, size: bytes.length }));
  const staged: Staged = { rows: [], rejects: [], files: [] };
  const batches = readTextBatches({
    kind: 'events',
    files,
    open: (file) => Readable.from([logs[file.fileId - 1] as Buffer]),
    onReject: (rejected) => staged.rejects.push(rejected),
    onFileDone: (file, accepted, rejected) => staged.files.push(`${file.uri} ${accepted}/${rejected}`),
    workers,
    chunkBytes,
    workerFault,
  });
  await engine.transaction(() => engine.stageText([{ kind: 'events', batches }]));
  staged.rows.push(...(await engine.query('SELECT * FROM staging_events ORDER BY event_id')));
  return staged;
}

function partFiles(): string[] {
  return readdirSync(temp.path, { recursive: true }).map(String).filter((name) => name.endsWith('.ndjson'));
}

describe('DuckDB staging from worker threads', () => {
  test.prop([fc.array(eventLog, { minLength: 1, maxLength: 3 }), fc.integer({ min: 16, max: 2_000 })], { numRuns: 5 })(
    'stages the rows, rejects and per-file counts of the in-thread path',
    async (logs, chunkBytes) => {
      await engine.exec('DELETE FROM staging_events');
      const inThread = await stage(logs, 0);
      await engine.exec('DELETE FROM staging_events');
      const onWorkers = await stage(logs, 2, chunkBytes);
      expect(onWorkers).toEqual(inThread);
    },
  );

  it('stages ids past 2^53 and zero-padded userIds as their exact digits, and non-ASCII text as written', async () => {
    const log = Buffer.from(
      '\uFEFF{"ts":1,"userId":"007","sessionId":9007199254740993,"itemInSession":1,"artist":"Sigur Rós 🎵"}\r\n\n{"ts":2,"userId":42,"sessionId":1}\n',
    );
    await engine.exec('DELETE FROM staging_events');
    const { rows, files } = await stage([log], 2, 32);
    expect(files).toEqual(['/logs/day-1.json 2/0']);
    expect(rows.map((row) => {
      const { event_id, user_id, session_id, artist_name } = row as Record<string, unknown>;
      return { event_id, user_id, session_id, artist_name };
    })).toEqual([
      { event_id: 100_000_001, user_id: '7', session_id: 9007199254740993n, artist_name: 'Sigur Rós 🎵' },
      { event_id: 100_000_003, user_id: '42', session_id: 1, artist_name: null },
    ]);
  });

  it.each<WorkerFault>(['throw', 'exit'])('rolls back when a worker fails (%s), leaving no part file and no thread', async (fault) => {
    const log = Buffer.from(Array.from({ length: 500 }, (_, i) => `{"ts":${i},"userId":"1"}`).join('\n'));
    await engine.exec('DELETE FROM staging_events');
    const before = await stage([Buffer.from('{"ts":1,"userId":"1"}\n')], 0);
    await expect(stage([log], 2, 256, fault)).rejects.toThrow(/^\/logs\/day-1\.json: validating on a worker thread failed: /);
    expect(liveValidationThreads()).toBe(0);
    expect(partFiles()).toEqual([]);
    // The row staged before stays; none of the failed stage's rows do.
    expect(await engine.query('SELECT * FROM staging_events ORDER BY event_id')).toEqual(before.rows);
    expect(before.rows).toHaveLength(1);
  });
});
