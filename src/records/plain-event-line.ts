/**
 * The fast lane of event validation: a verdict on one event line from its bytes, with
 * no decoding and no JSON.parse. `isPlainEventLine` says true only for a line that
 * validateLine (validate.ts) accepts as written, with nothing rewritten: one JSON object
 * whose known fields have the right types, ids short enough to be exact, a canonical
 * userId. Such a line can be staged as its own bytes, and a warehouse that parses it
 * again (DuckDB's read_json) reads what the full path would have handed it.
 *
 * False means "not sure", never "rejected": the line then takes the full path, which
 * decides and gives the reason. So this only has to be right in one direction, and
 * simple where the input is unusual (escaped keys, exponents, nested values, long
 * numbers, a repeated field), as long as it is fast on the lines real logs hold.
 * test/records/plain-event-line.test.ts checks the one direction on generated lines.
 *
 * The caller has checked that the bytes are UTF-8 (validate-chunk.ts).
 */
import { MAX_EPOCH_MS, MIN_EPOCH_MS } from './field-checks.js';
import type { EventFields } from './staging-record.js';

/** What validate.ts's validateEvent asks of each field. */
type FieldRule = 'text' | 'number' | 'int32' | 'int64' | 'epoch-ms' | 'user-id';

/** Every event field, so one added to EventFields without a rule here does not compile. */
const EVENT_RULES = {
  artist: 'text',
  auth: 'text',
  firstName: 'text',
  gender: 'text',
  itemInSession: 'int64',
  lastName: 'text',
  length: 'number',
  level: 'text',
  location: 'text',
  method: 'text',
  page: 'text',
  registration: 'number',
  sessionId: 'int64',
  song: 'text',
  status: 'int32',
  ts: 'epoch-ms',
  userAgent: 'text',
  userId: 'user-id',
} as const satisfies Record<keyof EventFields, FieldRule>;

const TEXT = 0;
const NUMBER = 1;
const INT32 = 2;
const INT64 = 3;
const EPOCH_MS = 4;
const USER_ID = 5;

const RULE_CODES: Record<FieldRule, number> = { text: TEXT, number: NUMBER, int32: INT32, int64: INT64, 'epoch-ms': EPOCH_MS, 'user-id': USER_ID };

interface KnownKey {
  readonly name: Buffer;
  readonly rule: number;
  /** Its bit in the mask of fields seen. */
  readonly bit: number;
  /** The key after it in EVENT_RULES's order, which is the order logs write them in. */
  next: KnownKey | undefined;
}

const KNOWN_KEYS: readonly KnownKey[] = (() => {
  const keys: KnownKey[] = Object.entries(EVENT_RULES).map(([name, rule], index) => ({
    name: Buffer.from(name, 'latin1'),
    rule: RULE_CODES[rule],
    bit: 2 ** index,
    next: undefined,
  }));
  keys.forEach((key, index) => (key.next = keys[index + 1]));
  return keys;
})();

/** Fields whose absence validateEvent rejects. */
const REQUIRED = bitOf('ts') | bitOf('userId');

/** Known keys by length: a key is compared with the few of its length only. */
const KEYS_BY_LENGTH: readonly (readonly KnownKey[])[] = (() => {
  const byLength: KnownKey[][] = [];
  for (const key of KNOWN_KEYS) (byLength[key.name.length] ??= []).push(key);
  return byLength;
})();

/** Digits past which a number is no longer exact in a double: 15 always are. */
const EXACT_DIGITS = 15;
/** Integer digits a number may have and still be finite as a double (1e308 is). */
const FINITE_DIGITS = 300;
/** Digits of a 32-bit integer that always fit: 9 (2,147,483,647 has 10). */
const INT32_SAFE_DIGITS = 9;
/** The longest userId kept as written (validate.ts's userId: shorter than 16 characters). */
const USER_ID_PLAIN_DIGITS = 15;

