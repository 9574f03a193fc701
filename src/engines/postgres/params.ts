/**
 * Named parameters (`$name`, the form every shared statement uses) rewritten to the
 * positional `$1..$n` that the PostgreSQL protocol takes. Shared with the Redshift
 * engine, which speaks the same protocol.
 *
 * The scanner skips what is not SQL code, so a `$name` there is left alone:
 * 'string literals' (with '' doubling), E'escape strings' (with \'), "quoted
 * identifiers", $tag$dollar-quoted bodies$tag$, -- line and nested block comments.
 */
import type { SqlParams, SqlValue } from '../engine.js';
import { utcTimestampText } from './timestamp-text.js';

export interface PositionalQuery {
  readonly text: string;
  readonly values: unknown[];
}

const IDENTIFIER_PART = /[A-Za-z0-9_$]/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const DOLLAR_TAG = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/;

/** Rewrites `$name` to `$n`, numbering each distinct name once, in order of first use. */
export function toPositional(sql: string, params: SqlParams = {}): PositionalQuery {
  const positions = new Map<string, number>();
  const values: unknown[] = [];
  let text = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipNonCode(sql, i);
    if (skipped > i) {
      text += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    const char = sql[i] as string;
    // `a$b` is one identifier (PostgreSQL allows `$` inside names), not a parameter.
    const afterIdentifier = i > 0 && IDENTIFIER_PART.test(sql[i - 1] as string);
    const name = char === '$' && !afterIdentifier ? NAME.exec(sql.slice(i + 1))?.[0] : undefined;
    if (name === undefined) {
      text += char;
      i++;
      continue;
    }
    if (!Object.hasOwn(params, name)) throw new Error(`SQL parameter $${name} has no value`);
    let position = positions.get(name);
    if (position === undefined) {
      values.push(toDriverValue(params[name] as SqlValue));
      position = values.length;
      positions.set(name, position);
    }
    text += `$${position}`;
    i += 1 + name.length;
  }
  return { text, values };
}

/** Index just past a literal, quoted identifier or comment starting at `i`; `i` when there is none. */
function skipNonCode(sql: string, i: number): number {
  const char = sql[i];
  const next = sql[i + 1];
  if (char === "'") {
    const escapes = i > 0 && /[Ee]/.test(sql[i - 1] as string) && !IDENTIFIER_PART.test(sql[i - 2] ?? ' ');
    return skipQuoted(sql, i, "'", escapes);
  }
  if (char === '"') return skipQuoted(sql, i, '"', false);
  if (char === '-' && next === '-') {
    const end = sql.indexOf('\n', i);
    return end === -1 ? sql.length : end;
  }
  if (char === '/' && next === '*') return skipBlockComment(sql, i);
  if (char === '$' && !(i > 0 && IDENTIFIER_PART.test(sql[i - 1] as string))) {
    const tag = DOLLAR_TAG.exec(sql.slice(i))?.[0];
    if (tag !== undefined) {
      const end = sql.indexOf(tag, i + tag.length);
      return end === -1 ? sql.length : end + tag.length;
    }
  }
  return i;
}

function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const char = sql[i];
    if (backslashEscapes && char === '\\') {
      i += 2;
    } else if (char === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2; // a doubled quote stands for one quote inside
    } else {
      i++;
    }
  }
  return sql.length;
}

function skipBlockComment(sql: string, start: number): number {
  // PostgreSQL block comments nest.
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

/**
 * A parameter value as the driver should send it. A Date goes as UTC text without a
 * zone: pg would otherwise send local time with an offset, which a TIMESTAMP (without
 * time zone) column silently drops, shifting the value by the process's zone.
 */
export function toDriverValue(value: SqlValue): unknown {
  if (value instanceof Date) return utcTimestampText(value.getTime());
  if (typeof value === 'bigint') return value.toString();
  return value;
}
