/**
 * The named-query registry and what `sparkify query --name/--list` use; and a guard
 * that keeps the analytics SQL portable to PostgreSQL and Redshift.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { listNamedQueries, namedQuery, namedQuerySql } from '../../src/report/named-query.js';
import { findQuery, namedQueries, queryStatement, type NamedQuery } from '../../src/report/queries/index.js';
import { portableDialect } from '../../src/sql/dialect.js';
import type { SqlFragments } from '../../src/sql/fragments.js';
import { sqlOf } from '../../src/sql/statement.js';
import { redshiftDialect } from '../../src/engines/redshift/dialect.js';

describe('named queries', () => {
  it('lists every query once, with a kebab-case name, a title and a description', () => {
    const list = listNamedQueries();
    expect(list.map((q) => q.name)).toEqual(namedQueries.map((q) => q.name));
    expect(new Set(list.map((q) => q.name)).size).toBe(list.length);
    for (const query of list) {
      expect(query.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(query.title.length).toBeGreaterThan(3);
      expect(query.description.length).toBeGreaterThan(20);
      expect(Object.keys(query).sort()).toEqual(['description', 'name', 'title']);
    }
  });

  it('gives the SQL of a known name', () => {
    expect(namedQuerySql('top-songs', portableDialect)).toBe(findQuery('top-songs')?.sql);
    expect(namedQuerySql('top-songs', portableDialect)).toMatch(/^WITH ranked AS \(/);
  });

  it('writes a named query with the warehouse dialect\'s fragments: session lengths in SQL, milliseconds kept on Redshift', () => {
    expect(namedQuerySql('session-lengths', portableDialect)).toContain('CAST(EXTRACT(EPOCH FROM MAX(start_time)) - EXTRACT(EPOCH FROM MIN(start_time)) AS DOUBLE PRECISION) AS seconds');
    expect(namedQuerySql('session-median', redshiftDialect)).toContain('CAST(DATEDIFF(millisecond, MIN(start_time), MAX(start_time)) AS DOUBLE PRECISION) / 1000 AS seconds');
  });

  it('rejects an unknown name with a usage error that lists the names', () => {
    expect(() => namedQuery('top-sngs')).toThrow(UsageError);
    expect(() => namedQuery('top-sngs')).toThrow(/no named query "top-sngs": use one of headline, .*top-songs.*session-median, display-names/);
  });

  it('covers the figures the analytics team asked for', () => {
    expect(namedQueries.map((q) => q.name)).toEqual(
      expect.arrayContaining([
        'headline', 'top-songs', 'top-artists', 'unmatched-plays', 'plays-by-hour-weekday', 'plays-per-day',
        'plays-by-level', 'level-changes', 'top-locations', 'user-agents', 'session-sizes', 'session-lengths', 'session-median',
        'listened-totals', 'listened-songs', 'listened-artists', 'catalogue-matches', 'latest-load', 'display-names',
      ]),
    );
  });
});

describe('named query SQL stays portable (DuckDB, PostgreSQL, Redshift)', () => {
  // Spellings that work on one engine only; each has a portable equivalent.
  const enginesOnly: readonly [RegExp, string][] = [
    [/\bstrftime\s*\(/i, 'strftime: use EXTRACT or CAST(... AS DATE)'],
    [/\bdate_?diff\s*\(/i, 'date_diff/datediff: use the secondsBetween fragment'],
    [/\bdate_trunc\s*\(/i, 'date_trunc: differs on Redshift for some units; use CAST(... AS DATE) or EXTRACT'],
    [/\blist\s*\(/i, 'list(): DuckDB only'],
    [/\bqualify\b/i, 'QUALIFY: use a subquery'],
    [/\bfilter\s*\(\s*where\b/i, 'FILTER (WHERE ...): use SUM(CASE ...)'],
    [/::/, ':: casts: use CAST(x AS type)'],
    [/\bilike\b/i, 'ILIKE: use LOWER(x) LIKE'],
    [/\bepoch\b/i, 'EXTRACT(EPOCH ...) differs per engine: use the secondsBetween fragment'],
    [/\$\w+/, 'parameters: named queries take none'],
    [/"(?!time"|timestamp")[a-z_]+"/, 'quoted identifiers other than "time" and "timestamp" (reserved words)'],
    [/\bexists\s*\(/i, 'EXISTS subqueries: Redshift refuses correlated subqueries in a select list; use joins'],
  ];

  // Fragments are each engine's own spelling (sql/fragments.ts, tested per engine in the
  // engine suite): here they stand as opaque calls, so the guard reads the rest.
  const opaque: SqlFragments = {
    weekOf: (t) => `week_of_fragment(${t})`,
    weekdayOf: (t) => `weekday_of_fragment(${t})`,
    secondsBetween: (a, b) => `seconds_between_fragment(${a}, ${b})`,
    exactTextEquals: (a, b) => `exact_text_equals_fragment(${a}, ${b})`,
    exactTextKey: (t) => `exact_text_key_fragment(${t})`,
  };
  const textOf = (query: NamedQuery) => sqlOf({ ...portableDialect, fragments: opaque }, queryStatement(query));

  for (const query of namedQueries) {
    it(query.name, () => {
      const sql = textOf(query);
      for (const [pattern, why] of enginesOnly) {
        expect(pattern.test(sql), `${query.name}: ${why}`).toBe(false);
      }
      // Redshift needs an explicit frame for an ordered aggregate window.
      for (const window of sql.matchAll(/\b(SUM|COUNT|AVG|MIN|MAX)\s*\([^)]*\)\s*OVER\s*\(([^)]*ORDER BY[^)]*)\)/gi)) {
        expect(window[2], `${query.name}: ${window[0]}`).toMatch(/\bROWS\b/i);
      }
      expect(sql.trim()).not.toMatch(/;$/);
    });
  }
});
