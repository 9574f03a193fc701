/**
 * SPARKIFY_TEST_ENGINES: which engines the shared suite runs, a comma-separated list
 * of suite names' first words (duckdb, postgres, redshift). Unset or empty: all of them.
 * A name that matches no engine is an error, so a typo cannot silently run nothing.
 */
export const suiteEngines = ['duckdb', 'postgres', 'redshift'] as const;

export function selectedEngines(value: string | undefined): ReadonlySet<string> {
  const names = (value ?? '').split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  if (names.length === 0) return new Set(suiteEngines);
  const unknown = names.filter((name) => !(suiteEngines as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`SPARKIFY_TEST_ENGINES names no engine "${unknown.join('", "')}": use some of ${suiteEngines.join(', ')}`);
  }
  return new Set(names);
}

/** The engine a suite name stands for: its first word ("redshift (COPY emulator)" is redshift). */
export function engineOfSuite(suiteName: string): string {
  return suiteName.split(/[\s(]/)[0]?.toLowerCase() ?? suiteName;
}
