/**
 * Small typed readers for one JSON field each. They return the value, or throw a
 * FieldError whose message becomes the rejected record's reason.
 */

export class FieldError extends Error {}

type JsonObject = Record<string, unknown>;

const INT32_MAX = 2_147_483_647;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

export function optionalText(record: JsonObject, field: string): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new FieldError(`"${field}" must be a string or null, not ${describe(value)}`);
  // PostgreSQL and Redshift cannot store U+0000 in text; refusing it here keeps every engine alike.
  if (value.includes('\u0000')) throw new FieldError(`"${field}" holds a NUL character (\\u0000), which no warehouse text column can store`);
  return value;
}

export function optionalNumber(record: JsonObject, field: string): number | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new FieldError(`"${field}" must be a number or null, not ${describe(value)}`);
  }
  return value;
}

export function optionalInteger(record: JsonObject, field: string): number | null {
  const value = optionalNumber(record, field);
  if (value !== null && (!Number.isInteger(value) || Math.abs(value) > INT32_MAX)) {
    throw new FieldError(`"${field}" must be a 32-bit integer, not ${describe(value)}`);
  }
  return value;
}

export function requiredInteger(record: JsonObject, field: string): number {
  const value = optionalInteger(record, field);
  if (value === null) throw new FieldError(`"${field}" is missing`);
  return value;
}

/** Epoch milliseconds: an integer, so it must be a safe one (not only 32-bit). */
export function requiredEpochMillis(record: JsonObject, field: string): number {
  const value = record[field];
  if (value === undefined || value === null) throw new FieldError(`"${field}" is missing`);
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new FieldError(`"${field}" must be an integer number of epoch milliseconds, not ${describe(value)}`);
  }
  return value;
}

export function requiredText(record: JsonObject, field: string): string {
  const value = optionalText(record, field);
  if (value === null || value.length === 0) throw new FieldError(`"${field}" is missing or empty`);
  return value;
}

/** A user id: a string of digits, "" for a logged-out visitor; a whole number is accepted as its digits. */
export function userId(record: JsonObject, field: string): string {
  const value = record[field];
  if (typeof value === 'string' && /^\d*$/.test(value) && value.length <= 9) return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 999_999_999) return String(value);
  throw new FieldError(`"${field}" must be a string of digits or "", not ${describe(value)}`);
}
