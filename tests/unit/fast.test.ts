/** The fast engine against the faithful one: gradients on random small configs, the reference traces, the CLI flag. */
import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Random } from '../../microgpt/random.ts';
import { createRun, documentLoss, trainStep, sample, defaults, encode, gpt, softmax, type Config, type Inspect, type Value } from '../../microgpt/microgpt.ts';
import { createFastRun, fastGradients, fastInspect, fastTrainStep, fastSample } from '../../microgpt/fast.ts';
import { configOf, loadCustomRun, loadTrace, makemoreNames, printedOutput, repoRoot, shippedNames, type Trace } from '../fixtures/traces.ts';

const TSX = path.join(repoRoot, 'node_modules/.bin/tsx');
const CLI = path.join(repoRoot, 'microgpt/cli.ts');

/** A small text of `count` documents over a few letters, accents and an emoji, some longer than any block. */
function randomText(rng: Random, count: number): string {
  const alphabet = [...'abcdeéz', '😀', 'ß'];
  const docs: string[] = [];
  for (let d = 0; d < count; d++) {
    const len = 1 + rng.randbelow(12);
    docs.push(Array.from({ length: len }, () => alphabet[rng.randbelow(alphabet.length)]).join(''));
  }
  return docs.join('\n') + '\n';
}

/** A random small config: 1–4 heads of width 1–4, 1–3 layers, blocks of 1–9 positions, any seed. */
function randomConfig(rng: Random): Config {
  const nHead = 1 + rng.randbelow(4);
  return {
    ...defaults,
    nHead,
    nEmbd: nHead * (1 + rng.randbelow(4)),
    nLayer: 1 + rng.randbelow(3),
    blockSize: 1 + rng.randbelow(9),
    seed: rng.randbelow(1_000_000),
    numSteps: 10,
  };
}

const configs = (() => {
  const rng = new Random(2024);
  return Array.from({ length: 12 }, (_, i) => ({ i: i + 1, config: randomConfig(rng), text: randomText(rng, 3 + rng.randbelow(20)) }));
})();

/** The largest |a_i - b_i| over two equally long lists. */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('gradients: fast.ts against microgpt.ts', () => {
  it.each(configs)('random config #$i: n_embd $config.nEmbd, n_head $config.nHead, n_layer $config.nLayer, block_size $config.blockSize', ({ config, text }) => {
    const slow = createRun(text, config);
    const fast = createFastRun(text, config);
    expect(fast.docs).toEqual(slow.docs);
    expect(fast.numParams).toBe(slow.model.params.length);
    expect(maxDiff(fast.params, slow.model.params.map((p) => p.data))).toBe(0); // the same draws, in the same order

    for (let step = 0; step < 3; step++) {
      // the gradient of the next step's document, before and after Adam has moved the weights
      const doc = slow.docs[step % slow.docs.length];
      const loss = documentLoss(slow, doc);
      loss.backward();
      const slowGrads = slow.model.params.map((p) => p.grad);
      for (const p of slow.model.params) p.grad = 0;
      const { loss: fastLoss, grads } = fastGradients(fast, doc);
      expect(Math.abs(fastLoss - loss.data)).toBeLessThanOrEqual(1e-12);
      expect(slowGrads.some((g) => g !== 0)).toBe(true);
      expect(maxDiff(grads, slowGrads)).toBeLessThanOrEqual(1e-10);

      const slowStep = trainStep(slow);
      const fastStep = fastTrainStep(fast);
      expect(Math.abs(fastStep - slowStep)).toBeLessThanOrEqual(1e-12);
      expect(maxDiff(fast.params, slow.model.params.map((p) => p.data))).toBeLessThanOrEqual(1e-12);
    }
    expect(fast.step).toBe(3);
    expect(Array.from({ length: 5 }, () => fastSample(fast))).toEqual(Array.from({ length: 5 }, () => sample(slow)));
  });

  it('the loss of the first step is computed with the same arithmetic, bit for bit', () => {
    for (const { config, text } of configs) {
      const slow = createRun(text, config);
      const fast = createFastRun(text, config);
      expect(fastTrainStep(fast)).toBe(trainStep(slow));
    }
  });
});

