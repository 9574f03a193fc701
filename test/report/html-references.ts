/**
 * What in an HTML page would make a browser load something, read from its markup
 * (tags, attributes, style sheets) and never from escaped data text. Used to prove
 * the report opens offline; the browser test proves it again by watching requests.
 */
export { externalReferences } from '../../src/report/markup-references.js';
