/**
 * Bundled parts against one object per input file, measured on the reference sample
 * against s3rver: objects written and requests sent. No Redshift is reachable here, so
 * COPY time itself cannot be compared; these counts are what docs/redshift.md reports.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3CopyLoader } from '../../src/engines/redshift/s3-copy-loader.js';
import { startCuttingProxy, type CuttingProxy } from '../support/cutting-proxy.js';
import { fakeRedshift } from '../support/fake-redshift-copy.js';
import { sampleAvailable, sampleRoot, sampleSkipReason } from '../support/sample-data.js';
import { S3RVER_REGION, startS3Server, type S3TestServer } from '../support/s3-server.js';
import { budgetContext, stageInput } from '../support/stage-input.js';

const BUCKET = 'sparkify-stage';
let server: S3TestServer;
let proxy: CuttingProxy;

beforeAll(async () => {
  server = await startS3Server([BUCKET]);
  proxy = await startCuttingProxy({ targetPort: Number(new URL(server.endpoint).port), afterBytes: Infinity });
});
afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
});

async function measure(prefix: string, partPerFile: boolean) {
  const loader = new S3CopyLoader(
    { bucket: BUCKET, prefix, iamRoleArn: 'arn:aws:iam::123456789012:role/x', region: S3RVER_REGION, s3Endpoint: proxy.endpoint },
    { policy: { maxPartBytes: 64 << 20, partPerFile } },
  );
  const before = proxy.requests();
  const redshift = fakeRedshift(server.client);
  let firstFileId = 1;
  const rows: number[] = [];
  for (const [kind, folder] of [['songs', 'song_data'], ['events', 'log_data']] as const) {
    const input = await stageInput(kind, path.join(sampleRoot, folder), firstFileId);
    firstFileId += input.uris.size;
    rows.push(await loader.stage(kind, input.batches(), redshift.session, budgetContext(0, input.uris).context));
  }
  const after = proxy.requests();
  const delta = (method: string) => (after[method] ?? 0) - (before[method] ?? 0);
  const copies = redshift.statements.filter((sql) => sql.startsWith('COPY')).length;
  return { rows, uploads: delta('PUT') + delta('POST'), checks: delta('GET'), copies, copyReads: redshift.objectsRead() };
}

describe.skipIf(!sampleAvailable)(`staging requests on the reference sample (skipped when ${sampleSkipReason})`, () => {
  it('bundles 101 input files into 2 parts; one object per file needs 101', async () => {
    const bundled = await measure('bundled', false);
    const perFile = await measure('per-file', true);
    console.info(`staging requests, bundled: ${JSON.stringify(bundled)}; one object per file: ${JSON.stringify(perFile)}`);

    expect(bundled.rows).toEqual([71, 8056]);
    expect(perFile.rows).toEqual([71, 8056]);
    // Parts, plus a JSONPaths document and a manifest per staging table: written once, read once by COPY.
    expect(bundled).toMatchObject({ uploads: 2 + 2 + 2, copyReads: 2 + 2 + 2, copies: 2 });
    expect(perFile).toMatchObject({ uploads: 101 + 2 + 2, copyReads: 101 + 2 + 2, copies: 2 });
    // Either way: one listing of existing parts and one existence check per document, per table.
    expect(bundled.checks).toBe(6);
    expect(perFile.checks).toBe(6);
  });
});
