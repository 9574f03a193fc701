/**
 * The benchmark's dataset sizes, and where each one lives: `<data-dir>/songs-N-events-M-seed-S`,
 * the name every helper and earlier run uses, so a generated dataset is found again.
 */
export interface BenchSize {
  readonly songs: number;
  readonly events: number;
}

export const benchSizes: Readonly<Record<string, BenchSize>> = {
  S: { songs: 10_000, events: 100_000 },
  M: { songs: 100_000, events: 1_000_000 },
  L: { songs: 300_000, events: 5_000_000 },
  // The generator's upper bounds: the Million Song Dataset's size and about 10 GB of JSON.
  XL: { songs: 1_000_000, events: 20_000_000 },
};

export function datasetFolderName(size: BenchSize, seed: number): string {
  return `songs-${size.songs}-events-${size.events}-seed-${seed}`;
}
