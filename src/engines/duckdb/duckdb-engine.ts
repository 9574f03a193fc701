/**
 * The embedded warehouse: one DuckDB file. The engine owns its instance and
 * connection and closes both. DuckDB locks the file for one process, so that lock
 * is also our load lock: a second process waits for it, then gives up clearly. Its
 * scratch space (staging parts, DuckDB's spill files) is a folder of its own next to
 * the database file (temp-folder.ts), removed at close, or by the next engine to open
 * the warehouse when this process dies first.
 */
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine, EngineOptions, Release, Row, SqlParams, SqlValue, StageContext, TextStream } from '../engine.js';
import { duckdbCapabilities } from './capabilities.js';
import type { StagingBatch, StagingKind } from '../../records/staging-record.js';
import { insertWithValues } from '../insert-with-values.js';
import { duckdbDialect } from './dialect.js';
import { isFileLockError, isSystemError, lockHeldError, openError } from './errors.js';
import { stageThroughJsonReader } from './json-stager.js';
import { defaultMemoryLimit, STAGING_MEMORY_LIMIT } from './memory-limit.js';
import { claimTempFolder, tempRootsFor, type TempFolder } from './temp-folder.js';
import { DuckDbSession } from './session.js';
import { toRowValue } from './values.js';

const LOCK_RETRY_MS = 200;

export class DuckDbEngine implements Engine {
  readonly name = 'duckdb';
  readonly dialect = duckdbDialect;
  readonly capabilities = duckdbCapabilities;

  private constructor(
    private readonly file: string,
    private readonly instance: DuckDBInstance,
    /** The one way statements reach DuckDB: each driver error is mapped there. */
    private readonly session: DuckDbSession,
    /** DuckDB's worker threads (one per core by default). */
    private readonly threads: number,
    private readonly temp: TempFolder,
    /** The load's memory_limit, and a lower one while staging when the user set none (memory-limit.ts). */
    private readonly memoryLimits: { readonly load: string; readonly staging: string | undefined },
  ) {}

  static async open(file: string, options: EngineOptions): Promise<DuckDbEngine> {
    const deadline = Date.now() + (options.lockTimeoutMs ?? 0);
    const memoryLimit = options.memoryLimit ?? defaultMemoryLimit();
    for (;;) {
      let instance: DuckDBInstance | undefined;
      try {
        // Read-only (a dry run): an existing file opened READ_ONLY; a missing one is not
        // created, an empty in-memory database stands in for it.
        const missing = options.readOnly === true && !file.startsWith(':memory:') && !existsSync(file);
        instance = await DuckDBInstance.create(missing ? ':memory:' : file, {
          memory_limit: memoryLimit,
          // Insertion order means nothing in staging, and keeping it costs memory.
          preserve_insertion_order: 'false',
          ...(options.readOnly && !missing ? { access_mode: 'READ_ONLY' } : {}),
        });
        const connection = await instance.connect();
        const threads = Number((await connection.runAndReadAll("SELECT current_setting('threads')")).getRowsJS()[0]?.[0]);
        // Claimed once the file lock is ours; clears what dead loads left behind.
        // A read-only open writes nothing beside the database: its scratch goes to the system's temp folder.
        const temp = await claimTempFolder(tempRootsFor(options.readOnly ? ':memory:' : file));
        await connection.run(`SET temp_directory = ${duckdbDialect.quoteLiteral(path.join(temp.path, 'duckdb'))}`);
        // Each complete row group of a large INSERT is written to the file at once, not
        // held with four more in memory: staging's parts (staging-parts.ts) stay out of the
        // memory limit, and the transaction's memory does not grow with the input.
        await connection.run('SET write_buffer_row_group_count = 1');
        // A user's limit is used as given, staging included.
        const memoryLimits = { load: memoryLimit, staging: options.memoryLimit === undefined ? STAGING_MEMORY_LIMIT : undefined };
        const limitInMessages = memoryLimits.staging === undefined ? memoryLimit : `${memoryLimit}, ${memoryLimits.staging} while staging`;
        const paths = { database: file, tempRoot: path.dirname(temp.path), tempFolder: temp.path, memoryLimit: limitInMessages };
        return new DuckDbEngine(file, instance, new DuckDbSession(connection, paths), threads, temp, memoryLimits);
      } catch (error) {
        instance?.closeSync();
        if (!isFileLockError(error)) throw openError(file, error);
        if (Date.now() >= deadline) throw lockHeldError(file, error);
        await sleep(LOCK_RETRY_MS);
      }
    }
  }

