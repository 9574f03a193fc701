/** `--source s3://…` with `--s3-endpoint`, through the CLI, against a real S3 protocol server. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { runCli } from '../support/run-cli.js';
import { S3RVER_CREDENTIALS, S3RVER_REGION, startS3Server, type S3TestServer } from '../support/s3-server.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('s3-cli');
let server: S3TestServer;
beforeAll(async () => {
  server = await startS3Server(['cli-data']);
});
afterAll(async () => {
  await server?.stop();
  temp.remove();
});

describe('sparkify with an S3 source', () => {
  it('loads s3://bucket/prefix from an S3-compatible endpoint given on the command line', async () => {
    const ts = Date.UTC(2018, 10, 1, 8, 0, 0);
    const local = path.join(temp.path, 'tree');
    writeFixtureTree(local, {
      songs: { 'A/TR1.json': [song()], 'B/TR2.json': [song({ song_id: 'SO2', title: 'Two' })] },
      events: { '2018/11/2018-11-01-events.json': [event({ ts }), event({ ts: ts + 1, itemInSession: 1, song: 'Two' })] },
    });
    expect(await server.uploadTree(local, 'cli-data', 'nested/run-1')).toBe(3);

    const env = {
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      SPARKIFY_WAREHOUSE: '',
      SPARKIFY_SOURCE: '',
    };
    const args = ['etl', '--source', 's3://cli-data/nested/run-1', '--s3-endpoint', server.endpoint, '--region', S3RVER_REGION,
      '--warehouse', `duckdb:${path.join(temp.path, 's3.duckdb')}`, '--json', '--quiet'];
    const first = await runCli(args, { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.summary.tables).toMatchObject({ staging_events: 2, staging_songs: 2, songplays: 2, songs: 2 });
    expect(report.report.source).toBe('songs: s3://cli-data/nested/run-1/song_data; events: s3://cli-data/nested/run-1/log_data');

    const second = JSON.parse((await runCli(args, { env })).stdout);
    expect(second.report).toMatchObject({ filesLoaded: 0, filesSkipped: 3 });
  });
});