/** `bytes[start, end)` is one event line (no line end) that validateLine accepts as it is. */
export function isPlainEventLine(bytes: Uint8Array, start: number, end: number): boolean {
  let i = skipBlanks(bytes, start, end);
  if (i >= end || bytes[i] !== OPEN_BRACE) return false;
  i = skipBlanks(bytes, i + 1, end);
  let seen = 0;
  let expected: KnownKey | undefined = KNOWN_KEYS[0];
  for (;;) {
    if (i >= end || bytes[i] !== QUOTE) return false;
    const keyEnd = endOfPlainKey(bytes, i + 1, end);
    if (keyEnd < 0) return false;
    const key = knownKey(bytes, i + 1, keyEnd, expected);
    i = skipBlanks(bytes, keyEnd + 1, end);
    if (i >= end || bytes[i] !== COLON) return false;
    i = skipBlanks(bytes, i + 1, end);
    if (key === undefined) {
      i = endOfScalar(bytes, i, end);
    } else {
      // A repeated field: JSON.parse keeps the last, a warehouse's reader may not.
      if ((seen & key.bit) !== 0) return false;
      seen |= key.bit;
      expected = key.next;
      i = endOfField(key.rule, bytes, i, end);
    }
    if (i < 0) return false;
    i = skipBlanks(bytes, i, end);
    if (i >= end) return false;
    if (bytes[i] === COMMA) {
      i = skipBlanks(bytes, i + 1, end);
      continue;
    }
    if (bytes[i] !== CLOSE_BRACE) return false;
    break;
  }
  return skipBlanks(bytes, i + 1, end) === end && (seen & REQUIRED) === REQUIRED;
}

function bitOf(name: keyof EventFields): number {
  return (KNOWN_KEYS.find((key) => key.name.toString('latin1') === name) as KnownKey).bit;
}

/** Spaces and tabs; any other whitespace JSON allows (a lone CR) sends the line down the full path. */
function skipBlanks(bytes: Uint8Array, i: number, end: number): number {
  while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  return i;
}

/** Where a key's closing quote is, for a key of plain characters; -1 for an escape or a control character. */
function endOfPlainKey(bytes: Uint8Array, i: number, end: number): number {
  for (; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte === QUOTE) return i;
    if (byte === BACKSLASH || byte < 0x20) return -1;
  }
  return -1;
}

/** The known key `bytes[start, end)` names; `expected` is compared first, since a log writes its keys in one order. */
function knownKey(bytes: Uint8Array, start: number, end: number, expected: KnownKey | undefined): KnownKey | undefined {
  if (expected !== undefined && sameName(expected.name, bytes, start, end)) return expected;
  const candidates = KEYS_BY_LENGTH[end - start];
  if (candidates === undefined) return undefined;
  for (const key of candidates) if (sameName(key.name, bytes, start, end)) return key;
  return undefined;
}

function sameName(name: Buffer, bytes: Uint8Array, start: number, end: number): boolean {
  if (name.length !== end - start) return false;
  for (let j = 0; j < name.length; j++) if (bytes[start + j] !== name[j]) return false;
  return true;
}

/** The index after a field's value when validateEvent takes it as written; -1 when not sure. */
function endOfField(rule: number, bytes: Uint8Array, i: number, end: number): number {
  const first = bytes[i];
  if (first === N_LOWER) return rule === EPOCH_MS || rule === USER_ID ? -1 : endOfLiteral(bytes, i, end, NULL);
  switch (rule) {
    case TEXT:
      return first === QUOTE ? endOfString(bytes, i + 1, end) : -1;
    case USER_ID:
      return first === QUOTE ? endOfCanonicalDigits(bytes, i + 1, end) : -1;
    case NUMBER: {
      const after = endOfNumber(bytes, i, end);
      return after >= 0 && !scanned.exponent && scanned.integerDigits <= FINITE_DIGITS ? after : -1;
    }
    case INT32:
      return endOfInteger(bytes, i, end, INT32_SAFE_DIGITS);
    case INT64:
      return endOfInteger(bytes, i, end, EXACT_DIGITS);
    case EPOCH_MS: {
      const after = endOfInteger(bytes, i, end, EXACT_DIGITS);
      return after >= 0 && scanned.value >= MIN_EPOCH_MS && scanned.value <= MAX_EPOCH_MS ? after : -1;
    }
    default:
      return -1;
  }
}

/** An unknown key's value: any string, number or literal (validateEvent ignores it); an object or array: not sure. */
function endOfScalar(bytes: Uint8Array, i: number, end: number): number {
  switch (bytes[i]) {
    case QUOTE:
      return endOfString(bytes, i + 1, end);
    case N_LOWER:
      return endOfLiteral(bytes, i, end, NULL);
    case T_LOWER:
      return endOfLiteral(bytes, i, end, TRUE);
    case F_LOWER:
      return endOfLiteral(bytes, i, end, FALSE);
    default:
      return endOfNumber(bytes, i, end);
  }
}

function endOfLiteral(bytes: Uint8Array, i: number, end: number, literal: Uint8Array): number {
  if (i + literal.length > end) return -1;
  for (let j = 0; j < literal.length; j++) if (bytes[i + j] !== literal[j]) return -1;
  return i + literal.length;
}

