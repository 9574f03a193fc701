/** DuckDB's capabilities, shared by its descriptor (index.ts) and its engine without loading the driver. */
import { defaultCapabilities, type Capabilities } from '../engine.js';

export const duckdbCapabilities: Capabilities = {
  ...defaultCapabilities,
  // Primary keys cost an in-memory index per key; uniqueness is a check instead (docs/design.md).
  enforcesPrimaryKeys: false,
  loadInOneTransaction: true,
  stagesEveryAcceptedRecord: true,
  // DuckDB gives a table scan threads by the table's committed rows: rows staged in the
  // load's own transaction were read by the transform on one thread (pipeline/stage-ahead.ts).
  stagesAheadWhenEmpty: true,
};
