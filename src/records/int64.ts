/**
 * Identifiers are signed 64-bit integers, stored exactly (SPEC.md). JSON.parse reads a
 * number into a double, exact only up to 2^53, so an integer past that is read again
 * here, from its digits in the line: the slow path, taken by a handful of records, while
 * every other line costs one JSON.parse as before.
 */
import { isLosslessNumber, parse, type LosslessNumber } from 'lossless-json';

/** A safe integer as a number (nearly every id); past 2^53, its exact value as a bigint. */
export type Int64 = number | bigint;

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** An exponent past this makes any non-zero significand far outside 64 bits. */
const MAX_EXPONENT = 40;
const JSON_NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * The exact value of a JSON number's text when it is an integer (`3e9`, `12.0` and
 * `-0` are), undefined when it has a fraction. Values far outside 64 bits come back
 * as a bigint just past the range, so a 1e999999 costs no million-digit arithmetic.
 */
export function exactIntegerOf(numberText: string): bigint | undefined {
  const match = JSON_NUMBER.exec(numberText);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return 0n;
  let exponent = Number(exponentText) - fraction.length;
  const trailingZeros = digits.length - digits.replace(/0+$/, '').length;
  if (exponent < 0) {
    if (trailingZeros < -exponent) return undefined;
    digits = digits.slice(0, exponent);
    exponent = 0;
  }
  if (digits.length + exponent > MAX_EXPONENT) return sign === '-' ? INT64_MIN - 1n : INT64_MAX + 1n;
  const magnitude = BigInt(digits) * 10n ** BigInt(exponent);
  return sign === '-' ? -magnitude : magnitude;
}

export function inInt64Range(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** A bigint as the Int64 a record holds: a number when that is exact. */
export function int64Of(value: bigint): Int64 {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Decimal digits of an Int64, exactly (toFixed, not String: see engines/postgres/copy-text.ts). */
export function int64Text(value: Int64): string {
  return typeof value === 'bigint' ? value.toString() : value.toFixed(0);
}

/**
 * The line's top-level object read losslessly: numbers as LosslessNumber (their text).
 * A repeated key keeps its last value, as JSON.parse does.
 */
export function parseLossless(line: string): Record<string, unknown> {
  return parse(line, null, { onDuplicateKey: ({ newValue }) => newValue }) as Record<string, unknown>;
}

/** The text of a top-level number field as written in the line, for the slow path. */
export function numberTextIn(line: string, field: string): string | undefined {
  const value = parseLossless(line)[field];
  return isLosslessNumber(value) ? (value as LosslessNumber).value : undefined;
}
