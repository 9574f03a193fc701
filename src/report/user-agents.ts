/**
 * Browser and operating-system families from raw user-agent strings, parsed with
 * ua-parser-js (hand-written regexes go stale as browsers change their strings).
 * The source data wraps each agent in literal double quotes, which are removed first.
 */
import { UAParser } from 'ua-parser-js';

export interface FamilyCount {
  readonly family: string;
  readonly plays: number;
}

export interface AgentPlays {
  readonly user_agent: string | null;
  readonly plays: number;
}

export interface AgentFamilies {
  readonly browser: string;
  readonly os: string;
}

const UNKNOWN = 'Unknown';

/** `"Mozilla/5.0 …"` (quotes included in the data) becomes `Mozilla/5.0 …`. */
export function unquoteUserAgent(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

export function parseUserAgent(raw: string | null): AgentFamilies {
  if (raw === null || unquoteUserAgent(raw) === '') return { browser: UNKNOWN, os: UNKNOWN };
  const result = UAParser(unquoteUserAgent(raw));
  return { browser: result.browser.name ?? UNKNOWN, os: result.os.name ?? UNKNOWN };
}

/** Plays per browser family and per OS family, most plays first (ties by name). */
export function familyCounts(rows: readonly AgentPlays[]): { browsers: FamilyCount[]; systems: FamilyCount[] } {
  const browsers = new Map<string, number>();
  const systems = new Map<string, number>();
  for (const row of rows) {
    const { browser, os } = parseUserAgent(row.user_agent);
    browsers.set(browser, (browsers.get(browser) ?? 0) + row.plays);
    systems.set(os, (systems.get(os) ?? 0) + row.plays);
  }
  return { browsers: sortedCounts(browsers), systems: sortedCounts(systems) };
}

function sortedCounts(counts: Map<string, number>): FamilyCount[] {
  return [...counts]
    .map(([family, plays]) => ({ family, plays }))
    .sort((a, b) => b.plays - a.plays || a.family.localeCompare(b.family));
}
