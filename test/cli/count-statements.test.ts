/** Counting the statements of a `sparkify query` text: `;` counts only outside quotes and comments. */
import { describe, expect, it } from 'vitest';
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
