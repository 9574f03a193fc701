/** PostgreSQL's capabilities, shared by its descriptor (index.ts) and its engine without loading the driver. */
import { defaultCapabilities, type Capabilities } from '../engine.js';

export const postgresCapabilities: Capabilities = {
  ...defaultCapabilities,
  enforcesPrimaryKeys: true,
  loadInOneTransaction: true,
  stagesEveryAcceptedRecord: true,
};
