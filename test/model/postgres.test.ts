/** The reference-model properties on PostgreSQL (the run's embedded server). */
import { defineModelProperties } from './define-model-properties.js';
import { engineSetups } from './engine-setups.js';

defineModelProperties(engineSetups.postgres());
