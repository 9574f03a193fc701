/**
 * Named parameters (`$name`, the form every shared statement uses) rewritten to the
 * positional `$1..$n` that the PostgreSQL protocol takes. Shared with the Redshift
 * engine, which speaks the same protocol.
 *
 * The shared scanner (sql/sql-scanner.ts) skips what is not SQL code, so a `$name` in a
 * literal, a quoted identifier, a dollar-quoted body or a comment is left alone.
 */
import { nonCodeAt } from '../../sql/sql-scanner.js';
import type { SqlParams, SqlValue } from '../engine.js';
import { utcTimestampText } from './timestamp-text.js';

export interface PositionalQuery {
  readonly text: string;
  readonly values: unknown[];
}

const IDENTIFIER_PART = /[A-Za-z0-9_$]/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Rewrites `$name` to `$n`, numbering each distinct name once, in order of first use. */
export function toPositional(sql: string, params: SqlParams = {}): PositionalQuery {
  const positions = new Map<string, number>();
  const values: unknown[] = [];
  let text = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = nonCodeAt(sql, i)?.end;
    if (skipped !== undefined) {
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
