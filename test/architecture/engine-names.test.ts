/**
 * Issue 11's "done when": outside src/engines/, no source file names an engine or a URL
 * scheme; help texts and messages take them from the engine registry, so an engine is
 * added by adding its folder.
 *
 * The rule, as checked: the code of every file under src/ except src/engines/ (string
 * and template literals, identifiers, regular expressions; comments are prose and may
 * explain a choice by naming the engine it was made for) contains no engine name
 * (duckdb, postgres, postgresql, redshift, in any case, inside words too).
 *
 * Allowed, and why: `sparkify infra` provisions Amazon Redshift clusters, an AWS product
 * that is what it is whatever engines the warehouse layer has, so src/infra/ and the
 * command that drives it (src/cli/commands/infra*.ts) name it freely, as do the [INFRA]
 * settings' messages and defaults, which describe AWS resources (node types, cluster
 * endpoints, role and security-group names), each listed below by its exact text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const engineName = /duckdb|postgres|redshift/i;

/** Folders and files that provision AWS's Redshift, not a warehouse engine. */
const awsProvisioning = [/^src\/infra\//, /^src\/cli\/commands\/infra(-description)?\.ts$/];

/** AWS resource texts in the settings, each allowed in its one file. */
const awsTexts: ReadonlyArray<readonly [file: string, text: string]> = [
  ['src/config/setting-values.ts', 'expected a role ARN such as arn:aws:iam::123456789012:role/sparkify-redshift-s3-read'],
  ['src/config/setting-values.ts', 'expected a host name such as my-cluster.abc123.us-west-2.redshift.amazonaws.com'],
  ['src/config/setting-values.ts', 'expected a Redshift node type such as ra3.large or ra3.xlplus'],
  ['src/config/setting-values.ts', 'sparkify-redshift-s3-read'],
  ['src/config/setting-values.ts', 'sparkify-redshift'],
];

/** Each piece of a file's code that names an engine: string, template text, identifier, regex. */
export function engineNamesIn(text: string, file = 'file.ts'): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    // Comments are trivia, not nodes: they are never visited.
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      if (engineName.test(node.text)) found.push(node.text);
    } else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      if (engineName.test(node.text)) found.push(node.text);
    } else if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const regex = node.getText(source);
      if (engineName.test(regex)) found.push(regex);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('engine names outside src/engines/', () => {
  it('appear in no code (help texts and messages come from the registry)', () => {
    const offending: string[] = [];
    for (const full of sourceFiles(path.join(root, 'src'))) {
      const file = path.relative(root, full).split(path.sep).join('/');
      if (file.startsWith('src/engines/') || awsProvisioning.some((pattern) => pattern.test(file))) continue;
      const allowed = awsTexts.filter(([where]) => where === file).map(([, text]) => text);
      for (const name of engineNamesIn(readFileSync(full, 'utf8'), file)) {
        if (!allowed.includes(name)) offending.push(`${file}: ${name}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('are found in strings, templates, identifiers and regular expressions, not in comments', () => {
    const code = [
      "// DuckDB is named in this comment, and /* PostgreSQL */ in this one",
      "const a = 'duckdb:x';",
      'const b = `use ${a} or redshift://`;',
      'const isPg = /^postgres:/.test(a);',
      'const REDSHIFT_PORT = 5439;',
      'const fine = "sqlite";',
    ].join('\n');
    expect(engineNamesIn(code)).toEqual(['duckdb:x', ' or redshift://', '/^postgres:/', 'REDSHIFT_PORT']);
  });
});
