/** The progress display: the ETA it shows is a time or `?`, never cli-progress's "NFs". */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../src/cli/output.js';
import { createProgressRenderer, etaText } from '../../src/cli/progress-renderer.js';

/** A stream that says it is a terminal, keeping what is drawn on it. */
function fakeTerminal(): { stream: PassThrough; text(): string } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 200 });
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { stream, text: () => written };
}

function outputFor(isTerminal: boolean, said: string[]): Output {
  return { quiet: false, isTerminal, say: (text) => said.push(text), data: () => undefined };
}

describe('progress ETA', () => {
  it('formats seconds, minutes and hours, and says ? when the rate says nothing', () => {
    expect(etaText(1000, 100)).toBe('10s');
    expect(etaText(187, 1)).toBe('3m07s');
    expect(etaText(7500, 1)).toBe('2h05m');
    expect(etaText(0, 5)).toBe('0s');
    expect(etaText(1000, 0)).toBe('?');
    expect(etaText(1000, Number.NaN)).toBe('?');
    expect(etaText(1000, Number.POSITIVE_INFINITY)).toBe('0s');
    expect(etaText(1e12, 1)).toBe('?');
  });

  it('draws a bar whose ETA is ? while nothing has been read, then a time (cli-progress showed "ETA NFs")', async () => {
    const terminal = fakeTerminal();
    const progress = createProgressRenderer(outputFor(true, []), terminal.stream);
    progress.listener({ type: 'phase-start', phase: 'stage-events', files: 2, bytes: 4_000_000 });
    // A first batch of rows before any byte is counted: the rate is 0, the time left unknown.
    progress.listener({ type: 'staged', kind: 'events', files: 0, rows: 10, bytes: 0 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    progress.listener({ type: 'staged', kind: 'events', files: 0, rows: 10, bytes: 0 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const stalled = terminal.text();
    progress.listener({ type: 'staged', kind: 'events', files: 1, rows: 20, bytes: 2_000_000 });
    progress.stop();
    const drawn = terminal.text();
    expect(stalled).toMatch(/ETA \?/);
    expect(drawn).toMatch(/1\/2 files \| 20 rows \| [\d.]+ MB\/s \| ETA \d+s/);
    expect(drawn).not.toMatch(/NFs|LLs|NaN|Infinity/);
  });

  it('logs plain lines with the same ETA when stderr is not a terminal', () => {
    const said: string[] = [];
    const progress = createProgressRenderer(outputFor(false, said));
    progress.listener({ type: 'phase-start', phase: 'stage-songs', files: 3, bytes: 3_000 });
    expect(said).toEqual(['staging songs: 3 files, 0.0 MB']);
  });
});
