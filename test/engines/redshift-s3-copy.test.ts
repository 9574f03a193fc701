/**
 * Redshift's staging path end to end except Redshift itself: records -> gzip parts ->
 * a real S3 protocol server (s3rver) -> COPY, answered by a fake Redshift session that
 * reads back the manifest, JSONPaths and parts from the bucket as COPY would.
 */
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DataError } from '../../src/errors.js';
import { S3CopyLoader } from '../../src/engines/redshift/s3-copy-loader.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { fakeRedshift } from '../support/fake-redshift-copy.js';
import { startCuttingProxy, type CuttingProxy } from '../support/cutting-proxy.js';
import { startS3Server, S3RVER_REGION, type S3TestServer } from '../support/s3-server.js';
import { budgetContext, stageInput } from '../support/stage-input.js';
import { makeTempDir } from '../support/temp-dir.js';

const BUCKET = 'sparkify-stage';
const ROLE = 'arn:aws:iam::123456789012:role/sparkify-copy';
const temp = makeTempDir('redshift-s3-copy');
let server: S3TestServer;
let proxy: CuttingProxy;
let tree: { songData: string; logData: string };

beforeAll(async () => {
  server = await startS3Server([BUCKET]);
  proxy = await startCuttingProxy({ targetPort: Number(new URL(server.endpoint).port), afterBytes: Infinity });
  tree = writeFixtureTree(temp.path, {
    songs: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`A/${i % 3}/TR${i}.json`, [song({ song_id: `SO${i}`, title: `Song ${i}` })]])),
    events: {
      '2018-11-01-events.json': Array.from({ length: 30 }, (_, i) => event({ itemInSession: i, ts: Date.UTC(2018, 10, 1) + i, userAgent: i === 17 ? 'x'.repeat(300) : 'ok' })),
      '2018-11-02-events.json': ['', event({ ts: Date.UTC(2018, 10, 2), userAgent: 'y'.repeat(300) }), event({ ts: Date.UTC(2018, 10, 2, 1) })],
    },
  });
});
afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
  temp.remove();
});

const loaderWith = (prefix: string, partPerFile = false) =>
  new S3CopyLoader(
    { bucket: BUCKET, prefix, iamRoleArn: ROLE, region: S3RVER_REGION, s3Endpoint: proxy.endpoint },
    { policy: { maxPartBytes: 4_000, partPerFile } },
  );
/** Plays Redshift refusing a user agent longer than its VARCHAR(256). */
const tooLong = (row: Record<string, unknown>) =>
  typeof row.user_agent === 'string' && row.user_agent.length > 256 ? { column: 'user_agent', message: 'String length exceeds DDL length' } : undefined;

