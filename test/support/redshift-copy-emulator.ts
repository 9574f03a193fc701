/**
 * A Redshift COPY emulator for tests. It takes the exact COPY text the Redshift engine
 * sends and runs it against the test PostgreSQL, in the load's own session and
 * transaction, the way Redshift documents COPY:
 *
 * - the statement is parsed strictly: the options sparkify sends (FORMAT AS JSON with a
 *   JSONPaths document, MANIFEST, GZIP, TIMEFORMAT 'epochmillisecs', REGION, MAXERROR,
 *   COMPUPDATE OFF, STATUPDATE OFF, IAM_ROLE); anything else fails as unsupported;
 * - the manifest, the JSONPaths document and the gzip parts are read from the S3 server
 *   (s3rver); a `mandatory` entry that is missing fails the COPY, a missing optional one
 *   is skipped; the JSONPaths must name one path per column;
 * - each line becomes a row: a value longer than its column's declared VARCHAR bytes,
 *   text where a number belongs, or a line that is not JSON is refused (Redshift's load
 *   error codes 1204, 1207, 1224), with file name (blank-padded, as Redshift pads its
 *   CHAR columns), line, column, code and message written to a real
 *   `sys_load_error_detail` table through a second connection, so they survive the
 *   load's rollback as Redshift's system view's rows do;
 * - MAXERROR with Redshift's boundary: the COPY fails when it refused MAXERROR rows or
 *   more (0 and 1 both mean "fail at the first"); it fails with a server error, so the
 *   load's transaction is aborted, as on Redshift;
 * - TIMEFORMAT 'epochmillisecs' turns a number into a TIMESTAMP with its milliseconds;
 * - `pg_last_copy_count()` is a real function in the database answering the session's
 *   last COPY, as Redshift's does.
 *
 * What it cannot reproduce is listed in docs/redshift.md (slices, S3 permissions, the
 * real parser's edge cases, timing of system tables).
 */
import { parse as parseJson } from 'lossless-json';
import { exactNumber } from './fake-redshift-copy.js';
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import type { SqlParams, SqlValue } from '../../src/engines/engine.js';
import type { LoaderSession } from '../../src/engines/redshift/staging-loader.js';
import { parseS3Uri } from '../../src/sources/s3-uri.js';

export interface CopyEmulatorOptions {
  readonly s3: S3Client;
  /** A postgres:// URL of the same database, for the writes Redshift's system tables do outside the load's transaction. */
  readonly databaseUrl: string;
  /** Declared VARCHAR sizes, by table and column (Redshift's DDL, test/support/redshift-emulated-sql.ts). */
  readonly varcharSizes: (table: string) => ReadonlyMap<string, number>;
}

export interface ParsedCopy {
  readonly table: string;
  readonly columns: readonly string[];
  readonly manifest: string;
  readonly jsonPaths: string;
  readonly maxError: number;
  readonly epochMillis: boolean;
}

interface Refusal {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  readonly code: number;
  readonly message: string;
}

const INSERT_ROWS = 500;

/** The system table and function a Redshift session reads after a COPY. */
const SYSTEM_OBJECTS = [
  `CREATE TABLE IF NOT EXISTS public.sys_load_error_detail (
     query_id BIGINT NOT NULL, session_id INTEGER NOT NULL, file_name CHAR(256) NOT NULL, line_number BIGINT NOT NULL,
     column_name CHAR(127), error_code INTEGER, error_message CHAR(512))`,
  'CREATE SEQUENCE IF NOT EXISTS public.sys_load_query_id START 1000',
  `CREATE OR REPLACE FUNCTION public.pg_last_copy_count() RETURNS BIGINT LANGUAGE SQL STABLE AS
     $$ SELECT COALESCE(NULLIF(current_setting('redshift_emulator.last_copy_count', true), ''), '0')::BIGINT $$`,
];

