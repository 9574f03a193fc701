/** The seeded PRNG and samplers: repeatable, independent streams, the right proportions. */
import { describe, expect, it } from 'vitest';
import { Random, WeightedSampler, zipfSampler } from '../../src/generate/random.js';

const draws = (random: Random, n: number): number[] => Array.from({ length: n }, () => random.uint32());

describe('Random', () => {
  it('repeats a sequence for a seed and stream, and differs otherwise', () => {
    expect(draws(new Random(42, 'events'), 5)).toEqual(draws(new Random(42, 'events'), 5));
    expect(draws(new Random(42, 'events'), 5)).not.toEqual(draws(new Random(43, 'events'), 5));
    expect(draws(new Random(42, 'events'), 5)).not.toEqual(draws(new Random(42, 'catalogue'), 5));
  });

  it('draws uniformly in [0, 1) and in integer ranges', () => {
    const random = new Random(1);
    const values = Array.from({ length: 100_000 }, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = new Array<number>(10).fill(0);
    for (const value of values) buckets[Math.floor(value * 10)]! += 1;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    const ints = new Set(Array.from({ length: 1000 }, () => random.int(7)));
    expect([...ints].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('makes permutations and fixed-alphabet strings', () => {
    const random = new Random(2);
    expect([...random.permutation(50)].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(random.chars('AB', 20)).toMatch(/^[AB]{20}$/);
    expect(() => random.pick([])).toThrow(RangeError);
  });
});

describe('samplers', () => {
  it('draws in proportion to the weights', () => {
    const random = new Random(3);
    const sampler = new WeightedSampler([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[sampler.sample(random)]! += 1;
    expect(counts[1]).toBe(0);
    expect((counts[2] as number) / (counts[0] as number)).toBeCloseTo(3, 0);
    expect(() => new WeightedSampler([0, 0])).toThrow(RangeError);
  });

  it('gives Zipf ranks a heavy head and a long tail', () => {
    const random = new Random(4);
    const sampler = zipfSampler(1000, 1);
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < 100_000; i++) counts[sampler.sample(random)]! += 1;
    // Rank 1 is drawn about twice as often as rank 2, and ten times as often as rank 10.
    expect((counts[0] as number) / (counts[1] as number)).toBeCloseTo(2, 0);
    expect((counts[0] as number) / (counts[9] as number)).toBeGreaterThan(7);
    expect(counts.filter((count) => count > 0).length).toBeGreaterThan(900);
  });
});
