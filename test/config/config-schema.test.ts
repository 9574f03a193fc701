import { describe, it, expect } from 'vitest';
import { catchConfigError } from './catch-config-error.js';
import { parseIni } from '../../src/config/ini-reader.js';
import { interpretConfig, unquote, type FileLayer } from '../../src/config/config-schema.js';
import { parseSettingValue, type SettingName } from '../../src/config/setting-values.js';

function interpret(text: string): FileLayer {
  return interpretConfig(parseIni(text, 'dwh.cfg'));
}

function errorOf(text: string): string {
  return catchConfigError(() => interpret(text)).message;
}

describe('unquote', () => {
  it('strips one pair of matching quotes, and only one', () => {
    expect(unquote("'s3://udacity-dend/log_data'")).toBe('s3://udacity-dend/log_data');
    expect(unquote('"dwh"')).toBe('dwh');
    expect(unquote("''")).toBe('');
    expect(unquote(`"'quoted'"`)).toBe("'quoted'");
    expect(unquote(`'mismatched"`)).toBe(`'mismatched"`);
    expect(unquote("'")).toBe("'");
    expect(unquote('it\'s')).toBe("it's");
  });
});

describe('interpretConfig', () => {
  it("reads the original project's dwh.cfg: quotes stripped, empty values unset", () => {
    const layer = interpret(
      [
        '[CLUSTER]',
        "HOST=''",
        "DB_NAME=''",
        "DB_USER=''",
        "DB_PASSWORD=''",
        'DB_PORT=5439',
        '',
        '[IAM_ROLE]',
        "ARN=''",
        '',
        '[S3]',
        "LOG_DATA='s3://udacity-dend/log_data'",
        "LOG_JSONPATH='s3://udacity-dend/log_json_path.json'",
        "SONG_DATA='s3://udacity-dend/song_data'",
      ].join('\n'),
    );
    expect(layer.values).toEqual({
      dbPort: 5439,
      logData: 's3://udacity-dend/log_data',
      logJsonPath: 's3://udacity-dend/log_json_path.json',
      songData: 's3://udacity-dend/song_data',
    });
    expect(layer.origins.songData).toEqual({ file: 'dwh.cfg', section: 'S3', key: 'SONG_DATA', line: 14 });
  });

  it("maps the course's [DWH] keys onto the same settings, and [AWS] KEY= left empty is ignored", () => {
    const layer = interpret(
      [
        '[AWS]',
        'KEY=',
        'SECRET=',
        '[DWH]',
        'DWH_CLUSTER_TYPE=multi-node',
        'DWH_NUM_NODES=4',
        'DWH_NODE_TYPE=dc2.large',
        'DWH_IAM_ROLE_NAME=dwhRole',
        'DWH_CLUSTER_IDENTIFIER=dwhCluster',
        'DWH_DB=dwh',
        'DWH_DB_USER=dwhuser',
        'DWH_DB_PASSWORD=Passw0rd',
        'DWH_PORT=5439',
        '[CLUSTER]',
        'DB_NAME = dwh',
      ].join('\n'),
    );
    expect(layer.values).toEqual({
      clusterType: 'multi-node',
      numNodes: 4,
      nodeType: 'dc2.large',
      iamRoleName: 'dwhRole',
      clusterIdentifier: 'dwhcluster',
      dbName: 'dwh',
      dbUser: 'dwhuser',
      dbPassword: 'Passw0rd',
      dbPort: 5439,
    });
  });

  it('matches keys case-insensitively', () => {
    expect(interpret('[SPARKIFY]\nmax_errors = 3\nMemory_Limit: 512 MB\n').values).toEqual({
      maxErrors: 3,
      memoryLimit: '512MB',
    });
  });

  it('refuses an unknown key, naming file, line, section and key, and listing the known keys', () => {
    expect(errorOf('[CLUSTER]\nHOST = h\nDB_PASWORD = hunter2\n')).toBe(
      'dwh.cfg:3: [CLUSTER] DB_PASWORD: unknown key; [CLUSTER] takes HOST, DB_NAME, DB_USER, DB_PASSWORD, DB_PORT',
    );
  });

  it('gives an unknown key that merely contains KEY, SECRET or TOKEN the unknown-key message, not the AWS-keys one', () => {
    expect(errorOf('[SPARKIFY]\nPARTITION_KEY = user_id\n')).toBe(
      'dwh.cfg:2: [SPARKIFY] PARTITION_KEY: unknown key; [SPARKIFY] takes WAREHOUSE, SOURCE, MAX_ERRORS, MEMORY_LIMIT, ' +
        'LOCK_TIMEOUT, SCHEMA, REGION, S3_ENDPOINT',
    );
    for (const key of ['SORTKEY', 'KEYS', 'MONKEY', 'API_TOKEN_URL', 'SECRETARY', 'KEY_COLUMN']) {
      const message = errorOf(`[CLUSTER]\n${key} = x\n`);
      expect(message, key).toMatch(new RegExp(`^dwh\\.cfg:2: \\[CLUSTER\\] ${key}: unknown key; \\[CLUSTER\\] takes HOST`));
      expect(message, key).not.toContain('AWS keys');
    }
    // An empty one is an unknown key too: only real credential names are silently allowed empty.
    expect(errorOf('[AWS]\nDIST_KEY =\n')).toMatch(/^dwh\.cfg:2: \[AWS\] DIST_KEY: unknown key/);
    for (const key of ['Access_Key_Id', 'SECRET_KEY', 'aws_session_token', 'SESSION_TOKEN', 'AWS-SECRET-ACCESS-KEY', 'secretaccesskey']) {
      expect(errorOf(`[AWS]\n${key} = abc\n`), key).toContain('never put AWS keys in dwh.cfg');
    }
  });

  it('treats names of Object.prototype members as unknown, not as built-ins', () => {
    expect(errorOf('[CLUSTER]\nconstructor = x\n')).toMatch(/^dwh\.cfg:2: \[CLUSTER\] constructor: unknown key/);
    expect(errorOf('[toString]\n')).toMatch(/^dwh\.cfg:1: unknown section \[toString\]/);
  });

  it('refuses an unknown section, hinting when only the case differs', () => {
    expect(errorOf('[SPARKIFY]\n[WAREHOUSE]\n')).toMatch(/^dwh\.cfg:2: unknown section \[WAREHOUSE\]: expected one of \[CLUSTER\], /);
    expect(errorOf('[cluster]\nhost = h\n')).toBe(
      'dwh.cfg:1: unknown section [cluster]: section names are case-sensitive: write [CLUSTER]',
    );
  });

  it('refuses a value that runs over several lines', () => {
    expect(errorOf('[S3]\nSONG_DATA = data\n   more\n')).toBe(
      'dwh.cfg:2: [S3] SONG_DATA: the value runs over several lines; put it on one line',
    );
  });

  it('refuses a bad integer, saying what was given and what is expected', () => {
    expect(errorOf('[CLUSTER]\nDB_PORT = abc\n')).toBe(
      'dwh.cfg:2: [CLUSTER] DB_PORT: "abc" is not valid; expected a port number from 1 to 65535',
    );
    expect(errorOf('[CLUSTER]\nDB_PORT = 70000\n')).toMatch(/DB_PORT: "70000" is not valid/);
    expect(errorOf('[SPARKIFY]\nMAX_ERRORS = -1\n')).toBe(
      'dwh.cfg:2: [SPARKIFY] MAX_ERRORS: "-1" is not valid; expected a whole number, 0 or more',
    );
  });

  it('refuses a malformed role ARN', () => {
    expect(errorOf("[IAM_ROLE]\nARN = 'arn:aws:iam::1234:role/x'\n")).toBe(
      'dwh.cfg:2: [IAM_ROLE] ARN: "arn:aws:iam::1234:role/x" is not valid; ' +
        'expected a role ARN such as arn:aws:iam::123456789012:role/sparkify-redshift-s3-read',
    );
    expect(interpret('[IAM_ROLE]\nARN = arn:aws:iam::123456789012:role/service-role/dwhRole\n').values).toEqual({
      iamRoleArn: 'arn:aws:iam::123456789012:role/service-role/dwhRole',
    });
  });

  it('refuses AWS keys in [AWS] (or anywhere) without echoing the secret', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    for (const text of [
      `[AWS]\nREGION = us-west-2\nSECRET = ${secret}\n`,
      `[AWS]\nAWS_SECRET_ACCESS_KEY = '${secret}'\n`,
      `[default]\naws_access_key_id = AKIA\naws_secret_access_key = ${secret}\n`,
      `[CLUSTER]\nsecret_key = ${secret}\n`,
    ]) {
      const message = errorOf(text);
      expect(message).toContain('never put AWS keys in dwh.cfg');
      expect(message).toContain('aws configure --profile NAME');
      expect(message).toContain('AWS_PROFILE=NAME');
      expect(message).not.toContain(secret);
      expect(message).not.toContain('AKIA');
    }
    expect(errorOf(`[AWS]\nKEY = AKIAEXAMPLE\n`)).toMatch(/^dwh\.cfg:2: \[AWS\] KEY: never put AWS keys/);
  });

  it('never shows DB_PASSWORD in a message', () => {
    const password = 'S3cr3t;#pw%';
    const files = [
      `[CLUSTER]\nDB_PASSWORD = ${password}\n[DWH]\nDWH_DB_PASSWORD = other\n`,
      `[CLUSTER]\nDB_PASSWORD = ${password}\nDB_PASSWORD = ${password}\n`,
      `[CLUSTER]\nDB_PASSWORD = ${password}\n  continued\nDB_PORT = x\n`,
      `[CLUSTER]\nDB_PASWORD = ${password}\n`,
      `[CLUSTER]\nDB_PASSWORD = x\n${password}\n`,
      `[SPARKIFY]\nWAREHOUSE = redshift://user:${password}@\n`,
    ];
    for (const text of files) expect(errorOf(text)).not.toContain(password);
    expect(errorOf(files[0] ?? '')).toBe(
      'dwh.cfg:4: [DWH] DWH_DB_PASSWORD and [CLUSTER] DB_PASSWORD (line 2) set the same thing to different values; keep one',
    );
    expect(parseSettingValue('dbPassword', password)).toEqual({ ok: true, value: password });
  });

  it('refuses REGION set differently in [AWS] and [SPARKIFY], accepts it when they agree', () => {
    expect(errorOf('[AWS]\nREGION = us-west-2\n[SPARKIFY]\nREGION = eu-west-1\n')).toMatch(
      /^dwh\.cfg:4: \[SPARKIFY\] REGION and \[AWS\] REGION \(line 2\) set the same thing/,
    );
    expect(interpret('[AWS]\nREGION = us-west-2\n[SPARKIFY]\nREGION = us-west-2\n').values).toEqual({ region: 'us-west-2' });
  });
});

