/**
 * `infra`'s one-line description, in a file of its own: the command list (index.ts) shows
 * it without loading infra.ts and its AWS clients, and infra.ts uses it without importing
 * the command list back.
 */
export const INFRA_DESCRIPTION = 'provision, inspect and remove the AWS resources of a Redshift warehouse (costs money while up)';
