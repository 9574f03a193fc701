/** A local tree as a source: what is listed, in which order, and how it fails. */
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalSource } from '../../src/sources/local-source.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sparkify-local-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe('LocalSource.list', () => {
  it('lists every .json file of the tree, nested, sorted by path, with size and a size-mtime fingerprint', async () => {
    write('b/2018/11/2018-11-02-events.json', '{"a":1}\n');
    write('a/A/B/TRABC.json', '{"song_id":"S"}');
    write('a/A/TRAAA.json', '{}');
    write('a/notes.txt', 'not json');
    write('b/README', 'no');
    const files = await new LocalSource(root).list();
    expect(files.map((file) => path.relative(root, file.uri))).toEqual([
      path.join('a', 'A', 'B', 'TRABC.json'),
      path.join('a', 'A', 'TRAAA.json'),
      path.join('b', '2018', '11', '2018-11-02-events.json'),
    ]);
    const first = files[0]!;
    const info = statSync(first.uri);
    expect(first).toEqual({ uri: first.uri, size: 15, fingerprint: `15-${Math.trunc(info.mtimeMs)}` });
  });

  it('lists a single file given as the source', async () => {
    const file = write('one.json', '{}\n');
    expect((await new LocalSource(file).list()).map((f) => f.uri)).toEqual([file]);
  });

  it('refuses a folder named like a JSON file, a tree without JSON, and a missing path, naming the path', async () => {
    mkdirSync(path.join(root, 'deep', 'odd.json'), { recursive: true });
    await expect(new LocalSource(root).list()).rejects.toThrow(`${path.join(root, 'deep', 'odd.json')}: is a directory where a file was expected`);
    rmSync(path.join(root, 'deep'), { recursive: true });
    write('x.txt', '');
    await expect(new LocalSource(root).list()).rejects.toThrow(`${root}: holds no .json files`);
    await expect(new LocalSource(path.join(root, 'missing')).list()).rejects.toThrow('no such file or folder');
    write('ok.json', '{}');
    symlinkSync(path.join(root, 'gone.json'), path.join(root, 'broken.json'));
    await expect(new LocalSource(root).list()).rejects.toThrow(`${path.join(root, 'broken.json')}: disappeared or is a broken link`);
  });
});
