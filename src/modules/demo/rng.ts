/**
 * Seeded randomness for the demo generator: faker's Mersenne twister, never Math.random,
 * so one seed always gives the same province. Each generation phase draws from its own
 * stream (seed + phase), so changing how venues are drawn never reshuffles the people.
 */
import { type Randomizer, SimpleFaker, generateMersenne53Randomizer } from '@faker-js/faker';

export class Rng {
  readonly faker: SimpleFaker;
  private readonly randomizer: Randomizer;

  constructor(seed: number, phase = 0) {
    this.randomizer = generateMersenne53Randomizer();
    this.faker = new SimpleFaker({ randomizer: this.randomizer });
    // Mix the phase into the 32-bit seed (golden-ratio step keeps neighbouring phases apart).
    this.faker.seed((Math.imul(seed >>> 0, 0x01000193) ^ Math.imul(phase + 1, 0x9e3779b1)) >>> 0);
  }

  /** Uniform in [0, 1). The hot loops call this directly: faker.number.int is ~2x slower. */
  next(): number {
    return this.randomizer.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.randomizer.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.randomizer.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.randomizer.next() * items.length)]!;
  }

  /** Fisher–Yates in place; works on plain and typed arrays. */
  shuffle<A extends { length: number; [i: number]: unknown }>(items: A): A {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.randomizer.next() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** Normal deviate (Box–Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.randomizer.next();
    const v = this.randomizer.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Poisson deviate (Knuth; fine for the small means used here). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.randomizer.next();
    while (p > limit) {
      k++;
      p *= this.randomizer.next();
    }
    return k;
  }

  /** `n` random decimal digits as a number (n ≤ 15). */
  digits(n: number): number {
    return Math.floor(this.randomizer.next() * 10 ** n);
  }
}

/** Weighted choice by binary search over cumulative weights: O(log n) a draw. */
export class WeightedTable<T> {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[] | Float64Array,
  ) {
    if (items.length !== weights.length) throw new Error('items and weights differ in length');
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) {
      sum += Math.max(0, weights[i]!);
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  pickIndex(rng: Rng): number {
    if (this.total <= 0) throw new Error('weighted pick with no positive weight');
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  pick(rng: Rng): T {
    return this.items[this.pickIndex(rng)]!;
  }
}

/** Weighted table from [item, weight] pairs (the readable form for static tables). */
export function weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  return new WeightedTable(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  );
}

/** Splits `total` into integer parts proportional to `shares` (largest remainder). */
export function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (sum > 0 ? (total * s) / sum : 0));
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]]!++;
  return parts;
}

/**
 * A stable pseudo-random number in [0, 1) from an id and a salt, without a stream: for choices
 * made per existing row (after the load), so the demo comes out the same every time. `stream`
 * keeps two callers' draws for the same id apart.
 */
export function stableUnit(stream: number, id: number, salt: number): number {
  let h = Math.imul(id ^ stream, 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2f);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
