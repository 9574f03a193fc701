/**
 * What an engine folder tells the rest of sparkify about itself, without loading its
 * driver: the URL schemes it answers to, how its URL is checked and normalised, an
 * example for help texts, the options it reads, its capabilities, and a lazy `open`.
 * Each engine folder's index.ts exports exactly one; registry.ts lists them, and config
 * validation, help texts, messages and the factory read that list. Imports only the
 * engine contract: config/ and the CLI import this, never the other way round.
 */
import type { Capabilities, ClusterDefaults, Engine, EngineOptions } from './engine.js';

/** Options every engine may be given whether or not it reads them. */
export type EngineOptionName = Exclude<keyof EngineOptions, 'lockTimeoutMs' | 'readOnly'>;

export interface EngineDescriptor {
  /** Short name, as `Engine.name` and reports spell it: "duckdb". */
  readonly name: string;
  /** The product's name for people: "DuckDB". */
  readonly title: string;
  /** URL schemes, without the colon; the first is the one examples use. */
  readonly schemes: readonly string[];
  /** The URL's shape for help texts and messages: "duckdb:PATH". */
  readonly example: string;
  /** The warehouse used when none is given; at most one engine has one. */
  readonly defaultUrl?: string;
  /** The options of `EngineOptions` this engine reads (help texts name the engines per flag). */
  readonly options: readonly EngineOptionName[];
  readonly capabilities: Capabilities;
  /** Whether the URL has the shape this engine needs (`text` as written, before URL parsing normalised it). */
  accepts(url: URL, text: string): boolean;
  /**
   * The URL with whatever depends on the current folder made absolute against `baseDir`
   * (a relative database file), so the warehouse does not move with the process's cwd.
   * Absent: the URL is used as written.
   */
  normalise?(url: URL, text: string, baseDir: string): string;
  /**
   * Whether the warehouse exists, for commands that only read and must not create one.
   * Absent: the server refuses a database that does not exist anyway.
   */
  exists?(url: URL): boolean;
  /** Where the URL says the warehouse is, for the message when `exists` says no. */
  location?(url: URL): string;
  /**
   * The URL of this engine's warehouse at the course's `[CLUSTER] HOST` (with DB_USER,
   * DB_PORT, DB_NAME): the engine a dwh.cfg without a warehouse setting means. At most
   * one engine has it.
   */
  fromCluster?(host: string, cluster: ClusterDefaults): string;
  /** Opens the warehouse; loads the driver only now. */
  open(url: URL, options: EngineOptions): Promise<Engine>;
}
