/**
 * Puts a star table's next contents (the SELECT of its step) in place. An empty table
 * takes the SELECT straight in. Otherwise the SELECT fills a temporary `next_<table>`,
 * and only rows that changed are deleted and inserted, and counted. Set difference
 * (EXCEPT) compares whole rows, NULLs equal, on every engine. Names come from
 * sql/star-tables.ts, never from input, and are quoted anyway.
 */
import type { Dialect } from './dialect.js';
import type { StarTable } from './star-tables.js';
import { sqlOf } from './statement.js';

export interface MergeStatements {
  /** Fills the temporary `next_<t>` from the step's SELECT. */
  readonly createNext: string;
  /**
   * A scoped merge only: fills the temporary `current_<t>` with the table's rows of the
   * keys in scope, which the diff then compares `next_<t>` with instead of the whole table.
   */
  readonly createCurrent?: string;
  /** Creates `added_<t>` (rows new or changed) and `removed_<t>` (rows gone or changed). */
  readonly diff: readonly string[];
  /** One row: inserted, updated, deleted. */
  readonly count: string;
  readonly apply: readonly string[];
  readonly cleanUp: readonly string[];
  /** The table's row count, to choose between the two paths. */
  readonly countTarget: string;
  /** When the table is empty there is nothing to compare: the SELECT goes straight in. */
  readonly fillEmpty: string;
}

/**
 * `currentRows`, for a scoped merge (sql/scoped-transform.ts): a SELECT of the table's
 * rows for the keys `select` recomputes. Rows outside it are neither compared nor touched.
 */
export function mergeStatements(dialect: Dialect, table: StarTable, select: string, currentRows?: string): MergeStatements {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const target = q(table.name);
  const current = currentRows === undefined ? target : q(`current_${table.name}`);
  const next = q(`next_${table.name}`);
  const added = q(`added_${table.name}`);
  const removed = q(`removed_${table.name}`);
  const key = q(table.key);
  const columns = table.columns.map(q).join(', ');
  // Where the engine ignores trailing blanks in text comparisons, each text column is
  // compared together with its distinguisher (Dialect.textDistinguisher).
  const distinguish = dialect.textDistinguisher;
  const exactKey = distinguish !== undefined && table.textColumns.includes(table.key);
  const compared = distinguish === undefined
    ? columns
    : [columns, ...table.textColumns.map((column) => `${distinguish(q(column))} AS ${q(`${column}__exact`)}`)].join(', ');
  const sameKey = (left: string, right: string) =>
    `${left}.${key} = ${right}.${key}` + (exactKey ? ` AND ${distinguish(`${left}.${key}`)} = ${distinguish(`${right}.${key}`)}` : '');

  return withOverrides(dialect, table, select, {
    createNext: `CREATE TEMP TABLE ${next} AS\n${select}`,
    ...(currentRows === undefined ? {} : { createCurrent: `CREATE TEMP TABLE ${current} AS\n${currentRows}` }),
    diff: [
      `CREATE TEMP TABLE ${added} AS SELECT ${compared} FROM ${next} EXCEPT SELECT ${compared} FROM ${current}`,
      `CREATE TEMP TABLE ${removed} AS SELECT ${compared} FROM ${current} EXCEPT SELECT ${compared} FROM ${next}`,
    ],
    // Derived tables in a FROM clause, not scalar subqueries in a SELECT without FROM:
    // Redshift documents a SELECT without FROM only for leader-node functions.
    count: `
SELECT i.n AS inserted, u.n AS updated, d.n AS deleted
FROM (SELECT COUNT(*) AS n FROM ${added} a WHERE NOT EXISTS (SELECT 1 FROM ${removed} r WHERE ${sameKey('r', 'a')})) i
CROSS JOIN (SELECT COUNT(*) AS n FROM ${added} a WHERE EXISTS (SELECT 1 FROM ${removed} r WHERE ${sameKey('r', 'a')})) u
CROSS JOIN (SELECT COUNT(*) AS n FROM ${removed} r WHERE NOT EXISTS (SELECT 1 FROM ${added} a WHERE ${sameKey('a', 'r')})) d`,
    apply: [
      exactKey
        // DELETE ... USING, as Redshift documents it: an IN list would match 'x ' for 'x'.
        ? `DELETE FROM ${target} USING ${removed} WHERE ${sameKey(target, removed)}`
        : `DELETE FROM ${target} WHERE ${key} IN (SELECT ${key} FROM ${removed})`,
      `INSERT INTO ${target} (${columns}) SELECT ${columns} FROM ${added}`,
    ],
    cleanUp: [`DROP TABLE ${added}`, `DROP TABLE ${removed}`, `DROP TABLE ${next}`, ...(currentRows === undefined ? [] : [`DROP TABLE ${current}`])],
    countTarget: `SELECT COUNT(*) AS n FROM ${target}`,
    fillEmpty: `INSERT INTO ${target} (${columns})\n${select}`,
  });
}

/**
 * The merge's statements are in the catalogue as `merge:<table>:<part>` (createNext,
 * count, countTarget, fillEmpty) and `merge:<table>:<part>-<n>` for the lists (diff-1,
 * apply-2, cleanUp-3): an engine overrides one part of one table's merge by that name
 * (a text, or a function given `select`, the step's SELECT).
 */
function withOverrides(dialect: Dialect, table: StarTable, select: string, shared: MergeStatements): MergeStatements {
  const one = (part: string, sql: string) => sqlOf(dialect, { name: `merge:${table.name}:${part}`, sql }, { select });
  const each = (part: string, list: readonly string[]) => list.map((sql, index) => one(`${part}-${index + 1}`, sql));
  return {
    createNext: one('createNext', shared.createNext),
    ...(shared.createCurrent === undefined ? {} : { createCurrent: one('createCurrent', shared.createCurrent) }),
    diff: each('diff', shared.diff),
    count: one('count', shared.count),
    apply: each('apply', shared.apply),
    cleanUp: each('cleanUp', shared.cleanUp),
    countTarget: one('countTarget', shared.countTarget),
    fillEmpty: one('fillEmpty', shared.fillEmpty),
  };
}

/** The names of a table's merge statements, for the catalogue's list. */
export function mergeStatementNames(dialect: Dialect, table: StarTable): string[] {
  const shared = mergeStatements(dialect, table, '');
  return Object.entries(shared).flatMap(([part, value]: [string, string | readonly string[]]) =>
    typeof value === 'string' ? [`merge:${table.name}:${part}`] : value.map((_sql, index) => `merge:${table.name}:${part}-${index + 1}`),
  );
}
