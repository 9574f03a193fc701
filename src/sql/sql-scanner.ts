/**
 * Where SQL code is in a text: the one scanner for everything that reads SQL text by
 * hand (sparkify query counting statements, the PostgreSQL protocol's parameters). It
 * finds what is not code, as PostgreSQL and DuckDB (whose parser is PostgreSQL's) read it:
 * '…' strings ('' inside), E'…' strings (backslash escapes), "…" identifiers ("" inside),
 * $tag$…$tag$ bodies, -- line comments and nested /* block comments *\/.
 */

/** A literal, quoted identifier or comment: where it ends (the index just past it), and whether it is a comment. */
export interface NonCode {
  readonly end: number;
  readonly comment: boolean;
}

/** `$` may be part of a name (PostgreSQL), so `a$b$` continues an identifier. */
const IDENTIFIER_PART = /[A-Za-z0-9_$]/;
const DOLLAR_TAG = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/;

/**
 * The literal, quoted identifier or comment that starts at `i`, or undefined where code
 * starts there. An unclosed one runs to the end of the text; a line comment ends before
 * its newline. A `$` that opens no tag (a parameter such as $1 or $name) is code.
 */
export function nonCodeAt(sql: string, i: number): NonCode | undefined {
  const char = sql[i];
  const next = sql[i + 1];
  const afterIdentifier = i > 0 && IDENTIFIER_PART.test(sql[i - 1] as string);
  if (char === "'") {
    // E'…' (or e'…') takes backslash escapes; the E must not end a longer word.
    const escapes = i > 0 && /[Ee]/.test(sql[i - 1] as string) && !IDENTIFIER_PART.test(sql[i - 2] ?? ' ');
    return { end: skipQuoted(sql, i, "'", escapes), comment: false };
  }
  if (char === '"') return { end: skipQuoted(sql, i, '"', false), comment: false };
  if (char === '-' && next === '-') {
    const end = sql.indexOf('\n', i);
    return { end: end === -1 ? sql.length : end, comment: true };
  }
  if (char === '/' && next === '*') return { end: skipBlockComment(sql, i), comment: true };
  if (char === '$' && !afterIdentifier) {
    const tag = DOLLAR_TAG.exec(sql.slice(i))?.[0];
    if (tag !== undefined) {
      const end = sql.indexOf(tag, i + tag.length);
      return { end: end === -1 ? sql.length : end + tag.length, comment: false };
    }
  }
  return undefined;
}

/** The index after the closing quote; a doubled quote stays inside. */
function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const char = sql[i];
    if (backslashEscapes && char === '\\') {
      i += 2;
    } else if (char === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i++;
    }
  }
  return sql.length;
}

/** Block comments nest in PostgreSQL and DuckDB. */
function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}
