/**
 * A stricter session for the Redshift emulator: statements whose shape Redshift does not
 * document fail here, where PostgreSQL would run them, so the engine suite fails where
 * Redshift would. Two shapes, both once sent by sparkify:
 *
 * - a LIMIT bound to a parameter (`LIMIT $1`): Redshift's drivers report "Not
 *   implemented" for a typed LIMIT parameter;
 * - a SELECT with no FROM around a subquery on a table (`SELECT 'x' WHERE NOT EXISTS
 *   (SELECT 1 FROM t)`): Redshift documents SELECT without FROM only for leader-node
 *   functions (pg_last_copy_count(), set_config(...), pg_terminate_backend(...)).
 */
import type { Engine, Row, SqlParams } from '../../src/engines/engine.js';

/** The shape problem of `sql` on Redshift, or undefined when it has none. */
export function redshiftShapeProblem(sql: string): string | undefined {
  // Literals and quoted names may hold anything, parentheses and keywords included.
  const code = sql.replace(/'(?:[^']|'')*'/g, "''").replace(/"(?:[^"]|"")*"/g, '""').replace(/\$(\w*)\$[^]*?\$\1\$/g, '$$');
  if (/\bLIMIT\s+\$/i.test(code)) return 'LIMIT takes a bound parameter, which Redshift does not implement';
  // Each parenthesised group at its own level, innermost first: does a SELECT there have a FROM?
  let text = code;
  const groups: string[] = [];
  for (let inner = /\(([^()]*)\)/.exec(text); inner; inner = /\(([^()]*)\)/.exec(text)) {
    groups.push(inner[1] as string);
    text = `${text.slice(0, inner.index)}{${groups.length - 1}}${text.slice(inner.index + inner[0].length)}`;
  }
  groups.push(text);
  for (const group of groups) {
    if (!/^\s*SELECT\b/i.test(group) || /\bFROM\b/i.test(group)) continue;
    const children = [...group.matchAll(/\{(\d+)\}/g)].map((m) => groups[Number(m[1])] ?? '');
    if (children.some((child) => /^\s*SELECT\b[^]*\bFROM\b/i.test(child))) {
      return 'a SELECT without FROM around a subquery on a table, a shape Redshift documents only for leader-node functions';
    }
  }
  return undefined;
}

/** The engine, with every statement the pipeline sends checked for its Redshift shape first. */
export function guardRedshiftShapes(engine: Engine): Engine {
  const check = (sql: string) => {
    const problem = redshiftShapeProblem(sql);
    if (problem) throw new Error(`Redshift would refuse or not document this statement (${problem}):\n${sql}`);
  };
  return new Proxy(engine, {
    get(target, property, receiver) {
      if (property === 'exec') return (sql: string, params?: SqlParams) => (check(sql), target.exec(sql, params));
      if (property === 'query') return <T extends Row = Row>(sql: string, params?: SqlParams) => (check(sql), target.query<T>(sql, params));
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
