/**
 * A bulk fill of an empty table with its indexes and keys set aside: each is dropped
 * before the rows go in and built again after, from its own definition as the catalogue
 * holds it. Building a b-tree once from all the rows is one sort; keeping it while rows
 * arrive is a random insert per row per index (at 1 M events: songplays' key on an md5
 * and its three indexes cost more than the rows themselves).
 *
 * Runs inside the load's transaction: a failure (a duplicate key shows as the key's
 * rebuild failing) rolls the drops back with everything else, so no other session ever
 * sees the table without its keys. A table that another table's foreign key references
 * is filled as it is, since its key cannot be dropped alone.
 */
import type { Row, SqlParams } from '../engine.js';

interface Runner {
  exec(sql: string, params?: SqlParams): Promise<void>;
  query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
}

/** What to drop before the fill and how to build it again after. */
interface SetAside {
  readonly drop: string;
  readonly build: string;
}

/** The table's constraints backed by an index (primary key, unique, exclusion) and its other indexes. */
const setAsideSql = `
SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop_sql,
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS build_sql,
       0 AS pass
FROM pg_constraint c
WHERE c.conrelid = to_regclass($table) AND c.contype IN ('p', 'u', 'x')
UNION ALL
SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid), 1
FROM pg_index i
WHERE i.indrelid = to_regclass($table)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
ORDER BY pass, drop_sql`;

const referencedSql = `
SELECT 1 AS referenced FROM pg_constraint WHERE confrelid = to_regclass($table) AND contype = 'f' LIMIT 1`;

/**
 * Runs `fill` with `table`'s indexes and keys set aside, then builds them again.
 * `table` is the quoted name, resolved through the session's search path.
 */
export async function withIndexesSetAside<T>(runner: Runner, table: string, fill: () => Promise<T>): Promise<T> {
  if ((await runner.query(referencedSql, { table })).length > 0) return fill();
  const setAside = await runner.query<{ drop_sql: string; build_sql: string } & Row>(setAsideSql, { table });
  const statements: SetAside[] = setAside.map((row) => ({ drop: String(row.drop_sql), build: String(row.build_sql) }));
  for (const { drop } of statements) await runner.exec(drop);
  const result = await fill();
  for (const { build } of statements) await runner.exec(build);
  return result;
}
