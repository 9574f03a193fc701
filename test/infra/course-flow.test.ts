/**
 * The course's flow through the CLI, with nothing edited by hand: a course-style
 * dwh.cfg, `sparkify infra up` on the fake AWS control plane (which writes HOST, the
 * role, the staging bucket and removes the password line), then `sparkify run` loading
 * from an s3rver bucket laid out like s3://udacity-dend into the Redshift engine, whose
 * COPY statements run on the COPY emulator (test/support/redshift-emulated.ts).
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSettings } from '../../src/config/load-settings.js';
import { registerInfra } from '../../src/cli/commands/infra.js';
import { main } from '../../src/cli/main.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { withEngine } from '../support/load.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { openRedshiftEmulated, useEmulatorS3 } from '../support/redshift-emulated.js';
import { useEngine } from '../support/use-engine.js';
import { redshiftEngine } from '../../src/engines/redshift/index.js';
import { startS3Server, useS3rverCredentials, type S3TestServer } from '../support/s3-server.js';
import { makeTempDir } from '../support/temp-dir.js';
import { ACCOUNT, FakeAws } from './fake-aws.js';
import { MY_IP, STACK } from './helpers.js';

/** The warehouse the cluster's URL is routed to: a fresh test database behind the COPY emulator. */
const routed: { url?: string; asked: string[] } = { asked: [] };
// The course's `[CLUSTER] HOST` means the redshift engine; a registered stand-in answers for it.
useEngine({
  ...redshiftEngine,
  open: (url, options) => {
    routed.asked.push(url.toString());
    if (routed.url === undefined) throw new Error('no emulated warehouse set up');
    return openRedshiftEmulated(routed.url, options);
  },
});

const STAGING = `${STACK}-staging-${ACCOUNT}`;
const HOST = `${STACK}.abc123xyz.us-west-2.redshift.amazonaws.com`;
const temp = makeTempDir('course-flow');
const server = postgresTestServer('rs_course');
let s3: S3TestServer;
const saved = { ...process.env };

beforeAll(async () => {
  useS3rverCredentials();
  s3 = await startS3Server(['udacity-dend', STAGING]);
  useEmulatorS3(s3);
  // s3://udacity-dend as the course lays it out: song_data/A/B/C/TR*.json, log_data/YYYY/MM/*.json.
  const local = writeFixtureTree(path.join(temp.path, 'udacity-dend'), {
    songs: {
      'A/A/A/TRAAAAW128F429D538.json': [song({ song_id: 'SOMZWCG12A8C13C480', title: "I Didn't Mean To", artist_name: 'Casual', artist_id: 'ARD7TVE1187B99BFB1', duration: 218.93179 })],
      'A/A/B/TRAABCL128F4286650.json': [song({ song_id: 'SOBONKR12A58A7A7E0', title: "You're The One", artist_name: 'Elena', artist_id: 'AR5KOSW1187FB35FF4', duration: 273.94567 })],
    },
    events: {
      '2018/11/2018-11-01-events.json': [
        event({ song: "You're The One", artist: 'Elena', length: 273.94567, userId: '8', ts: Date.UTC(2018, 10, 1, 21) }),
        event({ page: 'Home', userId: '8', itemInSession: 1, ts: Date.UTC(2018, 10, 1, 21, 1) }),
      ],
      '2018/11/2018-11-02-events.json': [event({ song: 'Other', userId: '26', level: 'paid', ts: Date.UTC(2018, 10, 2, 9) })],
    },
  });
  await s3.uploadTree(local.songData, 'udacity-dend', 'song_data');
  await s3.uploadTree(local.logData, 'udacity-dend', 'log_data');
  await s3.putObject('udacity-dend', 'log_json_path.json', '{"jsonpaths": ["$[\'artist\']"]}');
  routed.url = (await server.freshWarehouse()).url.replace(/^postgres:/, 'redshift-emulated:');
});
afterAll(async () => {
  process.env = saved;
  await server.close();
  await s3?.stop();
  temp.remove();
});

