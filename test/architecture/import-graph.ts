/**
 * The import graph of src/, read with the TypeScript parser (static, type-only, re-export
 * and dynamic `import()` edges alike: a cycle through any of them is still a cycle), and
 * the house rules of ../shared/DESIGN.md as data, so one test checks them and another
 * proves the check fails on a violation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** A file's imports, as paths relative to the repository root ("src/sql/steps.ts"). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

export function readImportGraph(root: string, folder = 'src'): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(path.join(root, folder))) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8');
    graph.set(relative, importsOf(text, file).map((target) => path.relative(root, target).split(path.sep).join('/')));
  }
  return graph;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Relative specifiers only: packages are not part of the layering. `.js` names the `.ts` file. */
function importsOf(text: string, file: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) specifiers.push(argument.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts'));
}

/** One rule: files matching `from` may not import files matching `to`, unless `except` allows the pair. */
export interface ImportRule {
  readonly name: string;
  readonly from: (file: string) => boolean;
  readonly to: (target: string, file: string) => boolean;
}

const under = (folder: string) => (file: string): boolean => file.startsWith(`${folder}/`);
/** "duckdb" for src/engines/duckdb/x.ts; undefined for src/engines/engine.ts and the like. */
export const engineFolderOf = (file: string): string | undefined => /^src\/engines\/([^/]+)\//.exec(file)?.[1];
/** A variant may reuse its parent's protocol code by name; the parent never knows the variant. */
const variantParents: Readonly<Record<string, string>> = { redshift: 'postgres' };

export const importRules: readonly ImportRule[] = [
  {
    name: 'shared SQL imports nothing from engines/',
    from: under('src/sql'),
    to: under('src/engines'),
  },
  {
    name: 'engines and the engine contract import nothing from config/',
    from: under('src/engines'),
    to: under('src/config'),
  },
  {
    name: 'an engine never imports the pipeline, the checks, the report or the CLI',
    from: under('src/engines'),
    to: (target) => ['src/pipeline', 'src/checks', 'src/report', 'src/cli'].some((folder) => under(folder)(target)),
  },
  {
    name: 'no engine imports a sibling, except a variant reusing its parent',
    from: (file) => engineFolderOf(file) !== undefined,
    to: (target, file) => {
      const own = engineFolderOf(file);
      const other = engineFolderOf(target);
      return other !== undefined && other !== own && variantParents[own ?? ''] !== other;
    },
  },
  {
    name: 'pipeline, checks, report and CLI import no concrete engine',
    from: (file) => ['src/pipeline', 'src/checks', 'src/report', 'src/cli'].some((folder) => under(folder)(file)),
    to: (target) => engineFolderOf(target) !== undefined,
  },
  {
    name: 'sql, records and sources import nothing above them (pipeline, checks, report, CLI)',
    from: (file) => ['src/sql', 'src/records', 'src/sources'].some((folder) => under(folder)(file)),
    to: (target) => ['src/pipeline', 'src/checks', 'src/report', 'src/cli'].some((folder) => under(folder)(target)),
  },
];

export interface Violation {
  readonly rule: string;
  readonly file: string;
  readonly target: string;
}

export function importViolations(graph: ImportGraph, rules: readonly ImportRule[] = importRules): Violation[] {
  const violations: Violation[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      for (const rule of rules) {
        if (rule.from(file) && rule.to(target, file)) violations.push({ rule: rule.name, file, target });
      }
    }
  }
  return violations;
}

/** Every cycle, each once, as the files around it ("a -> b -> a"). */
export function importCycles(graph: ImportGraph): string[][] {
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (state.get(target) === 'open') {
        const cycle = stack.slice(stack.indexOf(target));
        // The same cycle found from another file is one cycle: keyed by its sorted members.
        cycles.set([...cycle].sort().join(' '), [...cycle, target]);
      } else if (state.get(target) === undefined) {
        visit(target);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return [...cycles.values()];
}
