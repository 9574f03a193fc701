/**
 * Each setting is declared once (config/setting-values.ts): its flag, environment
 * variable, dwh.cfg keys, validator and default. Written anywhere, a value goes through
 * that one validator as text, so the same bad value gets the same words wherever it was
 * written, and the CLI's options are the declared flags.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { addSourceOptions, addWarehouseOptions } from '../../src/cli/common-options.js';
import { loadSettings } from '../../src/config/load-settings.js';
import { settingDeclarations, type SettingName } from '../../src/config/setting-values.js';
import { defaultInfraSettings, defaultSettings } from '../../src/config/settings.js';
import { catchConfigError } from './catch-config-error.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('setting-declarations');
afterAll(() => temp.remove());
let n = 0;

const declared = Object.entries(settingDeclarations) as [SettingName, (typeof settingDeclarations)[SettingName]][];

describe('a setting declared once', () => {
  it('says the same about a bad value given by flag, environment variable or dwh.cfg key', () => {
    const checked: string[] = [];
    for (const [name, declaration] of declared) {
      if (!declaration.flag || !declaration.env || name === 'dbPassword') continue;
      const bad = 'xx:not valid';
      const [section, key] = (declaration.keys[0] ?? '').split('.');
      const file = path.join(temp.path, `dwh-${++n}.cfg`);
      writeFileSync(file, `[${section}]\n${key} = ${bad}\n`);
      const fromFlag = catchConfigError(() => loadSettings({ flags: { [name]: bad }, env: {}, cwd: temp.path })).message;
      const fromEnv = catchConfigError(() => loadSettings({ flags: {}, env: { [declaration.env ?? '']: bad }, cwd: temp.path })).message;
      const fromFile = catchConfigError(() => loadSettings({ configPath: file, flags: {}, env: {}, cwd: temp.path })).message;
      const problem = fromEnv.slice(`environment variable ${declaration.env}: `.length);
      expect(fromFlag).toBe(`${declaration.flag.name}: ${problem}`);
      expect(fromFile).toBe(`${file}:2: [${section}] ${key}: ${problem}`);
      checked.push(name);
    }
    // maxErrors among them: its flag was once parsed by the CLI first, with words of its own.
    expect(checked).toEqual(expect.arrayContaining(['warehouse', 'maxErrors', 'lockTimeoutSeconds', 'memoryLimit', 'schema', 'region']));
  });

  it('takes a flag\'s text as written: no number comes back as text to be parsed again', () => {
    expect(loadSettings({ flags: { maxErrors: '12', lockTimeoutSeconds: '0' }, env: {}, cwd: temp.path })).toMatchObject({ maxErrors: 12, lockTimeoutSeconds: 0 });
  });

  it('gives the CLI its options: every declared flag of a loading command, with its help', () => {
    const command = addSourceOptions(addWarehouseOptions(new Command('etl')));
    const longs = command.options.map((option) => option.long);
    for (const name of ['warehouse', 'schema', 'memoryLimit', 'lockTimeoutSeconds', 'source', 'songData', 'logData', 'maxErrors', 's3Endpoint', 'region'] as const) {
      const flag = settingDeclarations[name].flag;
      expect(longs).toContain(flag?.name);
      expect(command.options.find((option) => option.long === flag?.name)?.description).toBe(flag?.help);
    }
  });

  it('has its default used when nothing sets it', () => {
    const settings = loadSettings({ flags: {}, env: {}, cwd: temp.path });
    expect(settings.maxErrors).toBe(settingDeclarations.maxErrors.default);
    expect(settings.lockTimeoutSeconds).toBe(settingDeclarations.lockTimeoutSeconds.default);
    expect(settings.infra.nodeType).toBe(settingDeclarations.nodeType.default);
    expect(defaultSettings.warehouse).toBe(settingDeclarations.warehouse.default);
    expect(defaultInfraSettings.clusterIdentifier).toBe(settingDeclarations.clusterIdentifier.default);
  });
});
