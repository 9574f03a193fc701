/** The reference-model properties on DuckDB. */
import { defineModelProperties } from './define-model-properties.js';
import { engineSetups } from './engine-setups.js';

defineModelProperties(engineSetups.duckdb());