describe('setting values', () => {
  const good: [SettingName, string, unknown][] = [
    ['warehouse', 'duckdb:sparkify.duckdb', 'duckdb:sparkify.duckdb'],
    ['warehouse', 'duckdb::memory:', 'duckdb::memory:'],
    ['warehouse', 'postgres://me@localhost:5432/sparkify', 'postgres://me@localhost:5432/sparkify'],
    ['warehouse', 'redshift://u@c.us-west-2.redshift.amazonaws.com:5439/dev', 'redshift://u@c.us-west-2.redshift.amazonaws.com:5439/dev'],
    ['source', 's3://my-bucket/data/', 's3://my-bucket/data/'],
    ['songData', 'data/song_data', 'data/song_data'],
    ['logJsonPath', 'auto', 'auto'],
    ['memoryLimit', '1.5GiB', '1.5GiB'],
    ['lockTimeoutSeconds', '0', 0],
    ['schema', '_sparkify_2', '_sparkify_2'],
    ['region', 'ap-southeast-1', 'ap-southeast-1'],
    ['region', 'us-gov-west-1', 'us-gov-west-1'],
    ['s3Endpoint', 'http://127.0.0.1:4569', 'http://127.0.0.1:4569'],
    ['stagingPrefix', '/sparkify/staging/', 'sparkify/staging'],
    ['clusterType', 'Multi-Node', 'multi-node'],
    ['allowCidr', '203.0.113.7/32', '203.0.113.7/32'],
    ['serverless', 'yes', true],
    ['publiclyAccessible', 'FALSE', false],
  ];
  it.each(good)('%s accepts %j', (name, text, expected) => {
    expect(parseSettingValue(name, text)).toEqual({ ok: true, value: expected });
  });

  const bad: [SettingName, string, RegExp][] = [
    ['warehouse', 'sqlite:x.db', /expected duckdb:PATH/],
    ['warehouse', 'duckdb://sparkify.duckdb', /expected duckdb:PATH/],
    ['warehouse', 'postgres:localhost', /expected duckdb:PATH/],
    ['source', 'gs://bucket/data', /expected a local folder or an s3:\/\/bucket\/prefix/],
    ['logData', 's3:/bucket/data', /expected a local folder/],
    ['memoryLimit', 'lots', /expected a size such as 512MB/],
    ['schema', '1st', /expected an SQL name/],
    ['schema', 'a'.repeat(64), /at most 63 characters/],
    ['region', 'US-WEST-2', /expected an AWS region/],
    ['s3Endpoint', 'localhost:9000', /expected an http/],
    ['stagingBucket', 's3://my-bucket', /no s3:\/\//],
    ['clusterIdentifier', 'my--cluster', /single hyphens/],
    ['clusterType', 'cluster', /single-node or multi-node/],
    ['numNodes', '0', /from 1 to 128/],
    ['allowCidr', '10.0.0.256/8', /IPv4 CIDR/],
    ['allowCidr', '10.0.0.0/33', /IPv4 CIDR/],
    ['serverless', 'maybe', /expected true or false/],
    ['serverless', 'constructor', /expected true or false/],
  ];
  it.each(bad)('%s refuses %j', (name, text, expected) => {
    const result = parseSettingValue(name, text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(expected);
  });

  it('redacts a warehouse password when showing a bad value', () => {
    const result = parseSettingValue('warehouse', 'mysql://me:hunter2@db/x');
    expect(result).toEqual({
      ok: false,
      problem: '"mysql://me:***@db/x" is not valid; expected duckdb:PATH, postgres://USER@HOST:5432/DB or redshift://USER@HOST:5439/DB',
    });
  });
});
