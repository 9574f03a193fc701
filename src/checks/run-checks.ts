/**
 * Runs the quality checks: counts each check's offending rows and keeps a few as
 * examples. checks/ may import engines/engine and sql/; never the pipeline or CLI.
 */
import type { Engine, Row } from '../engines/engine.js';
import { sqlOf } from '../sql/statement.js';
import { checkDefinitions, checkRunStatements, checkStatement, type CheckDefinition } from './definitions.js';

export interface CheckResult {
  readonly name: string;
  readonly description: string;
  readonly passed: boolean;
  readonly offending: number;
  readonly examples: readonly Row[];
}

const EXAMPLES = 5;

export async function runChecks(engine: Engine, checks: readonly CheckDefinition[] = checkDefinitions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const sql = sqlOf(engine.dialect, checkStatement(check));
    const [count] = await engine.query<{ n: number }>(sqlOf(engine.dialect, checkRunStatements.countOffending, { check: sql }));
    const offending = Number(count?.n ?? 0);
    const examples = offending > 0 ? await engine.query(sqlOf(engine.dialect, checkRunStatements.examples, { check: sql, limit: EXAMPLES })) : [];
    results.push({ name: check.name, description: check.description, passed: offending === 0, offending, examples });
  }
  return results;
}