const courseCfg = `[CLUSTER]
HOST=''
DB_NAME=dwh
DB_USER=dwhuser
DB_PASSWORD=Passw0rd
DB_PORT=5439

[IAM_ROLE]
ARN=''

[S3]
LOG_DATA='s3://udacity-dend/log_data'
LOG_JSONPATH='s3://udacity-dend/log_json_path.json'
SONG_DATA='s3://udacity-dend/song_data'

[AWS]
KEY=
SECRET=
`;

describe('a course dwh.cfg: infra up, then run', () => {
  it('provisions, writes back what the load needs, and loads Redshift from the course-style bucket', async () => {
    const config = path.join(temp.path, 'dwh.cfg');
    writeFileSync(config, courseCfg);
    const aws = new FakeAws();
    const env = { AWS_REGION: 'us-west-2' };

    // 1. sparkify infra up, on the fake control plane.
    const out: string[] = [];
    const program = new Command('sparkify').exitOverride();
    registerInfra(program, {
      loadSettings: (input) => loadSettings({ ...input, env }),
      createClients: () => aws.clients,
      lookupPublicIp: async () => MY_IP,
      sleep: async () => undefined,
      env,
      cwd: () => temp.path,
      stdout: (t) => out.push(t),
      stderr: () => undefined,
      stderrIsTerminal: false,
      stdinIsTerminal: false,
      confirm: async () => false,
    });
    await program.parseAsync(['infra', 'up', '--public', '--config', config], { from: 'user' });

    const written = readFileSync(config, 'utf8');
    expect(written).toContain(`HOST='${HOST}'`);
    expect(written).toContain(`ARN='arn:aws:iam::${ACCOUNT}:role/sparkify-redshift-s3-read'`);
    expect(written).toContain(`STAGING_BUCKET=${STAGING}`);
    expect(written).not.toMatch(/DB_PASSWORD|Passw0rd/);
    expect(out.join('')).toContain('sparkify reads the password from SPARKIFY_DB_PASSWORD');

    // 2. sparkify run, with the password where infra up said, against the emulator and s3rver.
    const pg = new URL(routed.url ?? '');
    Object.assign(process.env, {
      AWS_REGION: 'us-west-2',
      SPARKIFY_DB_PASSWORD: decodeURIComponent(pg.password),
      SPARKIFY_S3_ENDPOINT: s3.endpoint,
      SPARKIFY_WAREHOUSE: '',
    });
    const said: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (said.push(String(chunk)), true));
    let code: number;
    try {
      // The report goes to the test's folder: in-process, the working folder is the repository's.
      code = await main(['run', '--config', config, '--report', path.join(temp.path, 'report.html')]);
    } finally {
      stderr.mockRestore();
    }

    expect(said.join(''), said.join('')).not.toMatch(/^sparkify: /m);
    expect(code).toBe(0);
    expect(existsSync(path.join(temp.path, 'report.html'))).toBe(true);
    expect(said[0]).toBe(`warehouse: redshift://dwhuser@${HOST}:5439/dwh ([CLUSTER] HOST in dwh.cfg, no warehouse given)\n`);
    expect(routed.asked).toEqual([`redshift://dwhuser@${HOST}:5439/dwh`]);
    await withEngine({ url: (routed.url ?? '').replace(/^redshift-emulated:/, 'postgres:'), options: {} }, async (engine) => {
      expect(await engine.query('SELECT COUNT(*) AS n FROM staging_events')).toEqual([{ n: 3 }]);
      expect(await engine.query('SELECT user_id, song_id FROM songplays ORDER BY user_id')).toEqual([
        { user_id: 8, song_id: 'SOBONKR12A58A7A7E0' },
        { user_id: 26, song_id: null },
      ]);
      expect(await engine.query('SELECT uri FROM load_files ORDER BY uri')).toEqual([
        { uri: 's3://udacity-dend/log_data/2018/11/2018-11-01-events.json' },
        { uri: 's3://udacity-dend/log_data/2018/11/2018-11-02-events.json' },
        { uri: 's3://udacity-dend/song_data/A/A/A/TRAAAAW128F429D538.json' },
        { uri: 's3://udacity-dend/song_data/A/A/B/TRAABCL128F4286650.json' },
      ]);
    });
    // The load committed: its staged parts are gone from the staging bucket.
    expect((await s3.client.send(new ListObjectsV2Command({ Bucket: STAGING }))).KeyCount ?? 0).toBe(0);
  });
});
