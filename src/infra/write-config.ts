/**
 * Writes the endpoint `up` produced into dwh.cfg, editing the file in place: other lines,
 * comments, key spelling, `KEY = value` spacing and '' quoting stay as they were; missing keys
 * and sections are added. Where each section and value is comes from config/ini-reader.ts,
 * the one dwh.cfg parser, so an edit lands where a read finds it. A password is never
 * written: keys that look like one are refused.
 */
import { readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { parseIni } from '../config/ini-reader.js';
import { ConfigError } from '../errors.js';

export interface ConfigValue {
  readonly section: string;
  readonly key: string;
  readonly value: string;
}

const secretKey = /password|secret|token|(^|_)key$/i;
const sectionHeader = /^\[(.+)\]/;
const keyLine = /^(\s*)(.*?)(\s*[=:]\s*)(.*)$/;

interface Entry {
  readonly key: string;
  /** 0-based index of the key's line. */
  readonly index: number;
  /** The last line of the value (continuation lines included). */
  readonly lastIndex: number;
}

interface Section {
  readonly name: string;
  readonly headerIndex: number;
  readonly entries: readonly Entry[];
}

/** Where each section and value is, as the dwh.cfg parser reads the lines (0-based indexes). */
function layoutOf(lines: readonly string[], file: string): Section[] {
  return parseIni(lines.join('\n'), file).sections.map((section) => ({
    name: section.name,
    headerIndex: section.line - 1,
    entries: section.entries.map((entry) => ({ key: entry.key, index: entry.line - 1, lastIndex: entry.lastLine - 1 })),
  }));
}

function requote(oldValue: string, value: string): string {
  const old = oldValue.trim();
  const quote = old[0];
  if (old.length >= 2 && (quote === "'" || quote === '"') && old.endsWith(quote)) return `${quote}${value}${quote}`;
  return value;
}

/** The text with each value set; pure, so it is tested on strings. `file` names it in a parse error. */
export function setConfigValues(text: string, values: readonly ConfigValue[], file = 'dwh.cfg'): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.replace(/\r\n/g, '\n').split('\n');
  // A final newline leaves an empty last element; it is put back at the end.
  const endsWithNewline = lines.length > 0 && lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();
  const firstKey = lines.map((l) => keyLine.exec(l)).find((m) => m && !sectionHeader.test(m[0].trim()) && !/^\s*[#;]/.test(m[0]));
  const delimiter = firstKey?.[3] ?? '=';

  for (const { section: sectionName, key, value } of values) {
    if (secretKey.test(key)) throw new Error(`refusing to write ${key} to a config file: secrets are never written`);
    if (/[\r\n]/.test(value)) throw new Error(`a config value for ${key} spans lines`);
    const sections = layoutOf(lines, file);
    const section = sections.find((s) => s.name === sectionName);
    if (!section) {
      if (lines.length > 0 && lines[lines.length - 1]?.trim() !== '') lines.push('');
      lines.push(`[${sectionName}]`, `${key}${delimiter}${value}`);
      continue;
    }
    const entry = section.entries.find((e) => e.key === key.toLowerCase());
    if (entry) {
      const match = keyLine.exec(lines[entry.index] ?? '');
      const [, indent = '', writtenKey = key, written = delimiter, oldValue = ''] = match ?? [];
      const continuation = lines.slice(entry.index + 1, entry.lastIndex + 1);
      // Comments inside a multi-line value are kept; its continuation lines are replaced.
      const comments = continuation.filter((l) => /^\s*[#;]/.test(l));
      lines.splice(entry.index, entry.lastIndex - entry.index + 1, `${indent}${writtenKey}${written}${requote(oldValue, value)}`, ...comments);
      continue;
    }
    const last = section.entries[section.entries.length - 1];
    lines.splice((last ? last.lastIndex : section.headerIndex) + 1, 0, `${key}${delimiter}${value}`);
  }
  return lines.join(eol) + (endsWithNewline || text === '' ? eol : '');
}

/** A key to take out of a section (a stale password): the key's line and its continuation lines go. */
export interface ConfigKey {
  readonly section: string;
  readonly key: string;
}

/** The text without these keys; pure, like setConfigValues. Returns the keys it found and removed. */
export function removeConfigKeys(text: string, keys: readonly ConfigKey[], file = 'dwh.cfg'): { text: string; removed: ConfigKey[] } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const removed: ConfigKey[] = [];
  for (const wanted of keys) {
    const entry = layoutOf(lines, file)
      .find((section) => section.name === wanted.section)
      ?.entries.find((e) => e.key === wanted.key.toLowerCase());
    if (!entry) continue;
    lines.splice(entry.index, entry.lastIndex - entry.index + 1);
    removed.push(wanted);
  }
  return { text: lines.join(eol), removed };
}

/**
 * Applies the values to the file (created if missing), writing a temporary file and renaming it
 * over the original so a crash never leaves half a dwh.cfg. A symlink is followed (the link
 * stays), the file's permissions are kept, and anything but a regular file is refused.
 */
export async function writeConfigFile(
  path: string,
  values: readonly ConfigValue[],
  remove: readonly ConfigKey[] = [],
): Promise<{ created: boolean; removed: ConfigKey[] }> {
  let target = path;
  let text = '';
  let mode: number | undefined;
  try {
    target = await realpath(path);
    const info = await stat(target);
    if (!info.isFile()) throw new ConfigError(`${path} is not a regular file; pass --config with the path of your dwh.cfg`);
    mode = info.mode & 0o777;
    text = await readFile(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const without = removeConfigKeys(text.slice(bom.length), remove, path);
  const updated = bom + setConfigValues(without.text, values, path);
  const temporary = `${target}.sparkify-${process.pid}.tmp`;
  await writeFile(temporary, updated, { encoding: 'utf8', mode: mode ?? 0o600 });
  await rename(temporary, target);
  return { created: mode === undefined, removed: without.removed };
}
