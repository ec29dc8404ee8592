/** The autograd engine: every Value operation's gradient against a central finite difference. */
import { describe, expect, it } from 'vitest';
import { Value, sum, dot } from '../../microgpt/microgpt.ts';
import { Random } from '../../microgpt/random.ts';

/** A scalar function of some inputs, written once with Values. */
type Expr = (xs: Value[]) => Value;

/** The value of the expression at plain numbers. */
function evaluate(f: Expr, xs: number[]): number {
  return f(xs.map((x) => new Value(x))).data;
}

/** The gradient the engine computes by backward(). */
function backprop(f: Expr, xs: number[]): number[] {
  const leaves = xs.map((x) => new Value(x));
  f(leaves).backward();
  return leaves.map((leaf) => leaf.grad);
}

/** The gradient by central differences, (f(x + h) - f(x - h)) / 2h, one input at a time. */
function numeric(f: Expr, xs: number[], h = 1e-5): number[] {
  return xs.map((_, i) => {
    const up = xs.map((x, j) => (j === i ? x + h : x));
    const down = xs.map((x, j) => (j === i ? x - h : x));
    return (evaluate(f, up) - evaluate(f, down)) / (2 * h);
  });
}

/** backward() agrees with the finite difference to ~1e-6, relative to the gradient's size. */
function expectGradient(f: Expr, xs: number[]): void {
  const got = backprop(f, xs);
  const want = numeric(f, xs);
  got.forEach((g, i) => {
    expect(Math.abs(g - want[i]), `d/dx${i} at ${xs}: backward ${g}, numeric ${want[i]}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want[i])));
  });
}

const rng = new Random(2024);
/** `count` random points, each a list of `arity` numbers drawn uniformly from [lo, hi). */
function points(arity: number, lo: number, hi: number, count = 8): number[][] {
  return Array.from({ length: count }, () => Array.from({ length: arity }, () => lo + (hi - lo) * rng.random()));
}

/** Inputs kept away from 0 (sign random), so relu's kink, division and negative powers stay smooth. */
function awayFromZero(arity: number, count = 8): number[][] {
  return points(arity, 0.2, 3, count).map((xs) => xs.map((x) => (rng.random() < 0.5 ? -x : x)));
}

interface Case {
  name: string;
  f: Expr;
  data: (xs: number[]) => number; // what the forward pass must compute
  at: number[][];
}

const cases: Case[] = [
  { name: 'a.add(b)', f: ([a, b]) => a.add(b), data: ([a, b]) => a + b, at: points(2, -3, 3) },
  { name: 'a.add(number)', f: ([a]) => a.add(2.5), data: ([a]) => a + 2.5, at: points(1, -3, 3) },
  { name: 'a.mul(b)', f: ([a, b]) => a.mul(b), data: ([a, b]) => a * b, at: points(2, -3, 3) },
  { name: 'a.mul(number)', f: ([a]) => a.mul(-1.75), data: ([a]) => a * -1.75, at: points(1, -3, 3) },
  { name: 'a.pow(2)', f: ([a]) => a.pow(2), data: ([a]) => a ** 2, at: points(1, -3, 3) },
  { name: 'a.pow(3)', f: ([a]) => a.pow(3), data: ([a]) => a ** 3, at: points(1, -3, 3) },
  { name: 'a.pow(-1)', f: ([a]) => a.pow(-1), data: ([a]) => a ** -1, at: awayFromZero(1) },
  { name: 'a.pow(0.5)', f: ([a]) => a.pow(0.5), data: ([a]) => a ** 0.5, at: points(1, 0.1, 5) },
  { name: 'a.pow(-0.5)', f: ([a]) => a.pow(-0.5), data: ([a]) => a ** -0.5, at: points(1, 0.1, 5) },
  { name: 'a.log()', f: ([a]) => a.log(), data: ([a]) => Math.log(a), at: points(1, 0.05, 10) },
  { name: 'a.exp()', f: ([a]) => a.exp(), data: ([a]) => Math.exp(a), at: points(1, -5, 3) },
  { name: 'a.relu()', f: ([a]) => a.relu(), data: ([a]) => Math.max(0, a), at: awayFromZero(1, 12) },
  { name: 'a.neg()', f: ([a]) => a.neg(), data: ([a]) => -a, at: points(1, -3, 3) },
  { name: 'a.sub(b)', f: ([a, b]) => a.sub(b), data: ([a, b]) => a - b, at: points(2, -3, 3) },
  { name: 'a.sub(number)', f: ([a]) => a.sub(0.3), data: ([a]) => a - 0.3, at: points(1, -3, 3) },
  { name: 'a.div(b)', f: ([a, b]) => a.div(b), data: ([a, b]) => a * b ** -1, at: awayFromZero(2) },
  { name: 'a.div(number)', f: ([a]) => a.div(4), data: ([a]) => a * 0.25, at: points(1, -3, 3) },
  { name: 'sum(xs)', f: (xs) => sum(xs), data: (xs) => xs.reduce((s, x) => s + x, 0), at: points(5, -3, 3) },
  {
    name: 'dot(a, b)',
    f: (xs) => dot(xs.slice(0, 4), xs.slice(4)),
    data: (xs) => xs.slice(0, 4).reduce((s, x, i) => s + x * xs[4 + i], 0),
    at: points(8, -3, 3),
  },
];

describe('each Value operation: forward value and gradient', () => {
  describe.each(cases)('$name', ({ f, data, at }) => {
    it.each(at)('at %s', (...xs: number[]) => {
      expect(evaluate(f, xs)).toBe(data(xs));
      expectGradient(f, xs);
    });
  });

  it('relu has zero gradient below zero and passes it through above', () => {
    expect(backprop(([a]) => a.relu(), [-0.7])).toEqual([0]);
    expect(backprop(([a]) => a.relu(), [0.7])).toEqual([1]);
  });

  it('sum of nothing is 0, dot of empty vectors is 0', () => {
    expect(sum([]).data).toBe(0);
    expect(dot([], []).data).toBe(0);
  });
});

describe('composite expressions', () => {
  /** Every operation at once, with shared subexpressions (a diamond-shaped graph). */
  const composite: Expr = ([a, b, c]) => {
    const ab = a.mul(b);
    const e = ab.add(c.exp()).log();        // log(ab + e^c)
    const shared = e.sub(a.div(c));         // used three times below
    const r = shared.mul(shared).relu().add(shared.pow(3).neg());
    return sum([r, dot([a, b, c], [shared, e, ab]), shared.div(2)]);
  };

  it.each(points(3, 0.5, 2, 10))('matches the finite difference at %s', (...xs: number[]) => {
    expectGradient(composite, xs);
  });

  it("micrograd's sanity check: the same expression gives micrograd's numbers", () => {
    // From micrograd's test_engine.py, with torch's values as the oracle.
    const x = new Value(-4);
    const z = x.mul(2).add(2).add(x);
    const q = z.relu().add(z.mul(x));
    const h = z.mul(z).relu();
    const y = h.add(q).add(q.mul(x));
    y.backward();
    expect(y.data).toBe(-20);
    expect(x.grad).toBe(46);
  });

  it('a softmax cross-entropy, as in the model, matches the finite difference', () => {
    const loss: Expr = (logits) => {
      const max = Math.max(...logits.map((l) => l.data));
      const exps = logits.map((l) => l.sub(max).exp());
      const total = sum(exps);
      return exps[2].div(total).log().neg();
    };
    for (const xs of points(5, -2, 2, 5)) expectGradient(loss, xs);
  });
});

describe('gradient accumulation', () => {
  it('x * x: the node used twice gets both contributions, 2x', () => {
    expect(backprop(([x]) => x.mul(x), [3])).toEqual([6]);
  });

  it('a + a gives 2, a + a + a gives 3', () => {
    expect(backprop(([a]) => a.add(a), [0.4])).toEqual([2]);
    expect(backprop(([a]) => a.add(a).add(a), [0.4])).toEqual([3]);
  });

  it('dot(x, x) and sum([x, x]) count each use', () => {
    expect(backprop(([x]) => dot([x, x], [x, x]), [1.5])).toEqual([6]); // d/dx 2x^2
    expect(backprop(([x]) => sum([x, x, x]), [1.5])).toEqual([3]);
  });

  it('a second graph over the same leaves adds to their gradients until they are reset', () => {
    const a = new Value(2);
    a.mul(3).backward();
    a.mul(a).backward();
    expect(a.grad).toBe(3 + 4);
  });
});

describe('deep graphs', () => {
  it('a chain of 200,000 nodes runs backward without a stack overflow', () => {
    const x = new Value(0.5);
    let y = x;
    for (let i = 0; i < 200_000; i++) y = i % 2 === 0 ? y.add(0.001) : y.mul(1);
    y.backward();
    expect(y.data).toBeCloseTo(0.5 + 100, 9);
    expect(x.grad).toBe(1);
  });

  it('a deep chain of multiplications carries the product of the local gradients', () => {
    const x = new Value(1);
    let y = x;
    const n = 200_000;
    for (let i = 0; i < n; i++) y = y.mul(1.000001);
    y.backward();
    let want = 1;
    for (let i = 0; i < n; i++) want *= 1.000001;
    expect(y.data).toBe(want);
    expect(x.grad).toBe(want);
  });
});
