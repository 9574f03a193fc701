import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigError } from '../../src/errors.js';
import { catchConfigError } from './catch-config-error.js';
import { loadSettings, redactedSettings, type LoadSettingsInput } from '../../src/config/load-settings.js';
import { configSections } from '../../src/config/config-schema.js';
import { parseIni } from '../../src/config/ini-reader.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('config');
let cwd: string;
let confDir: string;

beforeAll(() => {
  cwd = path.join(temp.path, 'work');
  confDir = path.join(temp.path, 'conf');
  mkdirSync(cwd);
  mkdirSync(confDir);
});
afterAll(() => temp.remove());

function writeConfig(text: string, dir = confDir, name = 'dwh.cfg'): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function load(input: Partial<LoadSettingsInput>) {
  return loadSettings({ flags: {}, env: {}, cwd, ...input });
}

function errorOf(input: Partial<LoadSettingsInput>): ConfigError {
  return catchConfigError(() => load(input));
}

describe('loadSettings', () => {
  it('leaves the DuckDB memory limit unset by default, for the engine to size from the machine', () => {
    expect(load({}).memoryLimit).toBeUndefined();
    expect(load({ configPath: fileURLToPath(new URL('../../dwh.cfg.example', import.meta.url)) }).memoryLimit).toBeUndefined();
  });

  it('gives the defaults when there is no file, environment or flag', () => {
    const settings = load({});
    expect(settings).toMatchObject({
      warehouse: `duckdb:${path.join(cwd, 'sparkify.duckdb')}`,
      maxErrors: 0,
      lockTimeoutSeconds: 30,
      stagingPrefix: 'sparkify/staging',
      infra: {
        clusterIdentifier: 'sparkify-cluster',
        clusterType: 'single-node',
        nodeType: 'ra3.large',
        numNodes: 1,
        iamRoleName: 'sparkify-redshift-s3-read',
        securityGroupName: 'sparkify-redshift',
        prefix: 'sparkify',
        serverless: false,
        publiclyAccessible: false,
      },
    });
    expect(settings.songData).toBeUndefined();
    expect(settings.configFile).toBeUndefined();
  });

  it('takes flags over environment over file over defaults', () => {
    const configPath = writeConfig('[SPARKIFY]\nMAX_ERRORS = 3\nSCHEMA = from_file\n');
    const env = { SPARKIFY_MAX_ERRORS: '2', SPARKIFY_SCHEMA: '' };
    expect(load({ configPath, env, flags: { maxErrors: '1' } }).maxErrors).toBe(1);
    expect(load({ configPath, env, flags: { maxErrors: '1' } }).maxErrors).toBe(1);
    expect(load({ configPath, env }).maxErrors).toBe(2);
    expect(load({ configPath }).maxErrors).toBe(3);
    expect(load({}).maxErrors).toBe(0);
    // An empty environment variable is unset, like an empty value in the file.
    expect(load({ configPath, env }).schema).toBe('from_file');
    expect(load({ configPath, env: { SPARKIFY_DB_PASSWORD: 'env-pw', AWS_REGION: 'eu-west-1' } })).toMatchObject({
      region: 'eu-west-1',
      cluster: { dbPassword: 'env-pw' },
    });
  });

  it('reads ./dwh.cfg from the working folder when no --config is given', () => {
    const dir = path.join(temp.path, 'with-default');
    mkdirSync(dir);
    writeConfig('[SPARKIFY]\nLOCK_TIMEOUT = 5\n', dir);
    const settings = loadSettings({ flags: {}, env: {}, cwd: dir });
    expect(settings.lockTimeoutSeconds).toBe(5);
    expect(settings.configFile).toBe(path.join(dir, 'dwh.cfg'));
  });

  it('refuses a --config that does not exist, naming it, with exit status 2', () => {
    const error = errorOf({ configPath: 'missing/dwh.cfg' });
    expect(error.message).toBe(
      'config file missing/dwh.cfg does not exist; check --config, or copy dwh.cfg.example to start one',
    );
    expect(error.exitCode).toBe(2);
  });

  it('names the file as given in errors from its content', () => {
    writeConfig('[SPARKIFY]\nMAX_ERRORS = many\n', cwd, 'bad.cfg');
    expect(errorOf({ configPath: 'bad.cfg' }).message).toBe(
      'bad.cfg:2: [SPARKIFY] MAX_ERRORS: "many" is not valid; expected a whole number, 0 or more',
    );
  });

  it('names the environment variable or flag in their errors, never showing the password', () => {
    expect(errorOf({ env: { SPARKIFY_LOCK_TIMEOUT: '5s' } }).message).toBe(
      'environment variable SPARKIFY_LOCK_TIMEOUT: "5s" is not valid; expected a whole number of seconds, 0 or more (at most a week)',
    );
    expect(errorOf({ flags: { schema: 'my-schema' } }).message).toMatch(/^--schema: "my-schema" is not valid; expected an SQL name/);
    expect(errorOf({ flags: { warehouse: 'postgres:me:hunter1@host' } }).message).toBe(
      '--warehouse: "postgres:me:***@host" is not valid; expected duckdb:PATH, postgres://USER@HOST:5432/DB or redshift://USER@HOST:5439/DB',
    );
    expect(errorOf({ flags: { warehouse: 'mysql://u:hunter2@h/db' } }).message).not.toContain('hunter2');
  });

  it('expands source into song_data and log_data; an explicit one at the same or a higher level wins', () => {
    expect(load({ flags: { source: 'data' } })).toMatchObject({
      songData: path.join(cwd, 'data', 'song_data'),
      logData: path.join(cwd, 'data', 'log_data'),
    });
    expect(load({ env: { SPARKIFY_SOURCE: 's3://my-bucket/raw/' } })).toMatchObject({
      songData: 's3://my-bucket/raw/song_data',
      logData: 's3://my-bucket/raw/log_data',
    });
    const configPath = writeConfig("[S3]\nSONG_DATA = 's3://udacity-dend/song_data'\n[SPARKIFY]\nSOURCE = local\n");
    // Same level: the file's SONG_DATA beats the file's SOURCE, which still gives the logs.
    expect(load({ configPath })).toMatchObject({
      songData: 's3://udacity-dend/song_data',
      logData: path.join(confDir, 'local', 'log_data'),
    });
    // Higher level: a source flag beats the file's SONG_DATA.
    expect(load({ configPath, flags: { source: 's3://my-bucket/p' } })).toMatchObject({
      songData: 's3://my-bucket/p/song_data',
      logData: 's3://my-bucket/p/log_data',
    });
    // An explicit song flag beats the source flag, and the logs still follow the source.
    expect(load({ configPath, flags: { source: 's3://my-bucket/p', songData: 'songs' } })).toMatchObject({
      songData: path.join(cwd, 'songs'),
      logData: 's3://my-bucket/p/log_data',
    });
  });

  it('resolves relative paths in the file against its folder, and from flags or environment against cwd', () => {
    const configPath = writeConfig(
      '[S3]\nLOG_DATA = logs\nLOG_JSONPATH = paths.json\n[SPARKIFY]\nWAREHOUSE = duckdb:out/dw.duckdb\n',
    );
    expect(load({ configPath })).toMatchObject({
      logData: path.join(confDir, 'logs'),
      logJsonPath: path.join(confDir, 'paths.json'),
      warehouse: `duckdb:${path.join(confDir, 'out', 'dw.duckdb')}`,
      configFile: configPath,
    });
    expect(load({ configPath, env: { SPARKIFY_LOG_DATA: 'elsewhere' } }).logData).toBe(path.join(cwd, 'elsewhere'));
    expect(load({ configPath, flags: { warehouse: 'duckdb:x%231.duckdb' } }).warehouse).toBe(
      `duckdb:${path.join(cwd, 'x%231.duckdb')}`,
    );
    expect(load({ flags: { warehouse: 'duckdb::memory:' } }).warehouse).toBe('duckdb::memory:');
    expect(load({ flags: { warehouse: 'duckdb:/abs/dw.duckdb' } }).warehouse).toBe('duckdb:/abs/dw.duckdb');
    expect(load({ flags: { warehouse: 'postgres://me@db/x' } }).warehouse).toBe('postgres://me@db/x');
  });

  it('checks the node count against the cluster type', () => {
    const multi = writeConfig('[INFRA]\nCLUSTER_TYPE = multi-node\n');
    expect(errorOf({ configPath: multi }).message).toBe(
      `${multi}:2: [INFRA] CLUSTER_TYPE: a multi-node cluster needs NUM_NODES of 2 or more (it is 1); set NUM_NODES or use single-node`,
    );
    const single = writeConfig('[INFRA]\nNUM_NODES = 3\n');
    expect(errorOf({ configPath: single }).message).toMatch(/:2: \[INFRA\] NUM_NODES: a single-node cluster has exactly 1 node/);
    const good = writeConfig('[INFRA]\nCLUSTER_TYPE = multi-node\nNUM_NODES = 2\nBUCKET = my-data\n');
    expect(load({ configPath: good }).infra).toMatchObject({ clusterType: 'multi-node', numNodes: 2, bucket: 'my-data' });
  });
});

