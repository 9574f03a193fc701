/**
 * How many SQL statements a text holds, so `sparkify query` can refuse a script: DuckDB
 * returns the rows of the last statement and PostgreSQL those of every one, and neither is
 * what "run one statement" promises. A `;` counts only outside quotes and comments
 * (sql/sql-scanner.ts); empty statements (a trailing `;`, `;;`) do not count.
 */
import { nonCodeAt } from '../sql/sql-scanner.js';

export function countStatements(sql: string): number {
  let count = 0;
  let pending = false; // the current statement has something besides space and comments
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    const skipped = nonCodeAt(sql, i);
    if (skipped !== undefined) {
      if (!skipped.comment) pending = true;
      i = skipped.end;
    } else if (c === ';') {
      if (pending) count++;
      pending = false;
      i++;
    } else {
      if (!/\s/.test(c)) pending = true;
      i++;
    }
  }
  return pending ? count + 1 : count;
}
