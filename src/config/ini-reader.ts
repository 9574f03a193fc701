/**
 * config/: reading dwh.cfg, the settings schema and the resolution order (flags, environment,
 * file, defaults). It may import only src/errors.ts, src/redact-url.ts, zod and the engine
 * registry (engines/registry.ts: which warehouse URLs are valid); no engine imports config/.
 *
 * This file reads INI text the way Python's default `ConfigParser()` does, so a dwh.cfg written
 * for the original Python project means the same here. It returns raw text: quotes are kept,
 * `%` is literal (no interpolation) and nothing is validated; config-schema.ts interprets values.
 */
// Hand-written: npm `ini` strips inline comments and quotes (breaking passwords holding ; # or '),
// and npm `configparser` is unmaintained and wrong on the `:` delimiter and on key case.
import { ConfigError } from '../errors.js';

export interface IniEntry {
  /** The key lower-cased, as configparser's optionxform does: keys are case-insensitive. */
  readonly key: string;
  /** The key as written, for messages. */
  readonly writtenKey: string;
  /** The value with surrounding whitespace stripped; quotes kept; continuation lines joined with \n. */
  readonly value: string;
  readonly line: number;
  /** The value's last line: `line`, or its last continuation line (for in-place edits: infra/write-config.ts). */
  readonly lastLine: number;
}

export interface IniSection {
  /** Case-sensitive, as in configparser: [cluster] is not [CLUSTER]. */
  readonly name: string;
  readonly line: number;
  readonly entries: readonly IniEntry[];
}

export interface IniDocument {
  /** The file name as the user gave it, used in every message. */
  readonly file: string;
  readonly sections: readonly IniSection[];
}

/** `file:line: message` as a ConfigError: every configuration message points at its line. */
export function configErrorAt(file: string, line: number, message: string): ConfigError {
  return new ConfigError(`${file}:${line}: ${message}`);
}

// configparser's SECTCRE: matched at the start only, and greedy, so `[A] ; note` is section A.
const sectionHeader = /^\[(.+)\]/;
// configparser's OPTCRE with the default delimiters: the first `=` or `:` splits key from value.
const keyLine = /^(.*?)\s*[=:]\s*(.*)$/;
const commentPrefixes = ['#', ';'];

interface OpenEntry {
  key: string;
  writtenKey: string;
  line: number;
  lastLine: number;
  indent: number;
  parts: string[];
}

interface OpenSection {
  name: string;
  line: number;
  entries: OpenEntry[];
}

export function parseIni(text: string, file: string): IniDocument {
  // configparser itself would choke on a BOM; editors on Windows add one, so it is dropped.
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const sections: OpenSection[] = [];
  let section: OpenSection | undefined;
  // The entry a more-indented line continues; a blank line or any other line closes it.
  let entry: OpenEntry | undefined;

  lines.forEach((raw, index) => {
    const line = index + 1;
    const stripped = raw.trim();
    if (stripped === '') {
      // configparser (empty_lines_in_values=True) would let a later indented line continue the
      // value across the blank; we end the value here, which is simpler and rarely differs.
      entry = undefined;
      return;
    }
    // A comment line neither ends nor joins a multi-line value, as in configparser.
    if (commentPrefixes.some((prefix) => stripped.startsWith(prefix))) return;

    const indent = raw.search(/\S/);
    if (entry && indent > entry.indent) {
      entry.parts.push(stripped);
      entry.lastLine = line;
      return;
    }
    entry = undefined;

    const header = sectionHeader.exec(stripped);
    if (header?.[1] !== undefined) {
      const name = header[1];
      const earlier = sections.find((s) => s.name === name);
      if (earlier) {
        throw configErrorAt(file, line, `section [${name}] appears twice (first at line ${earlier.line}); merge the two`);
      }
      section = { name, line, entries: [] };
      sections.push(section);
      return;
    }
    if (!section) {
      const problem = 'a key before any [SECTION] header; put it under a section such as [SPARKIFY]';
      throw configErrorAt(file, line, problem);
    }
    const match = keyLine.exec(stripped);
    const writtenKey = match?.[1] ?? '';
    if (!match || writtenKey === '') {
      // The line is not echoed: it may be a stray piece of a password.
      throw configErrorAt(file, line, 'expected KEY = VALUE, KEY: VALUE, a [SECTION] header or a # comment');
    }
    const key = writtenKey.toLowerCase();
    const earlier = section.entries.find((e) => e.key === key);
    if (earlier) {
      throw configErrorAt(
        file,
        line,
        `[${section.name}] ${writtenKey} appears twice (first at line ${earlier.line}); keep one`,
      );
    }
    entry = { key, writtenKey, line, lastLine: line, indent, parts: [match[2] ?? ''] };
    section.entries.push(entry);
  });

  return {
    file,
    sections: sections.map((s) => ({
      name: s.name,
      line: s.line,
      entries: s.entries.map((e) => ({
        key: e.key,
        writtenKey: e.writtenKey,
        // configparser joins with \n and strips the end; a leading empty first line is kept.
        value: e.parts.join('\n').trimEnd(),
        line: e.line,
        lastLine: e.lastLine,
      })),
    })),
  };
}
