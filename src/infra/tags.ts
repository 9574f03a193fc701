/**
 * The two tags that mark a resource as made by `sparkify infra up` for one stack, and reading
 * them back. `down` deletes only what carries both, with this stack's name.
 */
import type { Ownership } from './types.js';

export const MANAGED_BY_KEY = 'sparkify:managed-by';
export const MANAGED_BY_VALUE = 'sparkify';
export const STACK_KEY = 'sparkify:stack';

export function stackTags(stack: string): Readonly<Record<string, string>> {
  return { [MANAGED_BY_KEY]: MANAGED_BY_VALUE, [STACK_KEY]: stack };
}

/** The tag list shape of S3, IAM, EC2 and Redshift. */
export function toAwsTags(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** The tag list shape of Redshift Serverless (lower-case keys). */
export function toServerlessTags(tags: Readonly<Record<string, string>>): { key: string; value: string }[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

interface AnyTag {
  readonly Key?: string;
  readonly Value?: string;
  readonly key?: string;
  readonly value?: string;
}

/** Any service's tag list as a plain record. */
export function tagRecord(tags: readonly AnyTag[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags ?? []) {
    const key = tag.Key ?? tag.key;
    if (key !== undefined) record[key] = tag.Value ?? tag.value ?? '';
  }
  return record;
}

export function ownershipOf(tags: Readonly<Record<string, string>>, stack: string): Ownership {
  if (tags[MANAGED_BY_KEY] !== MANAGED_BY_VALUE) return 'unmanaged';
  return tags[STACK_KEY] === stack ? 'ours' : 'other-stack';
}
