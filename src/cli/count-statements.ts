/**
 * How many SQL statements a text holds, so `sparkify query` can refuse a script: DuckDB
 * returns the rows of the last statement and PostgreSQL those of every one, and neither is
 * what "run one statement" promises. A `;` counts only outside quotes and comments; empty
 * statements (a trailing `;`, `;;`) do not count.
 *
 * Understood: '…' strings ('' inside), E'…' strings (backslash escapes), "…" identifiers,
 * $tag$…$tag$ bodies, -- line comments and nested /* block comments *\/, as PostgreSQL and
 * DuckDB (whose parser is PostgreSQL's) read them.
 */

export function countStatements(sql: string): number {
  let count = 0;
  let pending = false; // the current statement has something besides space and comments
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] ?? '';
    const next = sql[i + 1] ?? '';
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i);
    } else if (c === ';') {
      if (pending) count++;
      pending = false;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      pending = true;
      if (c === "'") i = skipQuoted(sql, i, "'", isEscapeString(sql, i));
      else if (c === '"') i = skipQuoted(sql, i, '"', false);
      else if (c === '$') i = skipDollarQuoted(sql, i);
      else i++;
    }
  }
  return pending ? count + 1 : count;
}

/** E'…' (or e'…') takes backslash escapes; the E must not end a longer word. */
function isEscapeString(sql: string, quote: number): boolean {
  const before = sql[quote - 1] ?? '';
  return /[eE]/.test(before) && !/[\w$]/.test(sql[quote - 2] ?? '');
}

/** The index after the closing quote; a doubled quote stays inside. Unclosed: the end. */
function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

/** $$…$$ or $tag$…$tag$; a `$` that opens no tag (a parameter such as $1) is one character. */
function skipDollarQuoted(sql: string, start: number): number {
  const tag = /^\$([A-Za-z_][\w]*)?\$/.exec(sql.slice(start));
  // A tag cannot follow a word character: x$y$ is an identifier, not a quote.
  if (!tag || /\w/.test(sql[start - 1] ?? '')) return start + 1;
  const end = sql.indexOf(tag[0], start + tag[0].length);
  return end === -1 ? sql.length : end + tag[0].length;
}

/** Block comments nest in PostgreSQL and DuckDB. Unclosed: the end. */
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