describe('staging through S3 and COPY', () => {
  it('uploads parts, a manifest and a JSONPaths file, and COPY finds every record with its provenance', async () => {
    const input = await stageInput('songs', tree.songData);
    const redshift = fakeRedshift(server.client);
    const { context, rejected } = budgetContext(0, input.uris);

    const rows = await loaderWith('first/run').stage('songs', input.batches(), redshift.session, context);

    expect(rows).toBe(12);
    expect(rejected).toEqual([]);
    const copy = redshift.statements.find((sql) => sql.startsWith('COPY'));
    expect(copy).toMatch(/\nFROM 's3:\/\/sparkify-stage\/first\/run\/manifests\/songs-[0-9a-f]{64}\.json'\n/);
    expect(copy).toMatch(/\nFORMAT AS JSON 's3:\/\/sparkify-stage\/first\/run\/jsonpaths\/songs-[0-9a-f]{64}\.json'\n/);
    expect(copy).toContain(`\nIAM_ROLE '${ROLE}'\nFORMAT AS JSON`);
    expect(copy).toContain(`\nREGION 'us-east-1'\nMAXERROR 1\n`);
    const loaded = redshift.loaded.staging_songs ?? [];
    expect(loaded.map((row) => row.song_id).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `SO${i}`).sort());
    expect(loaded.map((row) => `${row.source_file_id}:${row.source_line}`).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `${i + 1}:1`).sort(),
    );
  });

  it('uploads nothing twice: a second stage of the same records skips every object', async () => {
    const input = await stageInput('songs', tree.songData);
    await loaderWith('again').stage('songs', input.batches(), fakeRedshift(server.client).session, budgetContext(0, input.uris).context);
    const before = proxy.requests().PUT ?? 0;
    const redshift = fakeRedshift(server.client);
    const rows = await loaderWith('again').stage('songs', input.batches(), redshift.session, budgetContext(0, input.uris).context);
    expect(rows).toBe(12);
    expect((proxy.requests().PUT ?? 0) - before).toBe(0);
  });

  it('reports rows COPY refuses, within the budget, as rejected records naming the input file and line', async () => {
    const input = await stageInput('events', tree.logData);
    const redshift = fakeRedshift(server.client, { refuse: tooLong });
    const { context, rejected } = budgetContext(5, input.uris);

    const rows = await loaderWith('refused').stage('events', input.batches(), redshift.session, context);

    expect(rows).toBe(30);
    expect(redshift.statements.find((sql) => sql.startsWith('COPY'))).toContain('\nMAXERROR 6\n');
    expect(rejected.map(({ file, line, reason }) => ({ file, line, reason }))).toEqual([
      { file: path.join(tree.logData, '2018-11-01-events.json'), line: 18, reason: 'column user_agent: String length exceeds DDL length (Redshift load error 1204)' },
      { file: path.join(tree.logData, '2018-11-02-events.json'), line: 2, reason: 'column user_agent: String length exceeds DDL length (Redshift load error 1204)' },
    ]);
    expect(JSON.parse(rejected[0]?.raw ?? '{}')).toMatchObject({ source_line: 18, item_in_session: 17, user_agent: 'x'.repeat(300) });
  });

  it('tolerates exactly one refused row with a budget of one (--max-errors 1)', async () => {
    const input = await stageInput('events', tree.logData);
    const onlyTheFirst = (row: Record<string, unknown>) => (row.user_agent === 'x'.repeat(300) ? tooLong(row) : undefined);
    const redshift = fakeRedshift(server.client, { refuse: onlyTheFirst });
    const { context, rejected } = budgetContext(1, input.uris);

    const rows = await loaderWith('exactly-one').stage('events', input.batches(), redshift.session, context);

    expect(rows).toBe(31);
    expect(redshift.statements.find((sql) => sql.startsWith('COPY'))).toContain('\nMAXERROR 2\n');
    expect(rejected.map(({ file, line }) => `${file}:${line}`)).toEqual([`${path.join(tree.logData, '2018-11-01-events.json')}:18`]);
  });

  it('reads the refused rows again when they reach sys_load_error_detail after the COPY returned', async () => {
    const input = await stageInput('events', tree.logData);
    const redshift = fakeRedshift(server.client, { refuse: tooLong, refusedRowsLateBy: 2 });
    const { context, rejected } = budgetContext(5, input.uris);
    const loader = new S3CopyLoader(
      { bucket: BUCKET, prefix: 'late', iamRoleArn: ROLE, region: S3RVER_REGION, s3Endpoint: proxy.endpoint },
      { refusedRetryDelaysMs: [1, 1, 1] },
    );

    expect(await loader.stage('events', input.batches(), redshift.session, context)).toBe(30);
    expect(rejected.map(({ line }) => line)).toEqual([18, 2]);
    expect(redshift.statements.filter((sql) => sql.includes('sys_load_error_detail'))).toHaveLength(3);
  });

  it('fails loudly when rows COPY dropped never show up in sys_load_error_detail', async () => {
    const input = await stageInput('events', tree.logData);
    const redshift = fakeRedshift(server.client, { refuse: tooLong, refusedRowsLateBy: 99 });
    const { context, rejected } = budgetContext(5, input.uris);
    const loader = new S3CopyLoader(
      { bucket: BUCKET, prefix: 'missing', iamRoleArn: ROLE, region: S3RVER_REGION, s3Endpoint: proxy.endpoint },
      { refusedRetryDelaysMs: [1, 1] },
    );

    await expect(loader.stage('events', input.batches(), redshift.session, context)).rejects.toThrow(
      /^COPY of the events staged in s3:\/\/sparkify-stage\/missing\/manifests\/events-[0-9a-f]{64}\.json loaded 30 of 32 rows, but sys_load_error_detail lists 0 refused; nothing was loaded/,
    );
    expect(rejected).toEqual([]);
  });

  it('fails the load naming file and line when COPY refuses more than the budget', async () => {
    const input = await stageInput('events', tree.logData);
    const redshift = fakeRedshift(server.client, { refuse: tooLong });
    const { context } = budgetContext(1, input.uris);

    const failure = loaderWith('over').stage('events', input.batches(), redshift.session, context);

    await expect(failure).rejects.toThrow(DataError);
    await expect(failure).rejects.toThrow(`${path.join(tree.logData, '2018-11-02-events.json')}:2: column user_agent:`);
    expect(redshift.asideQueries()).toBe(1);
  });

  it('fails with the manifest named when COPY itself cannot run (say, the role may not read the bucket)', async () => {
    const input = await stageInput('songs', tree.songData);
    const redshift = fakeRedshift(server.client, { copyFails: 'S3ServiceException:Access Denied,Status 403' });
    const failure = loaderWith('denied').stage('songs', input.batches(), redshift.session, budgetContext(0, input.uris).context);
    await expect(failure).rejects.toThrow(
      /^COPY of the songs staged in s3:\/\/sparkify-stage\/denied\/manifests\/songs-[0-9a-f]{64}\.json failed: S3ServiceException:Access Denied/,
    );
  });

  it('writes one part per input file when asked, the unbundled way', async () => {
    const input = await stageInput('songs', tree.songData);
    const redshift = fakeRedshift(server.client);
    await loaderWith('per-file', true).stage('songs', input.batches(), redshift.session, budgetContext(0, input.uris).context);
    const listed = await server.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'per-file/parts/songs/' }));
    expect(listed.KeyCount).toBe(12);
    expect(redshift.loaded.staging_songs).toHaveLength(12);
  });
});