/** Train on the fast engine with the trace's config; compare every loss and every sample with microgpt.py's. */
function expectParity(text: string, ref: Trace): void {
  const config = configOf(ref);
  const run = createFastRun(text, config);
  expect(run.docs.length).toBe(ref.num_docs);
  expect(run.tokenizer.vocabSize).toBe(ref.vocab_size);
  expect(run.numParams).toBe(ref.num_params);
  const losses = Array.from({ length: config.numSteps }, () => fastTrainStep(run));
  expect(losses).toHaveLength(ref.losses.length);
  expect(maxDiff(losses, ref.losses)).toBeLessThanOrEqual(1e-9);
  expect(Array.from({ length: config.numSamples }, () => fastSample(run))).toEqual(ref.samples);
}

describe('inspecting a forward pass', () => {
  it("reports gpt()'s probabilities and attention weights, number for number", () => {
    const { config, text } = configs.find((c) => c.config.nLayer > 1 && c.config.nHead > 1)!;
    const slow = createRun(text, config);
    const fast = createFastRun(text, config);
    for (let i = 0; i < 3; i++) expect(fastTrainStep(fast)).toBe(trainStep(slow));
    const { nLayer, blockSize } = config;
    const tokens = [slow.tokenizer.BOS, ...encode(slow.tokenizer, slow.docs[0])].slice(0, blockSize);
    const keys: Value[][][] = Array.from({ length: nLayer }, () => []);
    const values: Value[][][] = Array.from({ length: nLayer }, () => []);
    const inspect: Inspect = { attention: [] };
    const probs = tokens.map((id, pos) => softmax(gpt(slow.model, id, pos, keys, values, inspect)).map((p) => p.data));
    const seen = fastInspect(fast, tokens);
    expect(maxDiff(seen.probs.flat(), probs.flat())).toBeLessThanOrEqual(1e-12);
    expect(seen.attention.map((heads) => heads.map((w) => w.length))).toEqual(inspect.attention.map((heads) => heads.map((w) => w.length)));
    expect(maxDiff(seen.attention.flat(2), inspect.attention.flat(2))).toBeLessThanOrEqual(1e-12);
    expect(() => fastInspect(fast, new Array(blockSize + 1).fill(0))).toThrow(/at most block_size/);
  });
});

describe('parity with microgpt.py', () => {
  it('the shipped names (SSA 2018): 1,000 steps', () => {
    expectParity(readFileSync(shippedNames, 'utf8'), loadTrace('ssa2018-names-seed42.json'));
  });

  it.skipIf(!existsSync(makemoreNames))("the makemore names: 1,000 steps and Karpathy's published samples (reads ../shared)", () => {
    expectParity(readFileSync(makemoreNames, 'utf8'), loadTrace('makemore-names-seed42.json'));
  });

  it('two layers of three heads on an awkward text (tests/fixtures/custom-parity.json)', () => {
    const custom = loadCustomRun();
    expect(custom.python.config.n_layer).toBeGreaterThan(1);
    expectParity(custom.text, custom.python);
  });
});

describe('the CLI flag --engine', () => {
  const train = (args: string[]) => spawnSync(TSX, [CLI, ...args], { cwd: repoRoot, encoding: 'utf8' });

  it('--engine fast prints exactly what the default engine prints', () => {
    const faithful = execFileSync(TSX, [CLI, '--steps', '20'], { cwd: repoRoot, encoding: 'utf8' });
    const fast = execFileSync(TSX, [CLI, '--engine', 'fast', '--steps', '20'], { cwd: repoRoot, encoding: 'utf8' });
    expect(faithful).toMatch(/^num docs: 32257\nvocab size: 27\nnum params: 4192\nstep {4}1 \/ {3}20 \| loss \d\.\d{4}\n/);
    expect(faithful.split('\n').filter((l) => l.startsWith('sample '))).toHaveLength(20);
    expect(fast).toBe(faithful);
    expect(train(['--engine=faithful', '--steps', '20']).stdout).toBe(faithful);
  });

  it('--engine fast prints what microgpt.py printed for the custom text, line for line', () => {
    const custom = loadCustomRun();
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'microgpt-fast-')), 'custom.txt');
    writeFileSync(input, custom.text);
    const result = train(['--engine', 'fast', '--input', input, ...custom.args]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(printedOutput(custom.python, '\n'));
  });

  it('an unknown engine is one line on stderr and exit status 2', () => {
    const result = train(['--engine', 'bogus', '--steps', '1']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('microgpt: --engine must be one of faithful, fast, got "bogus"\n');
  });

  it('--help lists --engine', () => {
    expect(train(['--help']).stdout).toMatch(/--engine NAME +faithful .* or fast/);
  });
});
