/**
 * A stand-in for the Redshift session the S3 COPY loader talks to, for tests: it
 * records every statement, and answers a COPY the way Redshift documents it would,
 * reading the manifest, the JSONPaths document and the gzip parts from the (s3rver)
 * bucket. A `refuse` rule plays Redshift refusing a value (say, too long for its
 * VARCHAR); refused rows are served from a fake SYS_LOAD_ERROR_DETAIL, and at
 * MAXERROR refused rows or more the COPY fails as Redshift's does. With a `backing` session (PostgreSQL),
 * loaded rows are inserted there, "timestamp" converted as TIMEFORMAT
 * 'epochmillisecs' says, and every other statement goes there too.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { gunzipSync } from 'node:zlib';
import { parse as parseJson } from 'lossless-json';
import type pg from 'pg';
import type { Row, SqlParams, SqlValue } from '../../src/engines/engine.js';
import { redshiftDialect } from '../../src/engines/redshift/dialect.js';
import type { LoadErrorRow } from '../../src/engines/redshift/load-errors.js';
import type { LoaderSession } from '../../src/engines/redshift/staging-loader.js';
import { parseS3Uri } from '../../src/sources/s3-uri.js';

export interface Refusal {
  readonly column: string;
  readonly message: string;
}

export interface FakeRedshift {
  readonly session: LoaderSession;
  readonly statements: string[];
  /** Rows each COPY loaded, by table, as JSON objects keyed by column. */
  readonly loaded: Record<string, Record<string, unknown>[]>;
  /** How many times the refused rows were read from a second session. */
  asideQueries(): number;
  /** Objects COPY read (manifests, JSONPaths documents, parts). */
  objectsRead(): number;
}

const SESSION_ID = 4242;

export interface FakeRedshiftOptions {
  readonly refuse?: (row: Record<string, unknown>) => Refusal | undefined;
  /** Every COPY fails with this message, as one Redshift cannot run at all would (no S3 access). */
  readonly copyFails?: string;
  readonly backing?: LoaderSession;
  /** SYS_LOAD_ERROR_DETAIL answers with no rows this many times before it lists them (rows arriving late). */
  readonly refusedRowsLateBy?: number;
}

const INSERT_ROWS = 500;

/** Redshift reads a JSON integer into a BIGINT exactly; JSON.parse would round one past 2^53. */
export function exactNumber(text: string): number | bigint {
  const value = Number(text);
  return Number.isSafeInteger(value) || !/^-?\d+$/.test(text) ? value : BigInt(text);
}

