/**
 * Cuts a song file into records: JSON objects one after another, usually one, with any
 * whitespace between tokens (SPEC.md), so a pretty-printed file is one record. A record
 * is numbered by the line it starts on.
 *
 * The cut needs no parse: an object ends where its brackets balance, counted outside
 * strings. What is not an object is cut so that one mistake costs one record, not the
 * rest of the file: text at the top level that does not open an object or array runs to
 * the end of its line, and a string still open at a line break ends there (JSON strings
 * hold no raw line break). An object never closed runs to the end of the file. Every
 * piece then goes to the validator, which accepts objects and names what is wrong with
 * the rest.
 */
import type { NumberedLine, TextSplitter } from './text-splitter.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BOM = 0xfeff;

export class ObjectSplitter implements TextSplitter {
  /** 1-based number of the line being read. */
  private line = 1;
  private first = true;
  /** Pieces of the open record from earlier pushes. */
  private pending: string[] = [];
  private open = false;
  /** The open record is top-level text that is not an object: it ends with its line. */
  private stray = false;
  private startLine = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private openInvalid = false;

  push(text: string): NumberedLine[] {
    const records: NumberedLine[] = [];
    let start = 0;
    let i = 0;
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === BOM) i = start = 1;
      this.first = false;
    }
    let nextBackslash = -1;
    let nextNewline = -1;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!this.open) {
        if (c === NEWLINE) this.line++;
        if (isWhitespace(c)) continue;
        this.begin(c);
        start = i;
      }
      if (this.stray) {
        if (c === NEWLINE) {
          records.push(this.close(text.slice(start, i), true));
          this.line++;
        }
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        else if (c === NEWLINE) {
          this.inString = false;
          this.line++;
        }
        continue;
      }
      if (c === QUOTE) {
        // Most of a song is strings: jump to the closing quote when no escape or line
        // break comes before it (positions found once per push, so this stays linear).
        if (nextBackslash < i) nextBackslash = indexOrEnd(text, '\\', i);
        if (nextNewline < i) nextNewline = indexOrEnd(text, '\n', i);
        const close = text.indexOf('"', i + 1);
        if (close !== -1 && close < nextBackslash && close < nextNewline) i = close;
        else this.inString = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--this.depth === 0) records.push(this.close(text.slice(start, i + 1)));
      } else if (c === NEWLINE) this.line++;
    }
    if (this.open) this.pending.push(start === 0 ? text : text.slice(start));
    return records;
  }

  /** `text` (stand-ins for bad bytes) holds no whitespace or bracket: it belongs to the record it opens or continues. */
  pushInvalid(text: string): NumberedLine[] {
    const records = this.push(text);
    this.openInvalid = true;
    return records;
  }

  /** An object never closed, or top-level text without a newline after it, ends with the file. */
  end(): NumberedLine[] {
    if (!this.open) return [];
    return [this.close('', false, this.pending.join('').trimEnd())];
  }

  private begin(c: number): void {
    this.open = true;
    this.stray = c !== OPEN_BRACE && c !== OPEN_BRACKET;
    this.startLine = this.line;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
  }

  /** Ends the open record with `tail` (its text in the current push); a line's record without its CR. */
  private close(tail: string, endsLine = false, whole?: string): NumberedLine {
    let text = whole ?? (this.pending.length > 0 ? this.pending.join('') + tail : tail);
    if (endsLine && text.charCodeAt(text.length - 1) === CARRIAGE_RETURN) text = text.slice(0, -1);
    this.pending = [];
    this.open = false;
    const invalid = this.openInvalid;
    this.openInvalid = false;
    return invalid ? { number: this.startLine, text, invalidUtf8: true } : { number: this.startLine, text };
  }
}

function indexOrEnd(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}

/** What String.prototype.trim removes, so a song file and a log agree on what a blank is. */
function isWhitespace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  return c > 0x7f && /\s/.test(String.fromCharCode(c));
}
