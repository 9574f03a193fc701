/** Counting the statements of a `sparkify query` text: `;` counts only outside quotes and comments. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '../../src/cli/count-statements.js';

describe('countStatements', () => {
  it.each([
    ['SELECT 1', 1],
    ['SELECT 1;', 1],
    ['  SELECT 1 ;;  ; ', 1],
    ['', 0],
    [' ; -- nothing', 0],
    ['SELECT 1; SELECT 2', 2],
    ['INSERT INTO t VALUES (1);\nSELECT * FROM t;\n', 2],
    ["SELECT 'a;b'", 1],
    ["SELECT 'it''s; fine'", 1],
    ["SELECT E'back\\'slash; still' ; SELECT 2", 2],
    ["SELECT 'back\\'; SELECT 2", 2],
    ['SELECT 1 AS "semi;colon"', 1],
    ['SELECT 1 AS "a""; b"', 1],
    ['SELECT 1 -- ; not a statement', 1],
    ['SELECT 1 /* ; */', 1],
    ['SELECT 1 /* outer /* inner ; */ still comment ; */', 1],
    ['SELECT $$a;b$$', 1],
    ['SELECT $tag$ a ; $$ ; b $tag$; SELECT 2', 2],
    ['SELECT $1; SELECT 2', 2],
    ['SELECT x$y$z; SELECT 2', 2],
    ["SELECT 'unclosed; SELECT 2", 1],
  ])('%j holds %i', (sql, expected) => {
    expect(countStatements(sql)).toBe(expected);
  });
});

/**
 * Generated scripts of N valid statements whose literals and comments are full of `;`,
 * quotes, dashes and dollars: the count is N, and DuckDB's own parser agrees.
 */
describe('countStatements on generated scripts', () => {
  const tricky = fc.constantFrom(';', "'", '"', '-', '--', '/*', '*/', '$', '$$', '\\', ' ', '\n', 'a', '1', 'é');
  const text = fc.array(tricky, { maxLength: 8 }).map((parts) => parts.join(''));
  const plainString = text.map((t) => `'${t.replaceAll("'", "''")}'`);
  // E'…': a backslash escapes the next character; quotes are written \'.
  const escapeString = text.map((t) => `E'${t.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`);
  const dollarString = text.filter((t) => !t.includes('$')).map((t) => `$q$${t}$q$`);
  const quotedAlias = text.map((t) => `1 AS "${t.replaceAll('"', '""') || 'x'}"`);
  const lineComment = text.map((t) => ` --${t.replaceAll('\n', ' ')}\n`);
  const blockComment = text
    .filter((t) => !t.includes('/*') && !t.includes('*/') && !/[/*]$/.test(t) && !/^[/*]/.test(t))
    .map((t) => `/* ${t} /* nested ${t} */ */`);
  const item = fc.oneof(fc.nat(99).map(String), plainString, escapeString, dollarString, quotedAlias);
  const gap = fc.oneof(fc.constant(' '), fc.constant('\n'), lineComment, blockComment);
  const statement = fc
    .tuple(gap, fc.array(fc.tuple(item, gap), { minLength: 1, maxLength: 4 }))
    .map(([lead, items]) => `${lead}SELECT ${items.map(([value, after]) => `${value}${after}`).join(', ')}`);
  const script = fc
    .tuple(fc.array(statement, { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom(';', '; ', ';;', ';\n'), { minLength: 4, maxLength: 4 }), fc.boolean())
    .map(([statements, separators, trailing]) => ({
      count: statements.length,
      sql: statements.map((s, i) => (i < statements.length - 1 || trailing ? `${s}${separators[i]}` : s)).join(''),
    }));

  // SPARKIFY_PROPERTY_RUNS, as for the other generated-data tests, allows a longer run.
  const asked = Number(process.env.SPARKIFY_PROPERTY_RUNS);
  const runs = Number.isInteger(asked) && asked > 0 ? asked : 300;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    connection = await (await DuckDBInstance.create(':memory:')).connect();
  });
  afterAll(() => connection?.closeSync());

  it('counts exactly the statements written, as DuckDB does', async () => {
    await fc.assert(
      fc.asyncProperty(script, async ({ count, sql }) => {
        expect(countStatements(sql)).toBe(count);
        expect((await connection.extractStatements(sql)).count).toBe(count);
      }),
      { numRuns: runs },
    );
  });
});
