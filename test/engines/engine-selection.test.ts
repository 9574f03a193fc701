/** SPARKIFY_TEST_ENGINES: which engines the shared suite runs. */
import { describe, expect, it } from 'vitest';
import { engineOfSuite, selectedEngines } from '../engine-suite/engine-selection.js';

describe('SPARKIFY_TEST_ENGINES', () => {
  it('runs every engine when unset or empty', () => {
    expect([...selectedEngines(undefined)]).toEqual(['duckdb', 'postgres', 'redshift']);
    expect([...selectedEngines(' ')]).toEqual(['duckdb', 'postgres', 'redshift']);
  });

  it('runs the engines it lists, in any case and spacing', () => {
    expect([...selectedEngines('DuckDB, postgres')]).toEqual(['duckdb', 'postgres']);
  });

  it('refuses a name that is no engine, naming the ones there are', () => {
    expect(() => selectedEngines('duckdb,postgress')).toThrow('SPARKIFY_TEST_ENGINES names no engine "postgress": use some of duckdb, postgres, redshift');
  });

  it('knows each suite by its first word', () => {
    expect(engineOfSuite('redshift (COPY emulator)')).toBe('redshift');
    expect(engineOfSuite('postgres')).toBe('postgres');
  });
});
