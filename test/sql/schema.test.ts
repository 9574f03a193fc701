/**
 * The schema model writes exactly the tables the hand-written DDL created before it
 * (fixtures/table-ddl-before-catalogue.json: that DDL, dumped from each dialect), so
 * no warehouse changes shape; and it reads the key capability.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { duckdbDialect } from '../../src/engines/duckdb/dialect.js';
import { postgresDialect } from '../../src/engines/postgres/dialect.js';
import { redshiftDialect } from '../../src/engines/redshift/dialect.js';
import type { Dialect } from '../../src/sql/dialect.js';
import { createTableSql, createTableStatements, schemaTables } from '../../src/sql/schema.js';
import { stagingTables } from '../../src/sql/staging-columns.js';
import { starTables } from '../../src/sql/star-tables.js';

const before = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/table-ddl-before-catalogue.json'), 'utf8')) as Record<string, Record<string, string>>;

/** The step names the old DDL had, in creation order. */
const oldSteps = [
  'createStagingEvents', 'createStagingSongs', 'createSongplays', 'createUsers', 'createSongs',
  'createArtists', 'createTime', 'createLoadFiles', 'createLoadErrors', 'createEtlRuns',
];

// Each engine's key capability as it opens (engines/*): PostgreSQL enforces keys, DuckDB and Redshift do not.
const engines: [Dialect, boolean][] = [[duckdbDialect, false], [postgresDialect, true], [redshiftDialect, false]];

describe('the schema model', () => {
  it.each(engines)('writes the same DDL as before, byte for byte, on %s', (dialect, enforcesPrimaryKeys) => {
    const old = before[dialect.name] ?? {};
    expect(createTableStatements(dialect, { enforcesPrimaryKeys })).toEqual(oldSteps.map((step) => old[step]));
  });

  it('declares star keys where the engine enforces them or declares them for its planner, ledger keys everywhere', () => {
    const songs = schemaTables.find((t) => t.name === 'songs');
    const ledger = schemaTables.find((t) => t.name === 'load_files');
    if (!songs || !ledger) throw new Error('tables missing');
    expect(createTableSql(duckdbDialect, { enforcesPrimaryKeys: true }, songs)).toContain('song_id          TEXT NOT NULL PRIMARY KEY');
    expect(createTableSql(postgresDialect, { enforcesPrimaryKeys: false }, songs)).not.toContain('PRIMARY KEY');
    expect(createTableSql(redshiftDialect, { enforcesPrimaryKeys: false }, songs)).toContain('song_id          VARCHAR(256) NOT NULL PRIMARY KEY');
    expect(createTableSql(duckdbDialect, { enforcesPrimaryKeys: false }, ledger)).toContain('file_id          INTEGER NOT NULL PRIMARY KEY');
  });

  it('holds the staging columns in the stagers\' order and types, and the star columns in the merge\'s order', () => {
    const portable = { integer: 'int', bigint: 'int64', double: 'double', timestamp: 'timestamp' } as const;
    for (const { table, columns } of Object.values(stagingTables)) {
      const model = schemaTables.find((t) => t.name === table);
      expect(model?.columns.map((c) => c.name)).toEqual(columns.map((c) => c.column));
      for (const [index, column] of columns.entries()) {
        const type = model?.columns[index]?.type;
        if (column.type === 'text') expect(['text', 'code', 'digits'], column.column).toContain(type);
        else expect(type, column.column).toBe(portable[column.type]);
      }
    }
    for (const star of starTables) {
      expect(schemaTables.find((t) => t.name === star.name)?.columns.map((c) => c.name)).toEqual(star.columns);
      expect(schemaTables.find((t) => t.name === star.name)?.primaryKey).toBe(star.key);
    }
  });
});
