/**
 * The model's own strict JSON reader (RFC 8259) over code points. Numbers are kept as
 * their exact source text, so identifiers past 2^53 and `1546214400123.0` are judged
 * on their digits, never on a rounded double.
 */
import { INVALID } from './utf8.js';

export type JsonValue =
  | null
  | boolean
  | string
  | { readonly number: string }
  | readonly JsonValue[]
  | ReadonlyMap<string, JsonValue>;

export class ModelJsonError extends Error {}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function isJsonWhitespace(cp: number): boolean {
  return WHITESPACE.has(cp);
}

/** Skips JSON whitespace from `pos`; returns the next position. */
export function skipWhitespace(cps: ArrayLike<number>, pos: number): number {
  while (pos < cps.length && WHITESPACE.has(cps[pos] as number)) pos++;
  return pos;
}

/** Reads one JSON value starting at `pos` (no leading whitespace); returns it and the position after it. */
export function readValue(cps: ArrayLike<number>, pos: number): { value: JsonValue; end: number } {
  const reader = new Reader(cps, pos);
  const value = reader.value();
  return { value, end: reader.pos };
}

class Reader {
  constructor(
    private readonly cps: ArrayLike<number>,
    public pos: number,
  ) {}

  private fail(what: string): never {
    throw new ModelJsonError(`${what} at code point ${this.pos}`);
  }

  private peek(): number {
    return this.pos < this.cps.length ? (this.cps[this.pos] as number) : -2;
  }

  private expectLiteral(text: string): void {
    for (const ch of text) {
      if (this.peek() !== ch.codePointAt(0)) this.fail(`expected ${text}`);
      this.pos++;
    }
  }

  private ws(): void {
    this.pos = skipWhitespace(this.cps, this.pos);
  }

  value(): JsonValue {
    const c = this.peek();
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x74) return this.expectLiteral('true'), true;
    if (c === 0x66) return this.expectLiteral('false'), false;
    if (c === 0x6e) return this.expectLiteral('null'), null;
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    return this.fail('unexpected character');
  }

  private object(): ReadonlyMap<string, JsonValue> {
    const map = new Map<string, JsonValue>();
    this.pos++;
    this.ws();
    if (this.peek() === 0x7d) {
      this.pos++;
      return map;
    }
    for (;;) {
      this.ws();
      if (this.peek() !== 0x22) this.fail('expected a key');
      const key = this.string();
      this.ws();
      if (this.peek() !== 0x3a) this.fail('expected :');
      this.pos++;
      this.ws();
      map.set(key, this.value());
      this.ws();
      const c = this.peek();
      this.pos++;
      if (c === 0x7d) return map;
      if (c !== 0x2c) this.fail('expected , or }');
    }
  }

  private array(): JsonValue[] {
    const items: JsonValue[] = [];
    this.pos++;
    this.ws();
    if (this.peek() === 0x5d) {
      this.pos++;
      return items;
    }
    for (;;) {
      this.ws();
      items.push(this.value());
      this.ws();
      const c = this.peek();
      this.pos++;
      if (c === 0x5d) return items;
      if (c !== 0x2c) this.fail('expected , or ]');
    }
  }

  private string(): string {
    this.pos++;
    let units: number[] = [];
    let text = '';
    for (;;) {
      if (units.length >= 4096) {
        text += codePointsToString(units);
        units = [];
      }
      const c = this.peek();
      if (c === -2) this.fail('unterminated string');
      if (c === INVALID) this.fail('invalid UTF-8');
      if (c < 0x20) this.fail('control character in a string');
      this.pos++;
      if (c === 0x22) return text + codePointsToString(units);
      if (c !== 0x5c) {
        units.push(c);
        continue;
      }
      const e = this.peek();
      this.pos++;
      const simple: Record<number, number> = { 0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 8, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9 };
      if (e in simple) units.push(simple[e] as number);
      else if (e === 0x75) units.push(this.hex4());
      else this.fail('bad escape');
    }
  }

  /** A \u escape as one UTF-16 code unit; pairs are joined by String.fromCharCode below. */
  private hex4(): number {
    let value = 0;
    for (let k = 0; k < 4; k++) {
      const c = this.peek();
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
      if (digit < 0) this.fail('bad \\u escape');
      value = value * 16 + digit;
      this.pos++;
    }
    return -1 - value; // marked as a UTF-16 unit, not a code point
  }

  private number(): { number: string } {
    const start = this.pos;
    if (this.peek() === 0x2d) this.pos++;
    if (this.peek() === 0x30) this.pos++;
    else if (this.peek() >= 0x31 && this.peek() <= 0x39) this.digits();
    else this.fail('bad number');
    if (this.peek() === 0x2e) {
      this.pos++;
      if (!this.digits()) this.fail('bad fraction');
    }
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      this.pos++;
      if (this.peek() === 0x2b || this.peek() === 0x2d) this.pos++;
      if (!this.digits()) this.fail('bad exponent');
    }
    let text = '';
    for (let k = start; k < this.pos; k++) text += String.fromCharCode(this.cps[k] as number);
    return { number: text };
  }

  private digits(): boolean {
    const start = this.pos;
    while (this.peek() >= 0x30 && this.peek() <= 0x39) this.pos++;
    return this.pos > start;
  }
}

/** Code points, and \u escapes (stored as -1 - unit), to a JS string. */
function codePointsToString(items: readonly number[]): string {
  let out = '';
  for (const item of items) out += item < 0 ? String.fromCharCode(-1 - item) : String.fromCodePoint(item);
  return out;
}

/** A JSON number's exact value if it is an integer (`12.0`, `1.2e1` count), else undefined. */
export function integerValue(text: string): bigint | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  let digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '');
  if (exponent < 0) {
    const cut = digits.length + exponent;
    const dropped = cut > 0 ? digits.slice(cut) : digits;
    if (/[1-9]/.test(dropped)) return undefined;
    digits = cut > 0 ? digits.slice(0, cut) : '0';
  } else if (exponent > 0) {
    if (/^0+$/.test(digits)) return 0n;
    if (exponent > 400) return BigInt(sign === '-' ? -1 : 1) * 10n ** 400n; // far outside every range the model checks
    digits += '0'.repeat(exponent);
  }
  const value = BigInt(digits);
  return sign === '-' ? -value : value;
}
