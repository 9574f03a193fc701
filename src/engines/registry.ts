/**
 * The engines sparkify knows: one descriptor per engine folder, found here by looking at
 * the folders beside this file (each folder's index exports its descriptor), so adding an
 * engine is adding its folder. Config validation, help texts, messages and the factory
 * (open-engine.ts) read this list; no other file names an engine or a URL scheme.
 * Importing it loads no driver: a descriptor's `open` loads it.
 *
 * `registerEngine` adds a descriptor at run time (tests compose engines this way, such as
 * the Redshift engine on PostgreSQL); a registered descriptor wins over an earlier one
 * with the same scheme until it is unregistered.
 */
import { ConfigError } from '../errors.js';
import type { ClusterDefaults } from './engine.js';
import type { EngineDescriptor, EngineOptionName } from './engine-descriptor.js';
import { readdirSync } from 'node:fs';

/** The built-in engines, one per folder, in folder-name order (the order help texts list them). */
const builtInEngines: readonly EngineDescriptor[] = await discoverEngines();

/** Every folder beside this file with an index module; each must export exactly one descriptor. */
async function discoverEngines(): Promise<EngineDescriptor[]> {
  const here = new URL('.', import.meta.url);
  // The index's extension is this file's own: .ts when run from the sources, .js when built.
  const extension = new URL(import.meta.url).pathname.endsWith('.ts') ? 'ts' : 'js';
  const folders = readdirSync(here, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(new URL(`${entry.name}/`, here)).includes(`index.${extension}`))
    .map((entry) => entry.name)
    .sort();
  const engines: EngineDescriptor[] = [];
  for (const folder of folders) {
    // A computed URL: bundlers and test runners must not try to resolve it ahead of time.
    const module = (await import(/* @vite-ignore */ new URL(`${folder}/index.${extension}`, here).href)) as Record<string, unknown>;
    const descriptors = Object.values(module).filter(isDescriptor);
    if (descriptors.length !== 1) {
      throw new Error(`engines/${folder}/index must export exactly one engine descriptor, not ${descriptors.length}`);
    }
    engines.push(descriptors[0] as EngineDescriptor);
  }
  return engines;
}

function isDescriptor(value: unknown): value is EngineDescriptor {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<EngineDescriptor>;
  return typeof candidate.name === 'string' && Array.isArray(candidate.schemes) && typeof candidate.open === 'function';
}

let registered: readonly EngineDescriptor[] = [];

/** Adds an engine; returns the function that removes it again. */
export function registerEngine(descriptor: EngineDescriptor): () => void {
  registered = [descriptor, ...registered];
  return () => {
    registered = registered.filter((entry) => entry !== descriptor);
  };
}

/** Every engine, newest registration first, each scheme answered by the first that has it. */
export function knownEngines(): readonly EngineDescriptor[] {
  const taken = new Set<string>();
  const engines: EngineDescriptor[] = [];
  // Built-in engines are listed in their own order, registered ones before them.
  for (const engine of [...registered, ...builtInEngines]) {
    const schemes = engine.schemes.filter((scheme) => !taken.has(scheme));
    if (schemes.length === 0) continue;
    schemes.forEach((scheme) => taken.add(scheme));
    engines.push(engine);
  }
  return engines;
}

export function engineForScheme(scheme: string): EngineDescriptor | undefined {
  return knownEngines().find((engine) => engine.schemes.includes(scheme.toLowerCase()));
}

/** "duckdb:PATH, postgres://USER@HOST:5432/DB or redshift://USER@HOST:5439/DB", for help and messages. */
export function warehouseExamples(conjunction = 'or'): string {
  return listed(builtInFirst().map((engine) => engine.example), conjunction);
}

/** "PostgreSQL/Redshift": the engines that read an option, for a flag's help. */
export function enginesReading(option: EngineOptionName): string {
  return builtInFirst()
    .filter((engine) => engine.options.includes(option))
    .map((engine) => engine.title)
    .join('/');
}

/** "DuckDB, PostgreSQL or Redshift". */
export function engineTitles(conjunction = 'or'): string {
  return listed(builtInFirst().map((engine) => engine.title), conjunction);
}

/** The warehouse used when none is given. */
export function defaultWarehouseUrl(): string {
  const engine = knownEngines().find((entry) => entry.defaultUrl !== undefined);
  if (engine?.defaultUrl === undefined) throw new Error('no engine declares a default warehouse');
  return engine.defaultUrl;
}

/** The URL of the warehouse the course's `[CLUSTER] HOST` names, built by the engine that knows how. */
export function clusterWarehouseUrl(host: string, cluster: ClusterDefaults): string {
  const engine = knownEngines().find((entry) => entry.fromCluster !== undefined);
  if (engine?.fromCluster === undefined) throw new ConfigError('no engine of this build reads [CLUSTER] HOST; set a warehouse instead');
  return engine.fromCluster(host, cluster);
}

/** A warehouse URL, parsed, with the engine its scheme names. */
export interface WarehouseAddress {
  readonly text: string;
  readonly url: URL;
  readonly engine: EngineDescriptor;
}

export type WarehouseReading =
  | { readonly ok: true; readonly address: WarehouseAddress }
  | {
      readonly ok: false;
      /** What went wrong: not a URL at all, a scheme no engine answers to, or a shape its engine refuses. */
      readonly reason: 'not-a-url' | 'unknown-scheme' | 'shape';
      readonly scheme?: string;
      /** "expected duckdb:PATH, postgres://… or redshift://…", for a setting's message. */
      readonly expected: string;
    };

/**
 * Reads a warehouse URL: its scheme picks the engine, whose descriptor checks its shape.
 * The one place a warehouse URL is parsed.
 */
export function readWarehouseUrl(text: string): WarehouseReading {
  const expected = `expected ${warehouseExamples()}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not-a-url', expected };
  }
  const scheme = url.protocol.replace(/:$/, '');
  const engine = engineForScheme(scheme);
  if (engine === undefined) return { ok: false, reason: 'unknown-scheme', scheme, expected };
  if (!engine.accepts(url, text)) return { ok: false, reason: 'shape', scheme, expected };
  return { ok: true, address: { text, url, engine } };
}

/** The URL with relative parts made absolute against `baseDir`, as its engine wants it. */
export function normaliseWarehouseUrl(address: WarehouseAddress, baseDir: string): string {
  return address.engine.normalise?.(address.url, address.text, baseDir) ?? address.text;
}

/** Whether the engine reads an option: a password, for instance, means nothing to a file. */
export function engineReads(address: WarehouseAddress, option: EngineOptionName): boolean {
  return address.engine.options.includes(option);
}

/** Built-in engines first, in their order, then any registered ones (tests). */
function builtInFirst(): readonly EngineDescriptor[] {
  const engines = knownEngines();
  return [...builtInEngines.filter((engine) => engines.includes(engine)), ...engines.filter((engine) => !builtInEngines.includes(engine))];
}

function listed(items: readonly string[], conjunction: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** An example URL of an engine other than the default one, for a command's examples. */
export function otherWarehouseExample(): string {
  const engines = builtInFirst();
  return (engines.find((engine) => engine.defaultUrl === undefined) ?? engines[0])?.example ?? '';
}