describe('dwh.cfg.example', () => {
  const example = fileURLToPath(new URL('../../dwh.cfg.example', import.meta.url));

  it('loads without error and gives the documented defaults', () => {
    const settings = load({ configPath: example });
    expect(settings).toMatchObject({
      maxErrors: 0,
      lockTimeoutSeconds: 30,
      region: 'us-west-2',
      stagingPrefix: 'sparkify/staging',
      logJsonPath: 's3://udacity-dend/log_json_path.json',
      cluster: { dbName: 'dev', dbUser: 'sparkify', dbPort: 5439 },
    });
    expect(settings.infra).toEqual(load({}).infra);
    expect(settings.cluster.dbPassword).toBeUndefined();
  });

  it('shows every section and key sparkify knows (the course [DWH] one is commented out)', () => {
    const doc = parseIni(readFileSync(example, 'utf8'), 'dwh.cfg.example');
    const shown = doc.sections.map((s) => [s.name, s.entries.map((e) => e.key).sort()]);
    const { DWH: _dwh, ...known } = configSections;
    expect(shown).toEqual(Object.entries(known).map(([name, keys]) => [name, Object.keys(keys).sort()]));
  });
});

describe('redactedSettings', () => {
  it('replaces every password, keeps the rest, and leaves unset settings out', () => {
    const settings = load({
      flags: { warehouse: 'postgres://me:hunter2@db:5432/x?sslmode=require&password=hunter3' },
      env: { SPARKIFY_DB_PASSWORD: 'hunter4', SPARKIFY_S3_ENDPOINT: 'http://minio:hunter5@localhost:9000' },
    });
    const shown = redactedSettings(settings);
    expect(shown.warehouse).toBe('postgres://me:***@db:5432/x?sslmode=require&password=***');
    expect(shown.s3Endpoint).toBe('http://minio:***@localhost:9000');
    expect(shown.cluster).toEqual({ dbPassword: '***' });
    expect(shown.maxErrors).toBe(0);
    expect('songData' in shown).toBe(false);
    expect(JSON.stringify(shown)).not.toMatch(/hunter/);
    expect(settings.cluster.dbPassword).toBe('hunter4');
  });
});
