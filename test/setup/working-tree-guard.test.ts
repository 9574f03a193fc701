/** The working-tree guard notices a file written into a checkout, ignored files included, and nothing else. */
import { execFileSync } from 'node:child_process';
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir.js';
import { changesBetween, workingTreeSnapshot } from './working-tree-guard.js';

describe('working-tree guard', () => {
  const temp = makeTempDir('tree-guard');
  afterAll(() => temp.remove());
  const root = temp.path;
  execFileSync('git', ['init', '-q', root]);
  writeFileSync(path.join(root, '.gitignore'), 'report.html\n*.duckdb\n');
  writeFileSync(path.join(root, 'notes.txt'), 'a user\'s untracked work');

  it('sees nothing when nothing changed', () => {
    const before = workingTreeSnapshot(root);
    expect(before).toBeDefined();
    expect(changesBetween(before!, workingTreeSnapshot(root)!)).toEqual([]);
  });

  it('names an ignored file written by a test, and a user\'s file changed by one', () => {
    const before = workingTreeSnapshot(root)!;
    writeFileSync(path.join(root, 'report.html'), '<html>');
    const later = new Date(Date.now() + 5_000);
    writeFileSync(path.join(root, 'notes.txt'), 'overwritten!');
    utimesSync(path.join(root, 'notes.txt'), later, later);
    const changes = changesBetween(before, workingTreeSnapshot(root)!);
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatch(/^notes\.txt: \?\? 23 bytes, modified .* -> \?\? 12 bytes/);
    expect(changes[1]).toMatch(/^report\.html: clean -> !! 6 bytes/);
  });

  it('says when a folder is not a git checkout', () => {
    const outside = makeTempDir('not-git');
    try {
      expect(workingTreeSnapshot(outside.path)).toBeUndefined();
    } finally {
      outside.remove();
    }
  });
});
