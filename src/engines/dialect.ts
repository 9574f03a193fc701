/**
 * The Dialect an engine supplies, as engines import it. The type itself lives in
 * sql/dialect.ts, where shared SQL can use it without importing engines/.
 */
export { ansiQuoting, type Dialect } from '../sql/dialect.js';
