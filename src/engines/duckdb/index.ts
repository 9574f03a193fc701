/**
 * DuckDB engine: may import engines/engine, sql/, records/ and errors; never the
 * pipeline, the CLI or config/. `duckdb:PATH` opens (or creates) the file at PATH, a
 * relative PATH being relative to where the URL was written; `duckdb::memory:` an
 * in-memory warehouse. The driver loads only when a warehouse is opened.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { duckdbCapabilities } from './capabilities.js';
import type { EngineDescriptor } from '../engine-descriptor.js';

/** The database file a `duckdb:` URL names; '' for an in-memory warehouse. */
function fileOf(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

const inMemory = (file: string): boolean => file === '' || file.startsWith(':memory:');

export const duckdbEngine: EngineDescriptor = {
  name: 'duckdb',
  title: 'DuckDB',
  schemes: ['duckdb'],
  example: 'duckdb:PATH',
  defaultUrl: 'duckdb:sparkify.duckdb',
  options: ['memoryLimit'],
  capabilities: duckdbCapabilities,
  // duckdb:PATH or duckdb:///abs/path; duckdb://name would put the file name in the host.
  accepts: (url) => url.host === '' && url.pathname !== '' && url.pathname !== '/',
  normalise(url, text, baseDir) {
    const file = fileOf(url);
    if (inMemory(file) || path.isAbsolute(file)) return text;
    // The engine decodes the path, so the characters a URL path cannot hold are encoded.
    const encoded = path.resolve(baseDir, file).replace(/[%#?]/g, (c) => encodeURIComponent(c));
    return `duckdb:${encoded}${url.search}`;
  },
  exists: (url) => inMemory(fileOf(url)) || existsSync(fileOf(url)),
  location: (url) => fileOf(url),
  async open(url, options) {
    const { DuckDbEngine } = await import('./duckdb-engine.js');
    const file = decodeURIComponent(url.pathname);
    return DuckDbEngine.open(file === '' ? ':memory:' : file, options);
  },
};