/** Parses the COPY text sparkify emits; refuses any option the emulator does not reproduce. */
export function parseCopy(sql: string): ParsedCopy {
  const lines = sql.split('\n');
  const head = /^COPY "(\w+)" \(((?:"\w+"(?:, )?)+)\)$/.exec(lines[0] ?? '');
  if (!head) throw new Error(`the Redshift emulator cannot read this COPY:\n${sql}`);
  const literal = (text: string) => (/^'((?:[^']|'')*)'$/.exec(text)?.[1] ?? '').replaceAll("''", "'");
  let manifest: string | undefined;
  let jsonPaths: string | undefined;
  let maxError = 0;
  let epochMillis = false;
  const seen = new Set<string>();
  for (const line of lines.slice(1)) {
    const [, option = '', rest = ''] = /^([A-Z_]+(?: AS JSON)?)(?: (.*))?$/.exec(line) ?? [];
    seen.add(option);
    if (option === 'FROM') manifest = literal(rest);
    else if (option === 'FORMAT AS JSON') jsonPaths = literal(rest);
    else if (option === 'MAXERROR') maxError = Number(rest);
    else if (option === 'TIMEFORMAT') epochMillis = literal(rest) === 'epochmillisecs';
    else if (option === 'IAM_ROLE' || option === 'REGION' || option === 'COMPUPDATE' || option === 'STATUPDATE' || option === 'MANIFEST' || option === 'GZIP') continue;
    else throw new Error(`the Redshift emulator does not reproduce COPY option "${line}"`);
  }
  for (const required of ['MANIFEST', 'GZIP', 'FORMAT AS JSON', 'IAM_ROLE']) {
    if (!seen.has(required)) throw new Error(`the Redshift emulator reproduces only COPY ... ${required}; this one has none:\n${sql}`);
  }
  if (manifest === undefined || jsonPaths === undefined || !Number.isInteger(maxError)) throw new Error(`malformed COPY:\n${sql}`);
  return {
    table: head[1] as string,
    columns: [...(head[2] as string).matchAll(/"(\w+)"/g)].map((m) => m[1] as string),
    manifest,
    jsonPaths,
    maxError,
    epochMillis,
  };
}

export class RedshiftCopyEmulator {
  private prepared?: Promise<void>;
  /** Every COPY text the emulator ran, in order. */
  readonly copies: string[] = [];

  constructor(private readonly options: CopyEmulatorOptions) {}

  /** The load session as the S3 COPY loader sees it: COPY runs here, everything else goes to PostgreSQL as sent. */
  session(real: LoaderSession): LoaderSession {
    return {
      ...real,
      exec: async (sql: string, params?: SqlParams) => {
        if (sql.startsWith('COPY ')) await this.copy(sql, real);
        else await real.exec(sql, params);
      },
    };
  }

  private async copy(sql: string, session: LoaderSession): Promise<void> {
    this.copies.push(sql);
    this.prepared ??= this.aside((client) => SYSTEM_OBJECTS.reduce((done, statement) => done.then(() => client.query(statement)).then(() => undefined), Promise.resolve()));
    await this.prepared;
    const copy = parseCopy(sql);
    const sizes = this.options.varcharSizes(copy.table);
    const types = await this.columnTypes(session, copy.table);
    const paths = (JSON.parse((await this.read(copy.jsonPaths)).toString('utf8')) as { jsonpaths?: unknown }).jsonpaths;
    if (!Array.isArray(paths) || paths.length !== copy.columns.length) {
      await this.fail(session, `Number of jsonpaths and the number of columns should match. JSONPath size: ${Array.isArray(paths) ? paths.length : 0}, Number of columns in table or column list: ${copy.columns.length}`);
    }
    const keys = (paths as string[]).map((p) => /^\$\['([^']+)'\]$/.exec(p)?.[1] ?? /^\$\.(\w+)$/.exec(p)?.[1] ?? '');
    const manifest = JSON.parse((await this.read(copy.manifest)).toString('utf8')) as { entries: { url: string; mandatory?: boolean }[] };

    const accepted: SqlValue[][] = [];
    const refused: Refusal[] = [];
    for (const entry of manifest.entries) {
      let body: Buffer;
      try {
        body = await this.read(entry.url);
      } catch (error) {
        if (!(error instanceof NoSuchKey) || entry.mandatory) {
          await this.fail(session, `S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey (manifest entry ${entry.url} is mandatory)`);
        }
        continue;
      }
      const text = gunzipSync(body).toString('utf8');
      text.split('\n').forEach((line, index) => {
        if (line.trim() === '') return;
        const row = this.toRow(line, keys, copy, types, sizes);
        if ('refusal' in row) refused.push({ ...row.refusal, file: entry.url, line: index + 1 });
        else accepted.push(row.values);
      });
    }
    const queryId = await this.recordRefused(session.sessionId, refused);
    if (refused.length > 0 && refused.length >= Math.max(1, copy.maxError)) {
      await this.fail(session, `Load into table '${copy.table}' failed. Check 'sys_load_error_detail' system table for details. (query ${queryId})`);
    }
    await this.insert(session, copy, accepted);
    await session.query('SELECT set_config($name, $value, false)', { name: 'redshift_emulator.last_copy_count', value: String(accepted.length) });
  }

