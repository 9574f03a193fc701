/** A tree of JSON files on a local disk (or a single file). */
import { createReadStream, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { LoadError } from '../errors.js';
import type { Source, SourceFile } from './source.js';

const STAT_CONCURRENCY = 64;
/** Files up to this size are read whole, in one call: far cheaper than a stream each. */
const WHOLE_FILE_BYTES = 1 << 20;

export class LocalSource implements Source {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async list(): Promise<SourceFile[]> {
    const rootStat = await stat(this.root).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new LoadError(`${this.root}: no such file or folder; check the source path`);
      if (error.code === 'EACCES') throw new LoadError(`${this.root}: permission denied`);
      throw new LoadError(`${this.root}: ${error.message}`);
    });
    const paths = rootStat.isDirectory() ? await this.findJsonFiles() : [this.root];
    if (paths.length === 0) throw new LoadError(`${this.root}: holds no .json files; check the source path`);
    paths.sort();

    const files: SourceFile[] = [];
    for (let start = 0; start < paths.length; start += STAT_CONCURRENCY) {
      const slice = paths.slice(start, start + STAT_CONCURRENCY);
      files.push(...(await Promise.all(slice.map((file) => this.describeFile(file)))));
    }
    return files;
  }

  open(file: SourceFile): Readable {
    return createReadStream(file.uri, { highWaterMark: 1 << 20 });
  }

  readWhole(file: SourceFile): Buffer | undefined {
    // Synchronous on purpose: for a small cached file it is ~20 µs against ~100 µs async.
    return file.size <= WHOLE_FILE_BYTES ? readFileSync(file.uri) : undefined;
  }

  private async findJsonFiles(): Promise<string[]> {
    try {
      const entries = await readdir(this.root, { recursive: true, withFileTypes: true });
      const files = entries.filter((entry) => entry.name.endsWith('.json'));
      const folder = files.find((entry) => entry.isDirectory());
      if (folder) throw new LoadError(`${path.join(folder.parentPath, folder.name)}: is a directory where a file was expected`);
      return files.map((entry) => path.join(entry.parentPath, entry.name));
    } catch (error) {
      if (error instanceof LoadError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new LoadError(`${this.root}: cannot list the folder (${code ?? 'error'}); check its permissions`, { cause: error });
    }
  }

  private async describeFile(file: string): Promise<SourceFile> {
    const info = await stat(file);
    return { uri: file, size: info.size, fingerprint: `${info.size}-${Math.trunc(info.mtimeMs)}` };
  }
}
