/**
 * DuckDB hashes songplay_id's natural key from one concat instead of the portable
 * COALESCE/CAST/|| text (engines/duckdb/dialect.ts): cheaper, and it must be the same
 * text, or a play's id would change between engines and between full and scoped loads.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbDialect, naturalKeyByConcat } from '../../src/engines/duckdb/dialect.js';
import type { Engine } from '../../src/engines/engine.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { sqlFor } from '../../src/sql/steps.js';
import { naturalKeyText } from '../../src/sql/transform.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('duckdb-songplay-key');
let engine: Engine;
beforeAll(async () => {
  engine = await openEngine(`duckdb:${path.join(temp.path, 'key.duckdb')}`, { memoryLimit: '256MB' });
});
afterAll(async () => {
  await engine.close();
  temp.remove();
});

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const play = fc.record({
  session: fc.option(int64, { nil: null }),
  item: fc.option(int64, { nil: null }),
  user: fc.stringMatching(/^[0-9]{1,20}$/),
  ts: int64,
});
type Play = { session: bigint | null; item: bigint | null; user: string; ts: bigint };

/** Both key texts hashed by DuckDB over the plays, in order. Every value is an integer or digits, so inlined safely. */
async function hashed(plays: readonly Play[]): Promise<{ portable: string; concat: string }[]> {
  const literal = (value: bigint | null) => (value === null ? 'NULL' : `${value}`);
  const rows = plays.map((p, n) => `(${n}, ${literal(p.session)}, ${literal(p.item)}, '${p.user}', ${p.ts})`).join(', ');
  return engine.query(`
SELECT md5(${naturalKeyText}) AS portable, md5(${naturalKeyByConcat}) AS concat
FROM (SELECT CAST(n AS INTEGER) AS n, CAST(s AS BIGINT) AS session_id, CAST(i AS BIGINT) AS item_in_session,
             CAST(u AS VARCHAR) AS user_id, CAST(t AS BIGINT) AS ts_ms
      FROM (VALUES ${rows}) v(n, s, i, u, t)) p
ORDER BY n`);
}

describe("DuckDB's songplay_id key text", () => {
  it('is the one the DuckDB songplays statement hashes', () => {
    expect(sqlFor(duckdbDialect, 'selectSongplays')).toContain(`md5(\n         ${naturalKeyByConcat}\n       ) AS songplay_id`);
  });

  it('hashes null parts as empty, as the portable text does', async () => {
    const plays: Play[] = [
      { session: null, item: null, user: '7', ts: 1_541_000_000_000n },
      { session: 5n, item: null, user: '7', ts: 1n },
      { session: -(2n ** 63n), item: 0n, user: '007', ts: 2n ** 63n - 1n },
    ];
    const expected = ['||7|1541000000000', '5||7|1', '-9223372036854775808|0|007|9223372036854775807'].map(md5);
    expect(await hashed(plays)).toEqual(expected.map((hash) => ({ portable: hash, concat: hash })));
  });

  test.prop([fc.array(play, { minLength: 1, maxLength: 20 })], { numRuns: 30 })('equals the portable text for any play', async (plays) => {
    const got = await hashed(plays);
    const expected = plays.map((p) => md5(`${p.session ?? ''}|${p.item ?? ''}|${p.user}|${p.ts}`));
    expect(got.map((row) => row.concat)).toEqual(expected);
    expect(got.map((row) => row.portable)).toEqual(expected);
  });
});
