/**
 * What an incremental load costs beyond its own files (issue 13, "incremental at scale"):
 * the ledger's decision is made without reading the ledger into Node where the engine
 * can compare inside the warehouse (pipeline/changed-files.ts), and the row counts of the
 * load summary are worked out, not counted, on an incremental load (pipeline/known-rows.ts).
 * Both must give exactly what the old way gave: the in-Node comparison, and COUNT(*).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../src/engines/insert-with-values.js';
import { changedFiles, changedFilesInNode, type ListedFile } from '../../src/pipeline/changed-files.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { withEngine } from '../support/load.js';
import { nastyStrings } from '../support/nasty-strings.js';
import { makeTempDir } from '../support/temp-dir.js';
import type { EngineHarness } from './harness.js';


/** The old decision (pipeline/ledger.ts before issue 13), as plain code: the oracle. */
function expectedChanges(ledger: readonly { uri: string; fingerprint: string; fileId: number }[], listing: readonly ListedFile[]) {
  const known = new Map(ledger.map((row) => [row.uri, row]));
  return listing.flatMap((file, index) => {
    const previous = known.get(file.uri);
    return previous?.fingerprint === file.fingerprint ? [] : [{ index, fileId: previous?.fileId }];
  });
}

export function rerunCostCases(harness: EngineHarness): void {
  describe('the fixed cost of a rerun: the ledger compared in the warehouse, row counts worked out', () => {
    const temp = makeTempDir('rerun-cost');
    afterAll(() => temp.remove());

    it('decides new, changed and unchanged files as the in-Node comparison does (generated listings)', async () => {
      const uris = fc.constantFrom('/d/a.json', '/d/b.json', '/d/A.json', '/d/a.json ', 's3://b/k/c.json', ...nastyStrings.map((s) => `/d/${s}.json`));
      const fingerprints = fc.constantFrom('10-1', '10-2', '11-1', '"etag"', '10-1 ');
      const scenario = fc.record({
        ledger: fc.uniqueArray(fc.record({ uri: uris, fingerprint: fingerprints }), { selector: (row) => row.uri, maxLength: 8 }),
        // A URI may be listed twice (the same folder named for songs and for logs).
        listing: fc.array(fc.record({ uri: uris, fingerprint: fingerprints }), { maxLength: 12 }),
        firstId: fc.integer({ min: 1, max: 1_000_000 }),
      });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createTables(engine, { drop: true });
        await fc.assert(
          fc.asyncProperty(scenario, async ({ ledger, listing, firstId }) => {
            await engine.exec('DELETE FROM load_files');
            const rows = ledger.map((row, i) => ({ ...row, fileId: firstId + 3 * i }));
            await insertRows(engine, 'load_files', ['file_id', 'kind', 'uri', 'size', 'fingerprint', 'rows_loaded', 'rows_rejected', 'run_id', 'loaded_at'],
              rows.map((row) => [row.fileId, 'songs', row.uri, 10, row.fingerprint, 1, 0, 1, new Date(0)]));
            const expected = expectedChanges(rows, listing);
            expect(await changedFiles(engine, listing)).toEqual(expected);
            // Both ways where the engine can take the listing in bulk (the other way is its only one).
            if (engine.insertRows) expect(await changedFilesInNode(engine, listing)).toEqual(expected);
          }),
          { numRuns: Number(process.env.SPARKIFY_PROPERTY_RUNS ?? 25) },
        );
      });
    });
  });
}
