/**
 * Every statement the DuckDB engine sends goes through one session that maps driver
 * errors (engines/duckdb/session.ts): a failing BEGIN, SET or append is a one-line
 * LoadError like a failing query, not the driver's raw error.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engines/engine.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { LoadError } from '../../src/errors.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('duckdb-session');
afterAll(() => temp.remove());
let n = 0;

async function withEngine(work: (engine: Engine) => Promise<void>): Promise<void> {
  const engine = await openEngine(`duckdb:${path.join(temp.path, `w-${++n}.duckdb`)}`, { memoryLimit: '256MB' });
  try {
    await work(engine);
  } finally {
    await engine.close();
  }
}

const failureOf = (work: Promise<unknown>): Promise<unknown> => work.then(() => undefined, (caught: unknown) => caught);

describe('the DuckDB session maps every driver error', () => {
  it('from BEGIN: a transaction inside a transaction', async () => {
    await withEngine(async (engine) => {
      const error = await failureOf(engine.transaction(() => engine.transaction(async () => undefined)));
      expect(error).toBeInstanceOf(LoadError);
      expect((error as Error).message).toMatch(/^DuckDB: .*transaction/i);
      expect((error as Error).message).not.toContain('\n');
    });
  });

  it('from the appender: a row shorter than the table', async () => {
    await withEngine(async (engine) => {
      await createTables(engine, { drop: true });
      const columns = (await engine.query<{ column_name: string }>("SELECT column_name FROM (DESCRIBE load_errors)")).map((c) => c.column_name);
      const insert = engine.insertRows?.bind(engine);
      expect(insert).toBeDefined();
      const error = await failureOf(engine.transaction(() => (insert as NonNullable<typeof insert>)('load_errors', columns, [[1]])));
      expect(error).toBeInstanceOf(LoadError);
      expect((error as Error).message).toMatch(/^DuckDB: /);
    });
  });

  it('from a statement with a broken parameter list, as before', async () => {
    await withEngine(async (engine) => {
      const error = await failureOf(engine.exec('SELECT $missing'));
      expect(error).toBeInstanceOf(LoadError);
    });
  });
});
