/**
 * Reading engine rows defensively: engines normalise values, but a count past 2^53
 * arrives as a string and a driver may hand back a date as text, so the report
 * converts each value it uses to the one type it draws with.
 */
import type { Row } from '../engines/engine.js';

type Value = Row[string] | undefined;

export function asNumber(value: Value): number {
  if (value === null || value === undefined) return 0;
  if (value instanceof Date) return value.getTime();
  return Number(value);
}

/** An id: a 64-bit one past 2^53 stays an exact bigint, for display. */
export function asId(value: Value): number | bigint {
  return typeof value === 'bigint' ? value : asNumber(value);
}

export function asNullableNumber(value: Value): number | null {
  return value === null || value === undefined ? null : asNumber(value);
}

export function asText(value: Value): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

export function asDate(value: Value): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  // Text without a zone is UTC in this warehouse: a DATE ("2018-11-02") or a TIMESTAMP.
  const text = String(value).trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T00:00:00Z`);
  return new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`);
}
