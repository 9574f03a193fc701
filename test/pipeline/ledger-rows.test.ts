/**
 * The ledger is written in slices of 100,000 rows (pipeline/ledger.ts), so a load of 1 M
 * files never holds all its ledger rows at once. Every file gets exactly its row, across
 * a slice's edge too, with its own outcome.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTables } from '../../src/pipeline/create-tables.js';
import { recordLoadedFiles, type FileOutcome, type PlannedFile } from '../../src/pipeline/ledger.js';
import { withEngine } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('ledger-rows');
afterAll(() => temp.remove());

describe('the ledger of a large load', () => {
  it('has one row per file, with its outcome, across the 100,000-row slices', async () => {
    const files: PlannedFile[] = Array.from({ length: 200_003 }, (_, index) => ({
      uri: `/data/song_data/${index}.json`,
      size: 100 + (index % 7),
      fingerprint: `f${index}`,
      kind: index < 200_000 ? 'songs' : 'events',
      fileId: index + 1,
      replaces: false,
    }));
    const outcomes = new Map<number, FileOutcome>(files.map((file) => [file.fileId, { accepted: file.fileId % 3, rejected: file.fileId % 2 }]));
    const warehouse = { url: `duckdb:${path.join(temp.path, 'ledger.duckdb')}`, options: { memoryLimit: '256MB' } };
    await withEngine(warehouse, async (engine) => {
      await createTables(engine, { drop: true });
      await recordLoadedFiles(engine, files, outcomes, 1, new Date(Date.UTC(2026, 11, 2)));
      const [totals] = await engine.query(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT uri) AS uris, SUM(rows_loaded) AS loaded, SUM(rows_rejected) AS rejected FROM load_files',
      );
      const expected = { loaded: 0, rejected: 0 };
      for (const outcome of outcomes.values()) {
        expected.loaded += outcome.accepted;
        expected.rejected += outcome.rejected;
      }
      expect(totals).toEqual({ n: 200_003, uris: 200_003, ...expected });
      const edges = await engine.query(
        'SELECT file_id, kind, uri, size, rows_loaded FROM load_files WHERE file_id IN (100000, 100001, 200001, 200003) ORDER BY file_id',
      );
      expect(edges).toEqual([
        { file_id: 100_000, kind: 'songs', uri: '/data/song_data/99999.json', size: 100 + (99_999 % 7), rows_loaded: 100_000 % 3 },
        { file_id: 100_001, kind: 'songs', uri: '/data/song_data/100000.json', size: 100 + (100_000 % 7), rows_loaded: 100_001 % 3 },
        { file_id: 200_001, kind: 'events', uri: '/data/song_data/200000.json', size: 100 + (200_000 % 7), rows_loaded: 200_001 % 3 },
        { file_id: 200_003, kind: 'events', uri: '/data/song_data/200002.json', size: 100 + (200_002 % 7), rows_loaded: 200_003 % 3 },
      ]);
    });
  }, 60_000);
});