  describe(): string {
    return `duckdb:${this.file}`;
  }

  async close(): Promise<void> {
    this.session.close();
    this.instance.closeSync();
    await this.temp.remove();
  }

  async exec(sql: string, params?: SqlParams): Promise<void> {
    await this.session.run(sql, params);
  }

  async query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const { names, rows } = await this.session.read(sql, params);
    return rows.map((values) => {
      const row: Row = {};
      names.forEach((name, index) => (row[name] = toRowValue(values[index])));
      return row as T;
    });
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.session.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      // A full disk shows here first: DuckDB writes the load at commit.
      await this.session.run('COMMIT');
      return result;
    } catch (error) {
      await this.session.run('ROLLBACK').catch(() => undefined);
      // A failed stage may have left its settings behind (an aborted transaction refuses SET).
      await this.restoreSettings().catch(() => undefined);
      throw error;
    }
  }

  /** The file lock taken at open is held for the engine's life; nothing more to take. */
  async lock(_timeoutMs: number): Promise<Release> {
    return async () => undefined;
  }

  async insertRows(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    // The appender fills whole rows in the table's order; anything else takes the VALUES path.
    const described = await this.query<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE ${this.dialect.quoteIdentifier(table)})`);
    if (described.map((c) => c.column_name).join('\u0000') !== columns.join('\u0000')) {
      return insertWithValues(this, table, columns, rows);
    }
    await this.session.append(table, rows);
  }

  async stage(kind: StagingKind, batches: AsyncIterable<StagingBatch>, context?: StageContext): Promise<number> {
    const rows = await this.stageText([{ kind, batches }], context);
    return rows[kind];
  }

  /**
   * read_json parses each record again, natively: its text is all this engine needs.
   * While staging, Node validates on one core, so DuckDB gets the others: with every
   * core, its threads and Node's contend (1 M events on 2 cores: 2.8-3.0 s with one
   * DuckDB thread against 3.9-4.4 s with two; measured again with staging ahead, two
   * threads also made both commits slower, 1.2 and 1.9 s against 0.1 and 0.9 s). And
   * staged rows are written without FSST, DuckDB's compression of long distinct strings:
   * compressing is a fifth of the INSERT's time on one thread (a part of 245,760 events:
   * 0.91 s against 1.07-1.18 s; 1 M events staged 0.5-0.7 s sooner in four pairs of runs),
   * and the warehouse file grows by 2.6 % (99 to 102 MB at 1 M events; dictionary
   * compression still takes the repetitive columns). Unless the user set a memory limit,
   * staging runs under a lower one (STAGING_MEMORY_LIMIT). The settings come back when
   * staging ends, or, if it fails, after the rollback (an aborted transaction refuses even SET).
   */
  async stageText(streams: readonly TextStream[], context?: StageContext): Promise<Record<StagingKind, number>> {
    await this.session.run(`SET threads = ${Math.max(1, this.threads - 1)}`);
    await this.session.run(`SET disabled_compression_methods = 'fsst'`);
    if (this.memoryLimits.staging !== undefined) await this.setMemoryLimit(this.memoryLimits.staging);
    this.stagingSettings = true;
    const run = (sql: string) => this.session.run(sql);
    const rows = await stageThroughJsonReader(this.dialect, streams, this.temp.path, run, { tables: context?.tables }).catch((error: unknown) => {
      // Writing a part failed (a full disk): said as such. Input and record errors pass as they are.
      if (isSystemError(error)) this.session.failure(error);
      throw error;
    });
    await this.restoreSettings();
    return rows;
  }

  private stagingSettings = false;

  private async restoreSettings(): Promise<void> {
    if (!this.stagingSettings) return;
    await this.session.run(`SET threads = ${this.threads}`);
    await this.session.run('RESET disabled_compression_methods');
    if (this.memoryLimits.staging !== undefined) await this.setMemoryLimit(this.memoryLimits.load);
    this.stagingSettings = false;
  }

  private async setMemoryLimit(limit: string): Promise<void> {
    await this.session.run(`SET memory_limit = ${this.dialect.quoteLiteral(limit)}`);
  }
}
