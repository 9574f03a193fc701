/** Builds the report and writes it to a file: what `sparkify report` and the end of `sparkify run` call. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../engines/engine.js';
import { buildReport } from './build-report.js';

export interface WrittenReport {
  /** Absolute path of the written file. */
  readonly path: string;
  readonly seconds: number;
}

export async function writeReport(engine: Engine, outPath: string): Promise<WrittenReport> {
  const started = performance.now();
  const { html } = await buildReport(engine);
  const target = path.resolve(outPath);
  await mkdir(path.dirname(target), { recursive: true });
  // Written beside the target and renamed, so a reader never sees half a report.
  const partial = `${target}.${process.pid}.partial`;
  await writeFile(partial, html, 'utf8');
  await rename(partial, target);
  return { path: target, seconds: (performance.now() - started) / 1000 };
}