/**
 * The index after a string's closing quote, `i` just after its opening one; -1 for
 * anything JSON.parse refuses or validateEvent rejects (a control character, an unknown
 * escape, \u0000, which no warehouse text column can store).
 */
function endOfString(bytes: Uint8Array, i: number, end: number): number {
  for (; i < end; i++) {
    const byte = bytes[i] as number;
    // Ordered by how often they come: most bytes of text are letters, past the backslash.
    if (byte > BACKSLASH) continue;
    if (byte > QUOTE) {
      if (byte < BACKSLASH) continue;
      const after = endOfEscape(bytes, i, end);
      if (after < 0) return -1;
      i = after - 1;
      continue;
    }
    if (byte === QUOTE) return i + 1;
    if (byte < SPACE) return -1;
  }
  return -1;
}

/** The index after the escape at `i` (its backslash); -1 for one JSON.parse refuses or \u0000. */
function endOfEscape(bytes: Uint8Array, i: number, end: number): number {
  const escaped = bytes[i + 1];
  if (escaped !== U_LOWER) return escaped !== undefined && i + 1 < end && SIMPLE_ESCAPES.has(escaped) ? i + 2 : -1;
  if (i + 6 > end) return -1;
  let nonZero = false;
  for (let j = i + 2; j < i + 6; j++) {
    const digit = bytes[j] as number;
    if (!isHexDigit(digit)) return -1;
    if (digit !== ZERO) nonZero = true;
  }
  return nonZero ? i + 6 : -1;
}

/** A userId kept as written: a string of ASCII digits, "" or without a leading zero, short enough to be in range. */
function endOfCanonicalDigits(bytes: Uint8Array, i: number, end: number): number {
  const start = i;
  while (i < end && bytes[i] !== QUOTE) {
    const byte = bytes[i] as number;
    if (byte < ZERO || byte > NINE) return -1;
    i++;
  }
  const digits = i - start;
  if (i >= end || digits > USER_ID_PLAIN_DIGITS || (digits > 1 && bytes[start] === ZERO)) return -1;
  return i + 1;
}

/** What endOfNumber saw, read right after it returns (no object per number). */
const scanned = { integerDigits: 0, fraction: false, exponent: false, value: 0 };

/** An integer without fraction or exponent and with at most `maxDigits` digits (its value in `scanned`). */
function endOfInteger(bytes: Uint8Array, i: number, end: number, maxDigits: number): number {
  const after = endOfNumber(bytes, i, end);
  return after >= 0 && !scanned.fraction && !scanned.exponent && scanned.integerDigits <= maxDigits ? after : -1;
}

/**
 * The index after a JSON number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`), or -1.
 * Sets `scanned`: the integer part's digit count, whether a fraction or an exponent
 * follows, and the integer's value (exact up to 15 digits).
 */
function endOfNumber(bytes: Uint8Array, i: number, end: number): number {
  let negative = false;
  if (bytes[i] === MINUS) {
    negative = true;
    i++;
  }
  const start = i;
  let value = 0;
  while (i < end && isDigit(bytes[i] as number)) value = value * 10 + ((bytes[i++] as number) - ZERO);
  const integerDigits = i - start;
  if (integerDigits === 0 || (integerDigits > 1 && bytes[start] === ZERO)) return -1;
  let fraction = false;
  if (bytes[i] === DOT) {
    const digits = ++i;
    while (i < end && isDigit(bytes[i] as number)) i++;
    if (i === digits) return -1;
    fraction = true;
  }
  let exponent = false;
  if (bytes[i] === E_LOWER || bytes[i] === E_UPPER) {
    i++;
    if (bytes[i] === PLUS || bytes[i] === MINUS) i++;
    const digits = i;
    while (i < end && isDigit(bytes[i] as number)) i++;
    if (i === digits) return -1;
    exponent = true;
  }
  scanned.integerDigits = integerDigits;
  scanned.fraction = fraction;
  scanned.exponent = exponent;
  scanned.value = negative ? -value : value;
  return i;
}

function isDigit(byte: number): boolean {
  return byte >= ZERO && byte <= NINE;
}

function isHexDigit(byte: number): boolean {
  return isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46);
}

const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const E_LOWER = 0x65;
const E_UPPER = 0x45;
const N_LOWER = 0x6e;
const T_LOWER = 0x74;
const F_LOWER = 0x66;
const U_LOWER = 0x75;
const NULL = Buffer.from('null', 'latin1');
const TRUE = Buffer.from('true', 'latin1');
const FALSE = Buffer.from('false', 'latin1');
/** The escapes besides \u: \" \\ \/ \b \f \n \r \t. */
const SIMPLE_ESCAPES = new Set([QUOTE, BACKSLASH, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