  private toRow(
    line: string,
    keys: readonly string[],
    copy: ParsedCopy,
    types: ReadonlyMap<string, string>,
    sizes: ReadonlyMap<string, number>,
  ): { values: SqlValue[] } | { refusal: Omit<Refusal, 'file' | 'line'> } {
    let json: Record<string, unknown>;
    try {
      // Redshift reads a JSON integer into a BIGINT exactly; JSON.parse would round one past 2^53.
      json = parseJson(line, null, exactNumber) as Record<string, unknown>;
    } catch {
      return { refusal: { column: '', code: 1224, message: 'Invalid JSON object or array' } };
    }
    const values: SqlValue[] = [];
    for (const [index, column] of copy.columns.entries()) {
      const value = json[keys[index] ?? ''] ?? null;
      const type = types.get(column) ?? 'text';
      if (value === null) {
        values.push(null);
      } else if (type.startsWith('timestamp')) {
        if (!copy.epochMillis || typeof value !== 'number') return { refusal: { column, code: 1206, message: 'Invalid timestamp format or value' } };
        values.push(new Date(value));
      } else if (/int|double|real|numeric/.test(type)) {
        if (typeof value !== 'number' && typeof value !== 'bigint') return { refusal: { column, code: 1207, message: 'Invalid digit, Value \'' + String(value).slice(0, 20) + '\'' } };
        values.push(value as number | bigint);
      } else {
        const string = typeof value === 'string' ? value : JSON.stringify(value);
        const limit = sizes.get(column);
        if (limit !== undefined && Buffer.byteLength(string) > limit) return { refusal: { column, code: 1204, message: 'String length exceeds DDL length' } };
        values.push(string);
      }
    }
    return { values };
  }

  /** Accepted rows into the table, inside the load's transaction. */
  private async insert(session: LoaderSession, copy: ParsedCopy, rows: readonly SqlValue[][]): Promise<void> {
    const q = (name: string) => session.dialect.quoteIdentifier(name);
    for (let start = 0; start < rows.length; start += INSERT_ROWS) {
      const params: Record<string, SqlValue> = {};
      const tuples = rows.slice(start, start + INSERT_ROWS).map((row, r) => {
        const names = row.map((value, c) => ((params[`p${r}_${c}`] = value), `$p${r}_${c}`));
        return `(${names.join(', ')})`;
      });
      await session.exec(`INSERT INTO ${q(copy.table)} (${copy.columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}`, params);
    }
  }

  /** Refused rows into sys_load_error_detail on a second connection: they outlive the load's rollback. */
  private recordRefused(sessionId: number, refused: readonly Refusal[]): Promise<number> {
    return this.aside(async (client) => {
      const { rows } = await client.query<{ id: string }>("SELECT nextval('public.sys_load_query_id') AS id");
      const queryId = Number(rows[0]?.id);
      for (const r of refused) {
        await client.query(
          'INSERT INTO public.sys_load_error_detail VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [queryId, sessionId, r.file, r.line, r.column, r.code, r.message],
        );
      }
      return queryId;
    });
  }

  /** Fails the COPY with a server error in the load's session, which aborts its transaction, as Redshift's failure does. */
  private async fail(session: LoaderSession, message: string): Promise<never> {
    const quoted = message.replaceAll("'", "''");
    await session.exec(`DO $emulator$ BEGIN RAISE EXCEPTION '%', '${quoted}' USING ERRCODE = 'XX000'; END $emulator$`);
    throw new Error('unreachable: RAISE EXCEPTION returned');
  }

  private async columnTypes(session: LoaderSession, table: string): Promise<Map<string, string>> {
    const rows = await session.query<{ column_name: string; data_type: string }>(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $table AND table_schema = ANY (current_schemas(false))',
      { table },
    );
    return new Map(rows.map((row) => [row.column_name, row.data_type]));
  }

  private async read(uri: string): Promise<Buffer> {
    const { bucket, key } = parseS3Uri(uri);
    const answer = await this.options.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await (answer.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
  }

  private async aside<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}
