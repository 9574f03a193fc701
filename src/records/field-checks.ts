/**
 * Small typed readers for one JSON field each. They return the value, or throw a
 * FieldError whose message becomes the rejected record's reason.
 */
import { exactIntegerOf, inInt64Range, INT64_MAX, int64Of, numberTextIn, type Int64 } from './int64.js';

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

/** A count or a year: a 32-bit integer. Identifiers are 64-bit: see int64Field. */
export function optionalInteger(record: JsonObject, field: string): number | null {
  const value = optionalNumber(record, field);
  if (value !== null && (!Number.isInteger(value) || Math.abs(value) > INT32_MAX)) {
    throw new FieldError(`"${field}" must be a 32-bit integer, not ${describe(value)}`);
  }
  return value;
}

/**
 * An identifier: a signed 64-bit integer, exact. A JSON.parse'd integer past 2^53 (or
 * one too big for a double) is read again from the line's digits.
 */
export function int64Field(record: JsonObject, field: string, line: string): Int64 | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') throw new FieldError(`"${field}" must be an integer or null, not ${describe(value)}`);
  if (Number.isSafeInteger(value)) return value;
  if (Number.isFinite(value) && !Number.isInteger(value)) throw new FieldError(`"${field}" must be an integer, not ${describe(value)}`);
  return exactInt64(field, numberTextIn(line, field) ?? String(value), 'an integer');
}

/** The exact integer a JSON number's text holds, within signed 64 bits, or a FieldError saying which rule it breaks. */
function exactInt64(field: string, numberText: string, expected: string): Int64 {
  const exact = exactIntegerOf(numberText);
  if (exact === undefined) throw new FieldError(`"${field}" must be ${expected}, not number ${numberText}`);
  if (!inInt64Range(exact)) throw new FieldError(`"${field}" ${numberText} is outside the signed 64-bit integer range`);
  return int64Of(exact);
}

/** 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the years every engine's TIMESTAMP holds. */
export const MIN_EPOCH_MS = -62_135_596_800_000;
export const MAX_EPOCH_MS = 253_402_300_799_999;

/** Epoch milliseconds: an integer (`1546214400123.0` is one) within years 1–9999 UTC. */
export function requiredEpochMillis(record: JsonObject, field: string): number {
  const value = record[field];
  if (value === undefined || value === null) throw new FieldError(`"${field}" is missing`);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new FieldError(`"${field}" must be an integer number of epoch milliseconds, not ${describe(value)}`);
  }
  if (value < MIN_EPOCH_MS || value > MAX_EPOCH_MS) {
    throw new FieldError(`"${field}" ${JSON.stringify(value)} is outside years 1–9999 UTC`);
  }
  return value;
}

export function requiredText(record: JsonObject, field: string): string {
  const value = optionalText(record, field);
  if (value === null || value.length === 0) throw new FieldError(`"${field}" is missing or empty`);
  return value;
}

const INT64_MAX_DIGITS = INT64_MAX.toString();

/**
 * A user id: a string of ASCII digits, "" for a logged-out visitor, or a non-negative
 * JSON integer, taken as its digits. The result is canonical (no leading zeros), so
 * "007", "7" and 7 are one user and one natural key on every engine.
 */
export function userId(record: JsonObject, field: string, line: string): string {
  const value = record[field];
  if (typeof value === 'string') {
    if (!USER_ID_DIGITS.test(value)) throw new FieldError(`"${field}" must be a string of digits or "", not ${describe(value)}`);
    // The common case: short and already canonical.
    if (value.length < 16 && (value.length <= 1 || value.charCodeAt(0) !== ZERO)) return value;
    const digits = value.replace(/^0+(?=\d)/, '');
    if (digits.length > INT64_MAX_DIGITS.length || (digits.length === INT64_MAX_DIGITS.length && digits > INT64_MAX_DIGITS)) {
      throw new FieldError(`"${field}" ${JSON.stringify(digits.length > 40 ? `${digits.slice(0, 40)}…` : digits)} is outside the signed 64-bit integer range`);
    }
    return digits;
  }
  if (typeof value === 'number' && value >= 0) {
    if (Number.isSafeInteger(value)) return value.toFixed(0);
    if (!Number.isFinite(value) || Number.isInteger(value)) {
      return String(exactInt64(field, numberTextIn(line, field) ?? String(value), 'a string of digits, "" or a whole number'));
    }
  }
  throw new FieldError(`"${field}" must be a string of digits, "" or a whole number, not ${describe(value)}`);
}

const USER_ID_DIGITS = /^\d*$/;
const ZERO = 0x30;
