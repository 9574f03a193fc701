/**
 * The named-query registry and what `sparkify query --name/--list` use; and a guard
 * that keeps the analytics SQL portable to PostgreSQL and Redshift.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { listNamedQueries, namedQuerySql } from '../../src/report/named-query.js';
import { findQuery, namedQueries } from '../../src/report/queries/index.js';

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
    expect(namedQuerySql('top-songs')).toBe(findQuery('top-songs')?.sql);
    expect(namedQuerySql('top-songs')).toMatch(/^WITH ranked AS \(/);
  });

  it('rejects an unknown name with a usage error that lists the names', () => {
    expect(() => namedQuerySql('top-sngs')).toThrow(UsageError);
    expect(() => namedQuerySql('top-sngs')).toThrow(/no named query "top-sngs": use one of headline, .*top-songs.*session-spans, display-names/);
  });

  it('covers the figures the analytics team asked for', () => {
    expect(namedQueries.map((q) => q.name)).toEqual(
      expect.arrayContaining([
        'headline', 'top-songs', 'top-artists', 'unmatched-plays', 'plays-by-hour-weekday', 'plays-per-day',
        'plays-by-level', 'level-changes', 'top-locations', 'user-agents', 'session-sizes', 'session-spans',
        'listened-totals', 'listened-songs', 'listened-artists', 'catalogue-matches', 'latest-load', 'display-names',
      ]),
    );
  });
});

describe('named query SQL stays portable (DuckDB, PostgreSQL, Redshift)', () => {
  // Spellings that work on one engine only; each has a portable equivalent.
  const enginesOnly: readonly [RegExp, string][] = [
    [/\bstrftime\s*\(/i, 'strftime: use EXTRACT or CAST(... AS DATE)'],
    [/\bdate_?diff\s*\(/i, 'date_diff/datediff: compute differences in Node'],
    [/\bdate_trunc\s*\(/i, 'date_trunc: differs on Redshift for some units; use CAST(... AS DATE) or EXTRACT'],
    [/\blist\s*\(/i, 'list(): DuckDB only'],
    [/\bqualify\b/i, 'QUALIFY: use a subquery'],
    [/\bfilter\s*\(\s*where\b/i, 'FILTER (WHERE ...): use SUM(CASE ...)'],
    [/::/, ':: casts: use CAST(x AS type)'],
    [/\bilike\b/i, 'ILIKE: use LOWER(x) LIKE'],
    [/\bepoch\b/i, 'EXTRACT(EPOCH ...) differs per engine'],
    [/\$\w+/, 'parameters: named queries take none'],
    [/"(?!time"|timestamp")[a-z_]+"/, 'quoted identifiers other than "time" and "timestamp" (reserved words)'],
    [/\bexists\s*\(/i, 'EXISTS subqueries: Redshift refuses correlated subqueries in a select list; use joins'],
  ];

  for (const query of namedQueries) {
    it(query.name, () => {
      for (const [pattern, why] of enginesOnly) {
        expect(pattern.test(query.sql), `${query.name}: ${why}`).toBe(false);
      }
      // Redshift needs an explicit frame for an ordered aggregate window.
      for (const window of query.sql.matchAll(/\b(SUM|COUNT|AVG|MIN|MAX)\s*\([^)]*\)\s*OVER\s*\(([^)]*ORDER BY[^)]*)\)/gi)) {
        expect(window[2], `${query.name}: ${window[0]}`).toMatch(/\bROWS\b/i);
      }
      expect(query.sql.trim()).not.toMatch(/;$/);
    });
  }
});
