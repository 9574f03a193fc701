/**
 * The layering of ../shared/DESIGN.md, checked over src/'s import graph: shared SQL imports
 * nothing from engines/; engines import nothing from config/ and never the layers above
 * them; no engine imports a sibling except a variant reusing its parent (redshift ->
 * postgres); pipeline, checks, report and CLI import no concrete engine; and no file is
 * part of an import cycle. The rules are also run on synthetic graphs, so a check that
 * could never fail would show here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importViolations, readImportGraph, type ImportGraph } from './import-graph.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const graph = readImportGraph(root);

describe('the import rules of DESIGN.md', () => {
  it('read a graph that is really src/ (config reads the registry, the registry finds the engine folders itself)', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('src/config/setting-validators.ts')).toContain('src/engines/registry.ts');
    expect(graph.get('src/engines/redshift/index.ts')).toContain('src/engines/postgres/index.ts');
    // Dynamic imports are edges too: the lazy open of an engine, the lazy infra command.
    expect(graph.get('src/engines/duckdb/index.ts')).toContain('src/engines/duckdb/duckdb-engine.ts');
    expect(graph.get('src/cli/commands/index.ts')).toContain('src/cli/commands/infra.ts');
  });

  it('hold for every import in src/', () => {
    expect(importViolations(graph)).toEqual([]);
  });

  it('leave no import cycle in src/', () => {
    expect(importCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const withEdges = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

  it('name each forbidden import, with the rule it breaks', () => {
    const broken = withEdges({
      'src/sql/bad.ts': ['src/engines/duckdb/dialect.ts'],
      'src/engines/duckdb/bad.ts': ['src/config/settings.ts', 'src/engines/postgres/values.ts', 'src/pipeline/etl.ts'],
      'src/engines/postgres/bad.ts': ['src/engines/redshift/session.ts'],
      'src/pipeline/bad.ts': ['src/engines/postgres/index.ts'],
      'src/cli/bad.ts': ['src/engines/duckdb/duckdb-engine.ts'],
    });
    expect(importViolations(broken).map((v) => `${v.file} -> ${v.target}: ${v.rule}`).sort()).toEqual([
      'src/cli/bad.ts -> src/engines/duckdb/duckdb-engine.ts: pipeline, checks, report and CLI import no concrete engine',
      'src/engines/duckdb/bad.ts -> src/config/settings.ts: engines and the engine contract import nothing from config/',
      'src/engines/duckdb/bad.ts -> src/engines/postgres/values.ts: no engine imports a sibling, except a variant reusing its parent',
      'src/engines/duckdb/bad.ts -> src/pipeline/etl.ts: an engine never imports the pipeline, the checks, the report or the CLI',
      'src/engines/postgres/bad.ts -> src/engines/redshift/session.ts: no engine imports a sibling, except a variant reusing its parent',
      'src/pipeline/bad.ts -> src/engines/postgres/index.ts: pipeline, checks, report and CLI import no concrete engine',
      'src/sql/bad.ts -> src/engines/duckdb/dialect.ts: shared SQL imports nothing from engines/',
    ]);
  });

  it('allow the variant reusing its parent, and the engine contract from anywhere above it', () => {
    const allowed = withEdges({
      'src/engines/redshift/ok.ts': ['src/engines/postgres/connection.ts', 'src/engines/engine.ts'],
      'src/pipeline/ok.ts': ['src/engines/engine.ts', 'src/engines/open-engine.ts'],
    });
    expect(importViolations(allowed)).toEqual([]);
  });

  it('find a cycle, however long, once', () => {
    const cyclic = withEdges({
      'src/a.ts': ['src/b.ts'],
      'src/b.ts': ['src/c.ts'],
      'src/c.ts': ['src/a.ts'],
    });
    expect(importCycles(cyclic).map((cycle) => cycle.join(' -> '))).toEqual(['src/a.ts -> src/b.ts -> src/c.ts -> src/a.ts']);
  });
});
