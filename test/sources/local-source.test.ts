/** A local tree as a source: what is listed, in which order, and how it fails. */
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
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
    expect({ uri: first.uri, size: first.size, fingerprint: first.fingerprint }).toEqual({
      uri: path.join(root, 'a', 'A', 'B', 'TRABC.json'),
      size: 15,
      fingerprint: `15-${Math.trunc(info.mtimeMs)}`,
    });
  });

  // The walk takes each folder in the order of the paths under it rather than sorting every
  // path: generated trees of names that are prefixes of one another, and names around the
  // separator in code order ('-' and '.' sort before '/', '0' after), must list as the sort would.
  it('lists any tree in the order of its sorted paths', async () => {
    const name = fc.stringMatching(/^[a-c]{1,2}[-.0_]?[a-c]?$/);
    const tree = fc.uniqueArray(fc.array(name, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12, selector: (parts) => parts.join('/') });
    await fc.assert(fc.asyncProperty(tree, async (paths) => {
      const tree = mkdtempSync(path.join(root, 'tree-'));
      const written: string[] = [];
      for (const parts of paths) {
        const file = path.join(tree, ...parts.slice(0, -1), `${parts.at(-1)!}.json`);
        // A name taken as a folder by one path and as a file by another: the first one wins.
        try {
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, '{}', { flag: 'wx' });
          written.push(file);
        } catch {
          continue;
        }
      }
      const listed = (await new LocalSource(tree).list()).map((file) => file.uri);
      expect(listed).toEqual([...written].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }), { numRuns: 60 });
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

describe('LocalSource.list with symbolic links', () => {
  it('follows a link to a folder and a link to a file, listing each file by the path through the link', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'sparkify-local-outside-'));
    try {
      mkdirSync(path.join(outside, '2018', '11'), { recursive: true });
      writeFileSync(path.join(outside, '2018', '11', 'a-events.json'), '{"a":1}\n');
      writeFileSync(path.join(outside, 'single.json'), '{"b":2}\n');
      write('log_data/own-events.json', '{}\n');
      symlinkSync(path.join(outside, '2018'), path.join(root, 'log_data', '2018'));
      symlinkSync(path.join(outside, 'single.json'), path.join(root, 'log_data', 'linked.json'));
      const files = await new LocalSource(path.join(root, 'log_data')).list();
      expect(files.map((f) => path.relative(root, f.uri))).toEqual([
        path.join('log_data', '2018', '11', 'a-events.json'),
        path.join('log_data', 'linked.json'),
        path.join('log_data', 'own-events.json'),
      ]);
      expect(files[0]!.size).toBe(8);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('follows a source root that is itself a link, and relative links', async () => {
    write('real/A/TRA.json', '{}');
    symlinkSync('real', path.join(root, 'alias'));
    symlinkSync(path.join('..', 'elsewhere'), path.join(root, 'real', 'C'));
    write('elsewhere/TRC.json', '{}');
    expect((await new LocalSource(path.join(root, 'alias')).list()).map((f) => path.relative(root, f.uri))).toEqual([
      path.join('alias', 'A', 'TRA.json'),
      path.join('alias', 'C', 'TRC.json'),
    ]);
  });

  it('fails on a link loop, naming the link and the folder it leads back to', async () => {
    write('tree/A/TRA.json', '{}');
    symlinkSync(path.join(root, 'tree'), path.join(root, 'tree', 'A', 'back'));
    await expect(new LocalSource(path.join(root, 'tree')).list()).rejects.toThrow(
      `${path.join(root, 'tree', 'A', 'back')}: a symbolic link loop: this leads back to ${path.join(root, 'tree')}, which holds it`,
    );
  });

  it('fails on a link that leads to itself, naming it', async () => {
    write('tree/TRA.json', '{}');
    symlinkSync(path.join(root, 'tree', 'two'), path.join(root, 'tree', 'one'));
    symlinkSync(path.join(root, 'tree', 'one'), path.join(root, 'tree', 'two'));
    await expect(new LocalSource(path.join(root, 'tree')).list()).rejects.toThrow(`${path.join(root, 'tree', 'one')}: a symbolic link loop`);
  });

  it('refuses a folder or a file reached twice, which would load twice', async () => {
    write('tree/A/TRA.json', '{}');
    symlinkSync(path.join(root, 'tree', 'A'), path.join(root, 'tree', 'B'));
    await expect(new LocalSource(path.join(root, 'tree')).list()).rejects.toThrow(
      `${path.join(root, 'tree', 'B')}: is the folder ${path.join(root, 'tree', 'A')} again (through a symbolic link), so its files would load twice`,
    );
    rmSync(path.join(root, 'tree', 'B'));
    symlinkSync(path.join(root, 'tree', 'A', 'TRA.json'), path.join(root, 'tree', 'TRB.json'));
    await expect(new LocalSource(path.join(root, 'tree')).list()).rejects.toThrow(
      `${path.join(root, 'tree', 'TRB.json')}: is the file ${path.join(root, 'tree', 'A', 'TRA.json')} again (through a symbolic link)`,
    );
  });

  it('skips a broken link not named like a JSON file', async () => {
    write('tree/TRA.json', '{}');
    symlinkSync(path.join(root, 'nowhere'), path.join(root, 'tree', 'gone-folder'));
    expect((await new LocalSource(path.join(root, 'tree')).list()).map((f) => path.basename(f.uri))).toEqual(['TRA.json']);
  });
});