describe('cleaning up the staging bucket', () => {
  const keysUnder = async (prefix: string) =>
    ((await server.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${prefix}/` }))).Contents ?? []).map((o) => o.Key).sort();

  it('deletes the parts, manifest and JSONPaths of a committed load, and nothing else under the prefix', async () => {
    const input = await stageInput('songs', tree.songData);
    const loader = loaderWith('committed');
    await server.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'committed/keep-me.txt', Body: 'not ours' }));
    await loader.stage('songs', input.batches(), fakeRedshift(server.client).session, budgetContext(0, input.uris).context);
    const staged = await keysUnder('committed');
    expect(staged.filter((key) => /\/(parts|manifests|jsonpaths)\//.test(key ?? '')).length).toBeGreaterThanOrEqual(3);

    await loader.committed();

    expect(await keysUnder('committed')).toEqual(['committed/keep-me.txt']);
    await loader.close();
  });

  it('keeps them after a rollback, so the retry uploads nothing, and deletes them once the retry commits', async () => {
    const input = await stageInput('songs', tree.songData);
    const loader = loaderWith('rolled-back');
    await loader.stage('songs', input.batches(), fakeRedshift(server.client).session, budgetContext(0, input.uris).context);
    loader.rolledBack();
    const kept = await keysUnder('rolled-back');
    expect(kept.length).toBeGreaterThanOrEqual(3);

    const puts = proxy.requests().PUT ?? 0;
    await loader.stage('songs', input.batches(), fakeRedshift(server.client).session, budgetContext(0, input.uris).context);
    expect((proxy.requests().PUT ?? 0) - puts).toBe(0);
    await loader.committed();
    expect(await keysUnder('rolled-back')).toEqual([]);
    await loader.close();
  });
});

describe('settings', () => {
  it('asks for a staging bucket and an IAM role only when it must stage', async () => {
    const input = await stageInput('songs', tree.songData);
    const session = fakeRedshift(server.client).session;
    await expect(new S3CopyLoader({ iamRoleArn: ROLE }).stage('songs', input.batches(), session)).rejects.toThrow(
      /set a staging bucket \(\[S3\] STAGING_BUCKET\)/,
    );
    await expect(new S3CopyLoader({ bucket: BUCKET, s3Endpoint: server.endpoint }).stage('songs', input.batches(), session)).rejects.toThrow(
      /set \[IAM_ROLE\] ARN/,
    );
  });

  it('refuses malformed settings when the engine opens', () => {
    expect(() => new S3CopyLoader({ iamRoleArn: "arn:aws:iam::123456789012:role/x' MAXERROR '9" })).toThrow(ConfigError);
    expect(() => new S3CopyLoader({ bucket: 'Not_A_Bucket' })).toThrow(ConfigError);
  });
});
