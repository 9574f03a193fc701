/** dwh.cfg edited in place: values set, everything else kept, never a password. */
import { existsSync } from 'node:fs';
import { lstat, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpretConfig } from '../../src/config/config-schema.js';
import { parseIni } from '../../src/config/ini-reader.js';
import { setConfigValues, writeConfigFile, type ConfigValue } from '../../src/infra/write-config.js';
import { tempConfigPath } from './helpers.js';

const HOST = 'sparkify-cluster.abc123xyz.us-west-2.redshift.amazonaws.com';
const ARN = 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read';
const values: ConfigValue[] = [
  { section: 'CLUSTER', key: 'HOST', value: HOST },
  { section: 'CLUSTER', key: 'DB_PORT', value: '5439' },
  { section: 'CLUSTER', key: 'DB_NAME', value: 'dev' },
  { section: 'CLUSTER', key: 'DB_USER', value: 'awsuser' },
  { section: 'IAM_ROLE', key: 'ARN', value: ARN },
];

/** The course's dwh.cfg, with comments and the quoting it used. */
const courseConfig = `# Sparkify warehouse settings
[CLUSTER]
HOST=''
DB_NAME=''
DB_USER=''
DB_PASSWORD='typed-by-the-user'
DB_PORT=5439

; the role Redshift assumes for COPY
[IAM_ROLE]
ARN=''

[S3]
LOG_DATA='s3://udacity-dend/log_data'
LOG_JSONPATH='s3://udacity-dend/log_json_path.json'
SONG_DATA='s3://udacity-dend/song_data'
`;

function entries(text: string): Record<string, string> {
  const doc = parseIni(text, 'dwh.cfg');
  return Object.fromEntries(doc.sections.flatMap((s) => s.entries.map((e) => [`${s.name}.${e.key}`, e.value])));
}

describe('setConfigValues', () => {
  it('fills the course file in place, keeping comments, quotes and the other keys', () => {
    const updated = setConfigValues(courseConfig, values);
    expect(updated).toBe(`# Sparkify warehouse settings
[CLUSTER]
HOST='${HOST}'
DB_NAME='dev'
DB_USER='awsuser'
DB_PASSWORD='typed-by-the-user'
DB_PORT=5439

; the role Redshift assumes for COPY
[IAM_ROLE]
ARN='${ARN}'

[S3]
LOG_DATA='s3://udacity-dend/log_data'
LOG_JSONPATH='s3://udacity-dend/log_json_path.json'
SONG_DATA='s3://udacity-dend/song_data'
`);
  });

  it('adds missing keys to their section and missing sections at the end', () => {
    const text = '# mine\n[AWS]\nREGION = us-west-2\n\n[CLUSTER]\n# endpoint below\nDB_NAME = dev\n';
    const updated = setConfigValues(text, values);
    expect(updated).toBe(
      '# mine\n[AWS]\nREGION = us-west-2\n\n[CLUSTER]\n# endpoint below\nDB_NAME = dev\n' +
        `HOST = ${HOST}\nDB_PORT = 5439\nDB_USER = awsuser\n\n[IAM_ROLE]\nARN = ${ARN}\n`,
    );
    expect(entries(updated)).toMatchObject({ 'CLUSTER.host': HOST, 'CLUSTER.db_port': '5439', 'IAM_ROLE.arn': ARN, 'AWS.region': 'us-west-2' });
  });

  it('matches keys case-insensitively, keeps their spelling, replaces a multi-line value, keeps CRLF', () => {
    const text = '[CLUSTER]\r\nhost: old-host\r\n    continued\r\nDB_PORT=5439\r\n';
    const updated = setConfigValues(text, [{ section: 'CLUSTER', key: 'HOST', value: HOST }]);
    expect(updated).toBe(`[CLUSTER]\r\nhost: ${HOST}\r\nDB_PORT=5439\r\n`);
  });

  it('creates the sections in an empty file', () => {
    expect(entries(setConfigValues('', values))).toEqual({
      'CLUSTER.host': HOST,
      'CLUSTER.db_port': '5439',
      'CLUSTER.db_name': 'dev',
      'CLUSTER.db_user': 'awsuser',
      'IAM_ROLE.arn': ARN,
    });
  });

  it('reads the file with the one dwh.cfg parser: a file it refuses is refused here too, naming the line', () => {
    const twice = '[CLUSTER]\nHOST = a\n\n[CLUSTER]\nDB_NAME = dev\n';
    expect(() => setConfigValues(twice, values, 'mine.cfg')).toThrow('mine.cfg:4: section [CLUSTER] appears twice (first at line 1); merge the two');
    expect(() => setConfigValues('HOST = a\n[CLUSTER]\n', values)).toThrow(/^dwh\.cfg:1: a key before any \[SECTION\] header/);
  });

  it('refuses to write anything that looks like a password or a secret', () => {
    expect(() => setConfigValues(courseConfig, [{ section: 'CLUSTER', key: 'DB_PASSWORD', value: 'x' }])).toThrow(/never written/);
    expect(() => setConfigValues(courseConfig, [{ section: 'AWS', key: 'SECRET', value: 'x' }])).toThrow(/never written/);
  });
});

describe('the repository\'s dwh.cfg.example', () => {
  const exampleFile = new URL('../../dwh.cfg.example', import.meta.url);
  it.skipIf(!existsSync(exampleFile))('takes the values and still reads as valid settings, with every other line unchanged', async () => {
    const example = await readFile(exampleFile, 'utf8');
    const updated = setConfigValues(example, values);
    const layer = interpretConfig(parseIni(updated, 'dwh.cfg')).values;
    expect(layer).toMatchObject({ host: HOST, dbPort: 5439, dbName: 'dev', dbUser: 'awsuser', iamRoleArn: ARN });
    const before = example.split('\n');
    const changed = updated.split('\n').filter((line, i) => line !== before[i]);
    expect(changed).toEqual([`HOST = '${HOST}'`, 'DB_USER = awsuser', `ARN = '${ARN}'`]);
  });
});

describe('writeConfigFile', () => {
  it('rewrites the file atomically and keeps its permissions', async () => {
    const file = await tempConfigPath();
    await writeFile(file, courseConfig, { mode: 0o640 });
    expect(await writeConfigFile(file, values)).toEqual({ created: false, removed: [] });
    const text = await readFile(file, 'utf8');
    expect(entries(text)).toMatchObject({ 'CLUSTER.host': `'${HOST}'`, 'IAM_ROLE.arn': `'${ARN}'` });
    expect((await stat(file)).mode & 0o777).toBe(0o640);
  });

  it('follows a symlink, keeping the link, and refuses anything but a regular file', async () => {
    const file = await tempConfigPath();
    await writeFile(file, courseConfig);
    const link = path.join(path.dirname(file), 'linked.cfg');
    await symlink(file, link);
    await writeConfigFile(link, values);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(file, 'utf8')).toContain(`HOST='${HOST}'`);
    await expect(writeConfigFile(path.dirname(file), values)).rejects.toThrow(/is not a regular file; pass --config/);
  });

  it('creates a missing file readable by its owner only', async () => {
    const file = await tempConfigPath();
    expect(await writeConfigFile(file, values)).toEqual({ created: true, removed: [] });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain(`[IAM_ROLE]\nARN=${ARN}\n`);
  });
});
