/** The shared SQL scanner: where each literal, quoted identifier and comment ends, and where code is. */
import { describe, expect, it } from 'vitest';
import { nonCodeAt } from '../../src/sql/sql-scanner.js';

/** What `nonCodeAt` finds at the first `^` of the case: the text it spans, and whether it is a comment; null for code. */
function scanAt(marked: string): { text: string; comment: boolean } | null {
  const at = marked.indexOf('^');
  const sql = marked.slice(0, at) + marked.slice(at + 1);
  const found = nonCodeAt(sql, at);
  return found === undefined ? null : { text: sql.slice(at, found.end), comment: found.comment };
}

describe('nonCodeAt', () => {
  it.each([
    ["SELECT ^'a;b' AS x", "'a;b'"],
    ["SELECT ^'it''s' AS x", "'it''s'"],
    ["SELECT E^'back\\'slash' AS x", "'back\\'slash'"],
    ["SELECT e^'back\\'slash' AS x", "'back\\'slash'"],
    // Not an escape string: the E ends a longer word, so a backslash is an ordinary character.
    ["SELECT typE^'back\\' AS x", "'back\\'"],
    ['SELECT 1 AS ^"a""b" FROM t', '"a""b"'],
    ['SELECT ^$$a;b$$ AS x', '$$a;b$$'],
    ['SELECT ^$tag$ a $$ b $tag$ AS x', '$tag$ a $$ b $tag$'],
    ["SELECT ^'unclosed; SELECT 2", "'unclosed; SELECT 2"],
    ['SELECT ^$q$unclosed', '$q$unclosed'],
  ])('finds the literal in %j', (marked, text) => {
    expect(scanAt(marked)).toEqual({ text, comment: false });
  });

  it.each([
    ['SELECT 1 ^-- a ; comment\nSELECT 2', '-- a ; comment'],
    ['SELECT 1 ^-- to the end', '-- to the end'],
    ['SELECT 1 ^/* outer /* inner ; */ still ; */ SELECT 2', '/* outer /* inner ; */ still ; */'],
    ['SELECT 1 ^/* unclosed', '/* unclosed'],
  ])('finds the comment in %j', (marked, text) => {
    expect(scanAt(marked)).toEqual({ text, comment: true });
  });

  it.each([
    ['SELECT ^$1'],
    ['SELECT ^$name FROM t'],
    ['SELECT x^$y$z'],
    ['SELECT a$^$b$$'],
    ['SELECT ^1 - 2'],
    ['SELECT 4 ^/ 2'],
  ])('finds code at the mark in %j', (marked) => {
    expect(scanAt(marked)).toBeNull();
  });
});