export function fakeRedshift(s3: S3Client, options: FakeRedshiftOptions = {}): FakeRedshift {
  const refuse = options.refuse ?? (() => undefined);
  const backing = options.backing;
  const statements: string[] = [];
  const loaded: Record<string, Record<string, unknown>[]> = {};
  const errors: LoadErrorRow[] = [];
  let lastCopyCount = 0;
  let queryId = 100;
  let aside = 0;
  let reads = 0;
  let errorReads = 0;

  const read = async (uri: string): Promise<Buffer> => {
    const { bucket, key } = parseS3Uri(uri);
    reads++;
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await (answer.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
  };

  const copy = async (sql: string) => {
    if (options.copyFails !== undefined) throw Object.assign(new Error(options.copyFails), { code: 'XX000', severity: 'ERROR' });
    const table = /^COPY "(\w+)" \(([^)]*)\)/.exec(sql);
    const manifestUri = /\nFROM '([^']+)'/.exec(sql)?.[1];
    const jsonPathsUri = /\nFORMAT AS JSON '([^']+)'/.exec(sql)?.[1];
    const maxErrors = Number(/\nMAXERROR (\d+)/.exec(sql)?.[1]);
    if (!table || !manifestUri || !jsonPathsUri) throw new Error(`fake Redshift cannot read this COPY:\n${sql}`);
    const columns = (table[2] as string).split(', ').map((name) => name.replaceAll('"', ''));
    const paths = (JSON.parse((await read(jsonPathsUri)).toString()) as { jsonpaths: string[] }).jsonpaths;
    const manifest = JSON.parse((await read(manifestUri)).toString()) as { entries: { url: string; mandatory: boolean }[] };
    queryId++;
    let count = 0;
    const accepted: Record<string, unknown>[] = [];
    const refused: LoadErrorRow[] = [];
    for (const entry of manifest.entries) {
      const lines = gunzipSync(await read(entry.url)).toString('utf8').split('\n');
      lines.forEach((line, index) => {
        if (line === '') return;
        const json = parseJson(line, null, exactNumber) as Record<string, unknown>;
        const row = Object.fromEntries(columns.map((column, i) => [column, json[/^\$\['(.+)'\]$/.exec(paths[i] as string)?.[1] as string] ?? null]));
        const refusal = refuse(row);
        if (refusal === undefined) {
          (loaded[table[1] as string] ??= []).push(row);
          accepted.push(row);
          count++;
        } else {
          refused.push({
            query_id: queryId, file_name: `${entry.url}${' '.repeat(8)}`, line_number: index + 1,
            column_name: refusal.column, error_code: 1204, error_message: refusal.message,
          });
        }
      });
    }
    errors.push(...refused);
    lastCopyCount = count;
    // Redshift fails a load that returns MAXERROR errors or more; 0 and 1 both mean "fail at the first".
    if (refused.length >= Math.max(1, maxErrors)) {
      throw Object.assign(new Error(`Load into table '${table[1]}' failed. Check 'sys_load_error_detail' system table for details.`), {
        code: 'XX000', severity: 'ERROR',
      });
    }
    if (backing) await insertInto(backing, table[1] as string, columns, accepted, /\nTIMEFORMAT 'epochmillisecs'\n/.test(sql));
  };

  const answer = async <T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> => {
    if (sql.includes('pg_last_copy_count()')) return [{ loaded: lastCopyCount } as unknown as T];
    if (sql.includes('sys_load_error_detail')) {
      if (params?.session_id !== SESSION_ID) return [];
      if (errorReads++ < (options.refusedRowsLateBy ?? 0)) return [];
      const after = Number(params.after_query_id ?? 0);
      const newest = Math.max(0, ...errors.filter((e) => Number(e.query_id) > after).map((e) => Number(e.query_id)));
      return errors.filter((e) => Number(e.query_id) === newest) as unknown as T[];
    }
    if (backing) return backing.query<T>(sql, params);
    throw new Error(`fake Redshift has no answer for: ${sql}`);
  };

  const session: LoaderSession = {
    dialect: redshiftDialect,
    sessionId: SESSION_ID,
    client: {} as pg.ClientBase,
    exec: async (sql, params) => {
      statements.push(sql);
      if (sql.startsWith('COPY ')) await copy(sql);
      else if (backing) await backing.exec(sql, params);
    },
    query: async <T extends Row = Row>(sql: string, params?: SqlParams) => {
      statements.push(sql);
      return answer<T>(sql, params);
    },
    queryAside: async <T extends Row = Row>(sql: string, params?: SqlParams) => {
      aside++;
      return answer<T>(sql, params);
    },
  };
  return { session, statements, loaded, asideQueries: () => aside, objectsRead: () => reads };
}

/** COPY's rows into the backing database, in a few multi-row INSERTs. */
async function insertInto(
  backing: LoaderSession,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  epochMillis: boolean,
): Promise<void> {
  const q = (name: string) => backing.dialect.quoteIdentifier(name);
  for (let start = 0; start < rows.length; start += INSERT_ROWS) {
    const params: Record<string, SqlValue> = {};
    const tuples = rows.slice(start, start + INSERT_ROWS).map((row, r) => {
      const names = columns.map((column, c) => {
        const value = row[column] as SqlValue;
        params[`p${r}_${c}`] = column === 'timestamp' && epochMillis && typeof value === 'number' ? new Date(value) : value;
        return `$p${r}_${c}`;
      });
      return `(${names.join(', ')})`;
    });
    await backing.exec(`INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
