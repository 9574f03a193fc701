/**
 * The building blocks of the settings' validators (setting-values.ts declares which setting
 * uses which): each turns text into a typed value or fails saying what is expected.
 */
import { z } from 'zod';
import { readWarehouseUrl } from '../engines/registry.js';

export function wholeNumber(min: number, max: number, expected: string) {
  return z
    .string()
    .regex(/^\d+$/, { error: expected })
    .transform(Number)
    .pipe(z.number().min(min, { error: expected }).max(max, { error: expected }));
}

export function matching(pattern: RegExp, expected: string) {
  return z.string().regex(pattern, { error: expected });
}

export const s3Uri = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
export const schemeLike = /^[a-z][a-z0-9+.-]+:/i;

/** A local path, or an s3:// URI; any other scheme (or a mistyped s3:/) is refused. */
export function location(expected: string) {
  return z.string().refine((v) => s3Uri.test(v) || !schemeLike.test(v), { error: expected });
}

/** A URL whose scheme a registered engine answers to, in the shape that engine expects. */
export const warehouseUrl = z.string().superRefine((value, context) => {
  const reading = readWarehouseUrl(value);
  if (!reading.ok) context.addIssue({ code: 'custom', message: reading.expected });
});

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function isIpv4Cidr(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!match) return false;
  const numbers = match.slice(1).map(Number);
  return numbers.slice(0, 4).every((n) => n <= 255) && (numbers[4] ?? 99) <= 32;
}

// The words configparser's getboolean() accepts.
export const booleanWords: Record<string, boolean> = {
  ...{ '1': true, yes: true, true: true, on: true },
  ...{ '0': false, no: false, false: false, off: false },
};
export const boolean = z
  .string()
  .transform((v) => v.toLowerCase())
  .refine((v) => Object.hasOwn(booleanWords, v), { error: 'expected true or false (also yes/no, on/off, 1/0)' })
  .transform((v) => booleanWords[v] === true);

/** Slashes at either end of a key prefix carry no meaning: "/a/b/" is the prefix "a/b". */
export function keyPrefix(expected: string) {
  return z
    .string()
    .transform((v) => v.replace(/^\/+|\/+$/g, ''))
    .refine((v) => v !== '' && !/[\p{Cc}\\]/u.test(v), { error: expected });
}

export const bucketName = matching(
  /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  'expected an S3 bucket name such as my-sparkify-data (3-63 lower-case letters, digits, dots, hyphens; no s3://)',
);
export const dataLocation = 'expected a local folder or an s3://bucket/prefix URI';
