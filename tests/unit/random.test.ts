/** microgpt/random.ts against figures printed by python3's own `random` module (scripts/python-random-fixture.py). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Random } from '../../microgpt/random.ts';

type Op = { op: 'gauss'; mu: number; sigma: number; result: number } | { op: 'random'; result: number } | { op: 'reseed' };

interface SeedFigures {
  seed: number;
  random: number[];
  getrandbits: { k: number; values: number[] }[];
  gauss: number[];
  gaussScaled: number[];
  interleaved: Op[];
  shuffle: { n: number; result: number[]; next: number }[];
  choices: { weights: number[]; draws: number[] }[];
}

/**
 * Distance in units in the last place. gauss() goes through Math.log and Math.sin/cos, which in V8 are not
 * always the correctly rounded result CPython gets from the C library: about one deviate in ten differs in
 * its last bit or two. The uniform stream underneath stays bit-exact (checked by random() after each gauss).
 */
function ulps(a: number, b: number): number {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const d = bits[0] - bits[1];
  return Number(d < 0n ? -d : d);
}

/** Every value within `max` ulps of Python's, and equal in sign and count. */
function expectClose(got: number[], want: number[], max = 2): void {
  expect(got.length).toBe(want.length);
  const far = got.map((g, i) => ({ i, got: g, want: want[i], ulps: ulps(g, want[i]) })).filter((d) => d.ulps > max);
  expect(far).toEqual([]);
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/python-random.json', import.meta.url), 'utf8')) as {
  python: string;
  seeds: SeedFigures[];
};

describe.each(fixture.seeds)('Random($seed) against python3 ' + fixture.python, (figures) => {
  const { seed } = figures;

  it('random() gives the same doubles', () => {
    const rng = new Random(seed);
    expect(figures.random.map(() => rng.random())).toEqual(figures.random);
  });

  it.each(figures.getrandbits)('getrandbits($k)', ({ k, values }) => {
    const rng = new Random(seed);
    expect(values.map(() => rng.getrandbits(k))).toEqual(values);
  });

  it('gauss(0, 1), with the cached second deviate', () => {
    const rng = new Random(seed);
    expectClose(figures.gauss.map(() => rng.gauss(0, 1)), figures.gauss);
  });

  it('gauss(0, 0.08), the spread of the initial weights', () => {
    const rng = new Random(seed);
    expectClose(figures.gaussScaled.map(() => rng.gauss(0, 0.08)), figures.gaussScaled);
  });

  it('gauss and random() interleaved: the cache serves every second gauss, seed() empties it', () => {
    const rng = new Random(seed);
    for (const op of figures.interleaved) {
      if (op.op === 'reseed') rng.seed(seed);
      else if (op.op === 'random') expect(rng.random()).toBe(op.result); // the uniform stream stays bit-exact
      else expectClose([rng.gauss(op.mu, op.sigma)], [op.result]);
    }
  });

  it.each(figures.shuffle)('shuffle(range($n)) and the draw after it', ({ n, result, next }) => {
    const rng = new Random(seed);
    const xs = Array.from({ length: n }, (_, i) => i);
    rng.shuffle(xs);
    expect(xs).toEqual(result);
    expect(rng.random()).toBe(next);
  });

  it.each(figures.choices)('choices(range(n), weights=$weights)', ({ weights, draws }) => {
    const rng = new Random(seed);
    expect(draws.map(() => rng.choice(weights))).toEqual(draws);
  });
});

describe('Random: what Python also gets right', () => {
  it('a negative seed seeds like its absolute value', () => {
    const a = new Random(-7);
    const b = new Random(7);
    expect([a.random(), a.gauss(), a.random()]).toEqual([b.random(), b.gauss(), b.random()]);
  });

  it('never draws a zero-weight index', () => {
    const rng = new Random(3);
    const weights = [0, 1, 0, 1, 0];
    for (let i = 0; i < 2000; i++) expect([1, 3]).toContain(rng.choice(weights));
  });

  it('randbelow stays in range for sizes around powers of two', () => {
    const rng = new Random(9);
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 255, 256, 257, 2 ** 31, 2 ** 32 - 1]) {
      for (let i = 0; i < 50; i++) {
        const r = rng.randbelow(n);
        expect(Number.isInteger(r) && r >= 0 && r < n).toBe(true);
      }
    }
  });
});

describe('Random: bad arguments get a clear error', () => {
  it.each([1.5, NaN, Infinity, -Infinity, 2 ** 53])('rejects the seed %s', (seed) => {
    expect(() => new Random(seed)).toThrow(new RangeError(`seed must be a whole number, got ${seed}`));
  });

  it('rejects weights that sum to zero or less, as Python does', () => {
    const rng = new Random(1);
    expect(() => rng.choice([0, 0, 0])).toThrow(new RangeError('Total of weights must be greater than zero'));
    expect(() => rng.choice([-1, 0])).toThrow(new RangeError('Total of weights must be greater than zero'));
    expect(() => rng.choice([])).toThrow(RangeError);
  });

  it('rejects an infinite total, as Python does', () => {
    const rng = new Random(1);
    expect(() => rng.choice([Infinity, 1])).toThrow(new RangeError('Total of weights must be finite'));
  });

  it('rejects a NaN weight instead of drawing from it', () => {
    expect(() => new Random(1).choice([NaN, 1])).toThrow(RangeError);
  });

  it('rejects getrandbits outside 0..32', () => {
    const rng = new Random(1);
    expect(rng.getrandbits(0)).toBe(0);
    expect(() => rng.getrandbits(33)).toThrow(RangeError);
    expect(() => rng.getrandbits(-1)).toThrow(RangeError);
  });
});
