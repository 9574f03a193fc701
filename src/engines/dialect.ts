/**
 * The dialect an engine supplies. The type lives in sql/dialect.ts, where shared SQL
 * can use it without importing engines/; engines import it from here or from there.
 */
export { ansiQuoting, type Dialect } from '../sql/dialect.js';
