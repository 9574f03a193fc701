/**
 * A tree of JSON files on a local disk (or a single file).
 *
 * Listing and small reads are synchronous on purpose: a CLI load does nothing else
 * meanwhile, and for 100 k small files readdirSync + statSync take 0.3 s against 0.6 s
 * async, and a whole small file ~20 µs against ~100 µs for a stream.
 */
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { LoadError } from '../errors.js';
import type { Source, SourceFile } from './source.js';

/** Files up to this size are read whole, in one call; larger ones are streamed. */
const WHOLE_FILE_BYTES = 1 << 20;

export class LocalSource implements Source {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async list(): Promise<SourceFile[]> {
    const files = this.isFolder() ? this.findJsonFiles() : [describeFile(this.root)];
    if (files.length === 0) throw new LoadError(`${this.root}: holds no .json files; check the source path`);
    return files.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  open(file: SourceFile): Readable {
    return createReadStream(file.uri, { highWaterMark: 1 << 20 });
  }

  readWhole(file: SourceFile): Buffer | undefined {
    return file.size <= WHOLE_FILE_BYTES ? readFileSync(file.uri) : undefined;
  }

  private isFolder(): boolean {
    try {
      return statSync(this.root).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new LoadError(`${this.root}: no such file or folder; check the source path`);
      if (code === 'EACCES') throw new LoadError(`${this.root}: permission denied`);
      throw new LoadError(`${this.root}: ${(error as Error).message}`);
    }
  }

  /**
   * Walks one folder at a time and describes each file as it is found. A recursive
   * readdirSync would hold every entry of the tree at once: for 100 k files that is
   * 60 MB more in V8's old generation, and peak RSS with it.
   */
  private findJsonFiles(): SourceFile[] {
    const files: SourceFile[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const entryPath = path.join(folder, entry.name);
        if (entry.name.endsWith('.json')) {
          if (entry.isDirectory()) throw new LoadError(`${entryPath}: is a directory where a file was expected`);
          files.push(describeFile(entryPath));
        } else if (entry.isDirectory()) {
          walk(entryPath);
        }
      }
    };
    try {
      walk(this.root);
      return files;
    } catch (error) {
      if (error instanceof LoadError) throw error;
      const { code, path: failedPath } = error as NodeJS.ErrnoException;
      if (code === 'ENOENT' && failedPath) {
        throw new LoadError(`${failedPath}: disappeared or is a broken link; check the source tree`, { cause: error });
      }
      throw new LoadError(`${failedPath ?? this.root}: cannot be listed (${code ?? 'error'}); check its permissions`, { cause: error });
    }
  }
}

function describeFile(file: string): SourceFile {
  const info = statSync(file);
  // toFixed, not String(): V8 keeps number-to-string results in its old generation.
  return { uri: file, size: info.size, fingerprint: `${info.size.toFixed(0)}-${Math.trunc(info.mtimeMs).toFixed(0)}` };
}
