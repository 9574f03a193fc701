/**
 * The texts Redshift runs, checked as text (no Redshift is reachable): table
 * definitions, the COPY statement with every value from config quoted and validated,
 * the JSONPaths document and the manifest.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { checkIamRole, copyStatement, maxErrorFor, jsonPathsDocument, manifestDocument, type CopyPlan } from '../../src/engines/redshift/copy-statements.js';
import { quoteRedshiftLiteral, redshiftDialect } from '../../src/engines/redshift/dialect.js';
import { stagingTables } from '../../src/sql/staging-columns.js';
import { sqlFor } from '../../src/sql/steps.js';
import { portableDialect } from '../../src/sql/dialect.js';
import { createTableSql, schemaTables, type TableModel } from '../../src/sql/schema.js';
import { fragmentsOf, sqlOf } from '../../src/sql/statement.js';
import { postgresDialect } from '../../src/engines/postgres/dialect.js';
import { checkDefinitions, checkStatement } from '../../src/checks/definitions.js';
import { mergeStatements } from '../../src/sql/merge.js';
import { starTables } from '../../src/sql/star-tables.js';
import { mostPlayedSongs } from '../../src/sql/summary.js';
import { lastCopyCountSql, loadErrorsSql } from '../../src/engines/redshift/load-errors.js';
import { terminateSessionSql } from '../../src/engines/redshift/table-lock.js';

const plan: CopyPlan = {
  kind: 'events',
  manifestUri: 's3://sparkify-stage/sparkify/staging/manifests/events-abc.json',
  jsonPathsUri: 's3://sparkify-stage/sparkify/staging/jsonpaths/events-def.json',
  iamRole: 'arn:aws:iam::123456789012:role/sparkify-redshift',
  region: 'us-west-2',
  errorsTolerated: 3,
};

const redshiftTable = (name: string) => {
  const table = schemaTables.find((t) => t.name === name);
  if (table === undefined) throw new Error(`no table ${name}`);
  return createTableSql(redshiftDialect, { enforcesPrimaryKeys: false }, table);
};
const portableTable = (table: TableModel) => createTableSql(postgresDialect, { enforcesPrimaryKeys: true }, table);

describe('Redshift table definitions', () => {
  it('sizes every table, with no TEXT (which Redshift reads as VARCHAR(256))', () => {
    for (const table of schemaTables) {
      const sql = redshiftTable(table.name);
      expect(sql, table.name).not.toBe(portableTable(table));
      expect(sql, table.name).not.toMatch(/\bTEXT\b/);
    }
  });

  it('keeps the shared tables, columns and column order', () => {
    const columnsOf = (sql: string) =>
      [...sql.matchAll(/^\s+("?[a-z_]+"?)\s+[A-Z]/gm)].map((match) => (match[1] as string).replaceAll('"', ''));
    for (const table of schemaTables) {
      expect(columnsOf(redshiftTable(table.name)), table.name).toEqual(columnsOf(portableTable(table)));
    }
    expect(columnsOf(redshiftTable('staging_events'))).toEqual(stagingTables.events.columns.map((c) => c.column));
    expect(columnsOf(redshiftTable('staging_songs'))).toEqual(stagingTables.songs.columns.map((c) => c.column));
  });

  it('distributes plays and time on start_time, copies small dimensions to every node', () => {
    const tail = (table: string) => redshiftTable(table).split('\n)\n').at(-1)?.trim();
    expect(tail('songplays')).toBe('DISTSTYLE KEY\nDISTKEY (start_time)\nSORTKEY (start_time)');
    expect(tail('time')).toBe('DISTSTYLE KEY\nDISTKEY (start_time)\nSORTKEY (start_time)');
    expect(tail('users')).toBe('DISTSTYLE ALL\nSORTKEY (user_id)');
    expect(tail('songs')).toBe('DISTSTYLE ALL\nSORTKEY (song_id)');
    expect(tail('artists')).toBe('DISTSTYLE ALL\nSORTKEY (artist_id)');
    expect(tail('staging_events')).toBe('DISTSTYLE EVEN\nSORTKEY (source_file_id)');
    expect(redshiftTable('load_errors')).toContain('"raw"            VARCHAR(65535) NOT NULL');
  });

  it('takes the ISO week from TO_CHAR(..., \'IW\'), overrides only the steps that compare text, and shares users and time', () => {
    expect(sqlFor(redshiftDialect, 'selectTime')).toContain(`CAST(TO_CHAR(start_time, 'IW') AS INTEGER) AS week`);
    // users compares only user_id, ASCII digits by SPEC.md, where trailing blanks cannot occur.
    // (PostgreSQL's own users statement is a speed override; Redshift takes the shared one.)
    expect(sqlFor(redshiftDialect, 'selectUsers')).toBe(sqlFor(portableDialect, 'selectUsers'));
    // Songs and artists are shared, their text compared through the exact-text fragments;
    // songplays picks a play's smallest song by ranking (MIN ignores trailing blanks).
    expect(Object.keys(redshiftDialect.overrides).sort()).toEqual(['scoped:selectScopedSongplays', 'transform:songplays']);
    for (const step of ['selectSongs', 'selectArtists', 'selectSongplays'] as const) {
      expect(sqlFor(redshiftDialect, step)).not.toBe(sqlFor(postgresDialect, step));
      expect(sqlFor(redshiftDialect, step)).toContain('OCTET_LENGTH(');
    }
  });

  it('checks the time table with the week the transform wrote: TO_CHAR(..., \'IW\') in both', () => {
    const check = checkDefinitions.find((c) => c.name === 'time-parts-agree');
    if (check === undefined) throw new Error('no time-parts-agree check');
    const sql = sqlOf(redshiftDialect, checkStatement(check));
    expect(sql).toContain(`OR week <> CAST(TO_CHAR(start_time, 'IW') AS INTEGER)`);
    expect(sql).not.toContain('EXTRACT(WEEK');
  });

  it('compares text with its OCTET_LENGTH: the exact-text fragments', () => {
    const f = fragmentsOf(redshiftDialect);
    expect(f.exactTextEquals('a.t', "'x'")).toBe("(a.t = 'x' AND OCTET_LENGTH(a.t) = OCTET_LENGTH('x'))");
    expect(f.exactTextKey('a.t')).toBe('a.t, OCTET_LENGTH(a.t)');
    expect(fragmentsOf(postgresDialect).exactTextEquals('a.t', "'x'")).toBe("a.t = 'x'");
    expect(fragmentsOf(postgresDialect).exactTextKey('a.t')).toBe('a.t');
  });

  it('keeps milliseconds in a timestamp difference: DATEDIFF in milliseconds, not an INTEGER epoch', () => {
    expect(fragmentsOf(redshiftDialect).secondsBetween('a', 'b')).toBe('CAST(DATEDIFF(millisecond, a, b) AS DOUBLE PRECISION) / 1000');
  });

  it('merges with text compared exactly: OCTET_LENGTH beside each text column, DELETE ... USING on a text key', () => {
    const songs = starTables.find((table) => table.name === 'songs');
    if (songs === undefined) throw new Error('no songs table');
    const merge = mergeStatements(redshiftDialect, songs, 'SELECT 1');
    const compared = '"song_id", "title", "artist_id", "year", "duration", OCTET_LENGTH("song_id") AS "song_id__exact", ' +
      'OCTET_LENGTH("title") AS "title__exact", OCTET_LENGTH("artist_id") AS "artist_id__exact"';
    expect(merge.diff[0]).toBe(`CREATE TEMP TABLE "added_songs" AS SELECT ${compared} FROM "next_songs" EXCEPT SELECT ${compared} FROM "songs"`);
    expect(merge.apply[0]).toBe(
      'DELETE FROM "songs" USING "removed_songs" WHERE "songs"."song_id" = "removed_songs"."song_id" AND OCTET_LENGTH("songs"."song_id") = OCTET_LENGTH("removed_songs"."song_id")',
    );
    expect(merge.count).toContain('WHERE r."song_id" = a."song_id" AND OCTET_LENGTH(r."song_id") = OCTET_LENGTH(a."song_id")');
    expect(merge.apply[1]).toBe('INSERT INTO "songs" ("song_id", "title", "artist_id", "year", "duration") SELECT "song_id", "title", "artist_id", "year", "duration" FROM "added_songs"');
  });
});

describe('COPY', () => {
  it('is the statement Redshift documents, every option in place', () => {
    const columns = stagingTables.events.columns.map((c) => `"${c.column}"`).join(', ');
    expect(copyStatement(redshiftDialect, plan)).toBe(
      [
        `COPY "staging_events" (${columns})`,
        `FROM 's3://sparkify-stage/sparkify/staging/manifests/events-abc.json'`,
        `IAM_ROLE 'arn:aws:iam::123456789012:role/sparkify-redshift'`,
        `FORMAT AS JSON 's3://sparkify-stage/sparkify/staging/jsonpaths/events-def.json'`,
        'MANIFEST',
        'GZIP',
        `TIMEFORMAT 'epochmillisecs'`,
        `REGION 'us-west-2'`,
        // Redshift fails at MAXERROR errors or more: 4 lets exactly 3 through.
        'MAXERROR 4',
        'COMPUPDATE OFF',
        'STATUPDATE OFF',
      ].join('\n'),
    );
  });

  it('quotes a role ARN and an S3 key holding a quote, so neither can end the literal', () => {
    const sql = copyStatement(redshiftDialect, {
      ...plan,
      iamRole: "arn:aws:iam::123456789012:role/it's/sparkify",
      manifestUri: "s3://sparkify-stage/o'brien/manifests/events-abc.json",
    });
    expect(sql).toContain(`IAM_ROLE 'arn:aws:iam::123456789012:role/it''s/sparkify'\n`);
    expect(sql).toContain(`FROM 's3://sparkify-stage/o''brien/manifests/events-abc.json'\n`);
    // Outside the literals, nothing but our own text: strip them and no quote is left over.
    expect(sql.replace(/'(?:[^']|'')*'/g, "''")).not.toMatch(/o''brien|it''s|brien|it's/);
  });

  it('uses the cluster default role unquoted, and chains roles', () => {
    expect(copyStatement(redshiftDialect, { ...plan, iamRole: 'default' })).toContain('\nIAM_ROLE default\n');
    const chain = 'arn:aws:iam::123456789012:role/a,arn:aws:iam::210987654321:role/b';
    expect(copyStatement(redshiftDialect, { ...plan, iamRole: chain })).toContain(`\nIAM_ROLE '${chain}'\n`);
  });

  it('leaves REGION out when the bucket is in the cluster\'s region, and caps MAXERROR at Redshift\'s limit', () => {
    const sql = copyStatement(redshiftDialect, { ...plan, region: undefined, errorsTolerated: 5_000_000 });
    expect(sql).not.toContain('REGION');
    expect(sql).toContain('\nMAXERROR 100000\n');
  });

  it('sets MAXERROR one above the rows it may refuse, since Redshift fails at MAXERROR errors or more', () => {
    expect(maxErrorFor(0)).toBe(1);
    expect(maxErrorFor(1)).toBe(2);
    expect(maxErrorFor(99_999)).toBe(100_000);
    expect(maxErrorFor(100_000)).toBe(100_000);
    expect(copyStatement(redshiftDialect, { ...plan, errorsTolerated: 0 })).toContain('\nMAXERROR 1\n');
    expect(copyStatement(redshiftDialect, { ...plan, errorsTolerated: 1 })).toContain('\nMAXERROR 2\n');
  });

  it.each([
    ['not an ARN', 'sparkify-role'],
    ['a user, not a role', 'arn:aws:iam::123456789012:user/bob'],
    ['a short account id', 'arn:aws:iam::1234:role/x'],
    ['a made-up partition', 'arn:aws-moon:iam::123456789012:role/x'],
    ['an injected clause', "arn:aws:iam::123456789012:role/x' CREDENTIALS 'y"],
    ['a backslash', 'arn:aws:iam::123456789012:role/a\\b/x'],
    ['a newline', 'arn:aws:iam::123456789012:role/x\nMAXERROR 99'],
  ])('refuses an IAM role that is %s', (_what, role) => {
    expect(() => checkIamRole(role)).toThrow(ConfigError);
    expect(() => copyStatement(redshiftDialect, { ...plan, iamRole: role })).toThrow(/is not a role ARN/);
  });

  it('refuses a malformed region and S3 URI', () => {
    expect(() => copyStatement(redshiftDialect, { ...plan, region: "us-west-2' MAXERROR '9" })).toThrow(ConfigError);
    expect(() => copyStatement(redshiftDialect, { ...plan, manifestUri: 'https://example.com/m.json' })).toThrow(ConfigError);
  });

  it('refuses backslashes and control characters in any literal rather than guess at escaping', () => {
    expect(quoteRedshiftLiteral("it's")).toBe("'it''s'");
    expect(() => quoteRedshiftLiteral('a\\b')).toThrow(/backslash/);
    expect(() => quoteRedshiftLiteral('a\u0000b')).toThrow(/control/);
    expect(() => copyStatement(redshiftDialect, { ...plan, jsonPathsUri: 's3://sparkify-stage/a\\b.json' })).toThrow(/backslash/);
  });
});

describe('COPY documents', () => {
  it('maps every staging column, in COPY order, to the key of the same name', () => {
    expect(JSON.parse(jsonPathsDocument('songs'))).toEqual({
      jsonpaths: [
        "$['song_id']", "$['num_songs']", "$['artist_id']", "$['latitude']", "$['longitude']", "$['location']",
        "$['artist_name']", "$['title']", "$['duration']", "$['year']", "$['source_file_id']", "$['source_line']",
      ],
    });
    expect(JSON.parse(jsonPathsDocument('events')).jsonpaths).toHaveLength(stagingTables.events.columns.length);
  });

  it('lists every part as mandatory, with its length', () => {
    expect(JSON.parse(manifestDocument([
      { uri: 's3://sparkify-stage/p/parts/events/a.ndjson.gz', bytes: 120 },
      { uri: 's3://sparkify-stage/p/parts/events/b.ndjson.gz', bytes: 99 },
    ]))).toEqual({
      entries: [
        { url: 's3://sparkify-stage/p/parts/events/a.ndjson.gz', mandatory: true, meta: { content_length: 120 } },
        { url: 's3://sparkify-stage/p/parts/events/b.ndjson.gz', mandatory: true, meta: { content_length: 99 } },
      ],
    });
  });
});

describe('statement shapes Redshift documents, on paths every load, check and report takes', () => {
  it('gives each *-not-empty check a FROM clause and a typed literal, not a SELECT without FROM', () => {
    const nonEmpty = checkDefinitions.filter((check) => check.name.endsWith('-not-empty'));
    expect(nonEmpty.map((check) => check.name)).toEqual(['songplays-not-empty', 'users-not-empty', 'songs-not-empty', 'artists-not-empty', 'time-not-empty']);
    for (const check of nonEmpty) {
      const table = check.name.replace(/-not-empty$/, '');
      expect(sqlOf(redshiftDialect, checkStatement(check))).toBe(
        `SELECT CAST('${table}' AS VARCHAR(16)) AS empty_table FROM (SELECT COUNT(*) AS row_count FROM "${table}") counted WHERE counted.row_count = 0`,
      );
    }
    // No check anywhere selects without a FROM.
    for (const check of checkDefinitions) expect(sqlOf(redshiftDialect, checkStatement(check)).trim(), check.name).toMatch(/^SELECT [^]*?\bFROM\b/);
  });

  it('writes the top-songs LIMIT as an integer literal, never a bound parameter', () => {
    const sql = mostPlayedSongs(10);
    expect(sql.trim().split('\n').at(-1)).toBe('LIMIT 10');
    expect(sql).not.toContain('$');
    for (const bad of [0, -1, 2.5, Number.NaN, 2 ** 60]) expect(() => mostPlayedSongs(bad)).toThrow(RangeError);
  });

  it('reads COPY results with the documented function and view, and ends a lock wait with pg_terminate_backend', () => {
    expect(lastCopyCountSql).toBe('SELECT pg_last_copy_count() AS loaded');
    expect(loadErrorsSql).toContain('FROM sys_load_error_detail');
    expect(loadErrorsSql.trim().split('\n').at(-1)?.trim()).toBe('LIMIT 100001');
    expect(terminateSessionSql).toBe('SELECT pg_terminate_backend($1)');
  });
});
