/**
 * A small seeded PRNG (sfc32) and the samplers the generator needs. Math.random can
 * not be seeded, and the datasets must be byte-identical for a seed: tests compare
 * hashes of whole trees, and benchmarks must be repeatable across machines.
 *
 * sfc32 rather than mulberry32: a 128-bit state has no short cycles at the tens of
 * millions of draws a large dataset takes, and it is just as cheap.
 */

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * `stream` names an independent sequence for the same seed, so that the catalogue
   * does not change when only the number of events does.
   */
  constructor(seed: number, stream = '') {
    const words = hashToWords(`${seed}/${stream}`);
    this.a = words[0];
    this.b = words[1];
    this.c = words[2];
    this.d = words[3];
    // The first outputs of a freshly seeded sfc32 are poorly mixed.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [low, high). */
  between(low: number, high: number): number {
    return low + this.next() * (high - low);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Standard normal (Box-Muller; one value per call keeps the stream simple). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const swap = order[i] as number;
      order[i] = order[j] as number;
      order[j] = swap;
    }
    return order;
  }
}

/** Draws an index with probability proportional to its weight: a CDF and a binary search. */
export class WeightedSampler {
  private readonly cdf: Float64Array;
  private readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.cdf = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const weight = weights[i] as number;
      if (!(weight >= 0)) throw new RangeError(`weight ${i} is ${weight}`);
      sum += weight;
      this.cdf[i] = sum;
    }
    if (!(sum > 0)) throw new RangeError('weights must not all be zero');
    this.total = sum;
  }

  get size(): number {
    return this.cdf.length;
  }

  sample(random: Random): number {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.cdf.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cdf[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/**
 * Zipf(-Mandelbrot) over ranks 0..n-1: weight 1 / (rank + 1 + offset)^exponent.
 * The offset flattens the very top a little, as real play counts are.
 */
export function zipfSampler(n: number, exponent: number, offset = 0): WeightedSampler {
  const weights = new Float64Array(n);
  for (let rank = 0; rank < n; rank++) weights[rank] = 1 / Math.pow(rank + 1 + offset, exponent);
  return new WeightedSampler(weights);
}

/** xmur3-style string hash stretched to four 32-bit words of PRNG state. */
function hashToWords(text: string): [number, number, number, number] {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const nextWord = (): number => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
  return [nextWord(), nextWord(), nextWord(), nextWord()];
}
