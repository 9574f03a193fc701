/**
 * A load lets go of its file list once the files are staged and recorded (pipeline/etl.ts,
 * recordFiles): at XL the list is 1 M objects, and the transform that follows needs only
 * the plan's totals. Every listed file is watched through a WeakRef; while the transform
 * runs, after a full collection, none may be left. Anything that kept the list (a closure,
 * the plan, a stager's state) would keep them all.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEtl } from '../../src/pipeline/etl.js';
import { collectNow } from '../../src/pipeline/heap-guard.js';
import { openSource } from '../../src/sources/open-source.js';
import type { Source, SourceFile } from '../../src/sources/source.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { withEngine } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('file-list-released');
afterAll(() => temp.remove());

/** A source whose listed files are each watched. */
function watched(source: Source, watches: WeakRef<SourceFile>[]): Source {
  return {
    root: source.root,
    list: async () => {
      const files = await source.list();
      watches.push(...files.map((file) => new WeakRef(file)));
      return files;
    },
    open: (file) => source.open(file),
    readWhole: source.readWhole ? (file) => source.readWhole!(file) : undefined,
  };
}

describe('the file list of a load', () => {
  it('is let go before the transform, on a first load (staged ahead) and on an incremental one', async () => {
    const input = writeFixtureTree(temp.path, {
      songs: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`A/TR${i}.json`, [song({ song_id: `SO${i}`, title: `T${i}` })]])),
      events: { 'day-1.json': [event()], 'day-2.json': [event({ ts: 1_541_990_000_000 })] },
    });
    const warehouse = { url: `duckdb:${path.join(temp.path, 'w.duckdb')}`, options: { memoryLimit: '256MB' } };
    await withEngine(warehouse, async (engine) => {
      for (const load of ['first', 'incremental']) {
        if (load === 'incremental') writeFileSync(path.join(input.logData, 'day-3.json'), `${JSON.stringify(event({ ts: 1_542_090_000_000 }))}\n`);
        const watches: WeakRef<SourceFile>[] = [];
        const alive: number[] = [];
        const sources = {
          songs: watched(await openSource(input.songData), watches),
          events: watched(await openSource(input.logData), watches),
        };
        const report = await runEtl({
          engine,
          sources,
          maxErrors: 0,
          afterTable: async () => {
            collectNow();
            alive.push(watches.filter((watch) => watch.deref() !== undefined).length);
          },
        });
        expect(report.filesLoaded).toBe(load === 'first' ? 42 : 1);
        expect(watches).toHaveLength(43 - (load === 'first' ? 1 : 0));
        expect(alive.length).toBeGreaterThan(0);
        expect(alive).toEqual(alive.map(() => 0));
      }
    });
  }, 60_000);
});
