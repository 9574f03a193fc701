/**
 * The sections and keys dwh.cfg may hold, and their interpretation: each key names a setting
 * whose validator (setting-values.ts) the environment and flags share. Unknown sections and
 * keys are errors, so a typo never silently falls back to a default.
 */
import { configErrorAt, type IniDocument, type IniEntry, type IniSection } from './ini-reader.js';
import { parseSettingValue, settingDeclarations, type SettingName, type SettingsLayer } from './setting-values.js';

/** The sections in the order messages list them: the original project's first, the course notebook's last. */
const sectionOrder = ['CLUSTER', 'IAM_ROLE', 'S3', 'SPARKIFY', 'AWS', 'INFRA', 'DWH'] as const;

/**
 * Section → lower-cased key → setting, read from each setting's declared keys
 * (setting-values.ts). Section names are case-sensitive, as in configparser. The course's
 * infrastructure-as-code notebook wrote [DWH]; its keys map onto the same settings.
 */
export const configSections: Readonly<Record<string, Readonly<Record<string, SettingName>>>> = (() => {
  const sections: Record<string, Record<string, SettingName>> = Object.fromEntries(sectionOrder.map((name) => [name, {}]));
  for (const [setting, declaration] of Object.entries(settingDeclarations) as [SettingName, { keys: readonly string[] }][]) {
    for (const written of declaration.keys) {
      const [section = '', key = ''] = written.split('.');
      const keys = sections[section];
      if (keys === undefined) throw new Error(`setting ${setting}: section [${section}] is not in sectionOrder`);
      keys[key] = setting;
    }
  }
  return sections;
})();

/** Where a setting was written, for messages about it. */
export interface KeyOrigin {
  readonly file: string;
  readonly section: string;
  readonly key: string;
  readonly line: number;
}

export interface FileLayer {
  readonly values: SettingsLayer;
  readonly origins: Partial<Record<SettingName, KeyOrigin>>;
}

/** `dwh.cfg:12: [CLUSTER] DB_PORT` */
export function describeOrigin(origin: KeyOrigin): string {
  return `${origin.file}:${origin.line}: [${origin.section}] ${origin.key}`;
}

/**
 * The names AWS credentials go by: the course's [AWS] KEY and SECRET, ~/.aws/credentials'
 * keys, and their usual spellings. Only these get the credentials message; any other unknown
 * key (a PARTITION_KEY, an API_TOKEN) is just an unknown key.
 */
const credentialKeys: ReadonlySet<string> = new Set(
  [
    'key', 'secret', 'token',
    'access_key', 'access_key_id', 'secret_key', 'secret_access_key', 'session_token', 'security_token',
    'aws_key', 'aws_secret', 'aws_access_key', 'aws_access_key_id', 'aws_secret_key', 'aws_secret_access_key',
    'aws_session_token', 'aws_security_token',
  ].flatMap((name) => [name, name.replaceAll('_', '')]),
);
const isCredentialKey = (key: string): boolean => credentialKeys.has(key.trim().toLowerCase().replaceAll('-', '_'));

/**
 * Strips one pair of matching surrounding quotes: the original dwh.cfg wrote
 * LOG_DATA='s3://udacity-dend/log_data' and HOST='' and Python code stripped them by hand.
 * Surrounding whitespace is dropped first, so a value that starts on a continuation line counts.
 */
export function unquote(raw: string): string {
  const value = raw.trim();
  const first = value[0];
  if (value.length >= 2 && (first === "'" || first === '"') && value.endsWith(first)) {
    return value.slice(1, -1);
  }
  return value;
}

export function interpretConfig(doc: IniDocument): FileLayer {
  const values: Record<string, unknown> = {};
  const origins: Partial<Record<SettingName, KeyOrigin>> = {};
  for (const section of doc.sections) {
    const keys = knownKeys(doc, section);
    for (const entry of section.entries) {
      const where = `[${section.name}] ${entry.writtenKey}`;
      const value = unquote(entry.value);
      const setting = settingFor(doc, section, keys, entry, value);
      if (setting === undefined || value === '') continue;
      // Continuation lines are read (configparser does) but no setting is multi-line.
      if (value.includes('\n')) {
        throw configErrorAt(doc.file, entry.line, `${where}: the value runs over several lines; put it on one line`);
      }
      const parsed = parseSettingValue(setting, value);
      if (!parsed.ok) throw configErrorAt(doc.file, entry.line, `${where}: ${parsed.problem}`);
      const earlier = origins[setting];
      if (earlier && values[setting] !== parsed.value) {
        const other = `[${earlier.section}] ${earlier.key} (line ${earlier.line})`;
        throw configErrorAt(doc.file, entry.line, `${where} and ${other} set the same thing to different values; keep one`);
      }
      values[setting] = parsed.value;
      origins[setting] = { file: doc.file, section: section.name, key: entry.writtenKey, line: entry.line };
    }
  }
  // Each value was produced by the validator of the setting it is stored under.
  return { values: values as SettingsLayer, origins };
}

/** The keys of a known section; an unknown one is refused (after any credentials in it). */
function knownKeys(doc: IniDocument, section: IniSection): Readonly<Record<string, SettingName>> {
  const keys = own(configSections, section.name);
  if (keys) return keys;
  // A pasted ~/.aws/credentials ([default] aws_secret_access_key=...) gets the credentials message.
  for (const entry of section.entries) refuseCredential(doc, section, entry, unquote(entry.value));
  const known = Object.keys(configSections);
  const sameButCase = known.find((name) => name.toLowerCase() === section.name.trim().toLowerCase());
  const hint = sameButCase
    ? `section names are case-sensitive: write [${sameButCase}]`
    : `expected one of [${known.join('], [')}]`;
  throw configErrorAt(doc.file, section.line, `unknown section [${section.name}]: ${hint}`);
}

/** The setting a key sets, undefined for an empty credential key (ignored), or a ConfigError. */
function settingFor(
  doc: IniDocument,
  section: IniSection,
  keys: Readonly<Record<string, SettingName>>,
  entry: IniEntry,
  value: string,
): SettingName | undefined {
  const setting = own(keys, entry.key);
  if (setting !== undefined) return setting;
  // The course's file had `KEY=` and `SECRET=` left empty: nothing secret, nothing to refuse.
  if (isCredentialKey(entry.key) && value === '') return undefined;
  refuseCredential(doc, section, entry, value);
  // The value is not shown: an unknown key may be a misspelt password.
  const expected = Object.keys(keys).map((k) => k.toUpperCase()).join(', ');
  const where = `[${section.name}] ${entry.writtenKey}`;
  throw configErrorAt(doc.file, entry.line, `${where}: unknown key; [${section.name}] takes ${expected}`);
}

/** A lookup that a key such as `constructor` or `__proto__` cannot steer into Object.prototype. */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function refuseCredential(doc: IniDocument, section: IniSection, entry: IniEntry, value: string): void {
  if (!isCredentialKey(entry.key) || value === '') return;
  throw configErrorAt(
    doc.file,
    entry.line,
    `[${section.name}] ${entry.writtenKey}: never put AWS keys in dwh.cfg (value not shown); delete the line ` +
      '(and rotate the key if the file was shared), run `aws configure --profile NAME` and set AWS_PROFILE=NAME: ' +
      "the AWS SDK's default credential chain finds them there",
  );
}
