/** The parameters: 4,192 for the default config, matrix by matrix in the state dict's order. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRun, defaults, initModel, type Config, type Model } from '../../microgpt/microgpt.ts';
import { Random } from '../../microgpt/random.ts';

/** [name, rows, columns] of every matrix, in the order the state dict holds them. */
function shapes(model: Model): [string, number, number][] {
  return Object.entries(model.stateDict).map(([name, m]) => [name, m.length, m[0].length]);
}

/** microgpt.py's count: wte, wpe and lm_head, then per layer four n_embd² attention matrices and two 4·n_embd² MLP matrices. */
function expectedCount(c: Config, vocabSize: number): number {
  return 2 * vocabSize * c.nEmbd + c.blockSize * c.nEmbd + c.nLayer * (4 * c.nEmbd ** 2 + 2 * 4 * c.nEmbd ** 2);
}

describe('the default config on the shipped names', () => {
  const text = readFileSync(new URL('../../content/data/names.txt', import.meta.url), 'utf8');
  const run = createRun(text, defaults);
  const model = run.model;

  it('has 4,192 parameters', () => {
    expect(run.tokenizer.vocabSize).toBe(27);
    expect(model.params).toHaveLength(4192);
    expect(expectedCount(defaults, 27)).toBe(4192);
  });

  it('breaks down by matrix in the state dict order of microgpt.py', () => {
    expect(shapes(model)).toEqual([
      ['wte', 27, 16],
      ['wpe', 16, 16],
      ['lm_head', 27, 16],
      ['layer0.attn_wq', 16, 16],
      ['layer0.attn_wk', 16, 16],
      ['layer0.attn_wv', 16, 16],
      ['layer0.attn_wo', 16, 16],
      ['layer0.mlp_fc1', 64, 16],
      ['layer0.mlp_fc2', 16, 64],
    ]);
    const counts = shapes(model).map(([name, rows, cols]) => [name, rows * cols]);
    expect(counts).toEqual([
      ['wte', 432], ['wpe', 256], ['lm_head', 432],
      ['layer0.attn_wq', 256], ['layer0.attn_wk', 256], ['layer0.attn_wv', 256], ['layer0.attn_wo', 256],
      ['layer0.mlp_fc1', 1024], ['layer0.mlp_fc2', 1024],
    ]);
    expect(counts.reduce((s, [, n]) => s + (n as number), 0)).toBe(4192);
  });

  it('flattens the state dict row by row into params, every weight its own Value', () => {
    const flat = Object.values(model.stateDict).flatMap((m) => m.flat());
    expect(model.params.length).toBe(flat.length);
    model.params.forEach((p, i) => expect(p).toBe(flat[i]));
    expect(new Set(model.params).size).toBe(model.params.length);
  });
});

describe('initialisation', () => {
  it('draws the weights as gauss(0, 0.08), one after another in params order', () => {
    const model = initModel(defaults, 27, new Random(7));
    const again = new Random(7);
    expect(model.params.map((p) => p.data)).toEqual(model.params.map(() => again.gauss(0, 0.08)));
    expect(model.params.every((p) => p.grad === 0)).toBe(true);
  });
});

describe('another config against the formula', () => {
  const configs: [Partial<Config>, number][] = [
    [{ nLayer: 2, nEmbd: 8, nHead: 2, blockSize: 10 }, 30],
    [{ nLayer: 3, nEmbd: 12, nHead: 3, blockSize: 5 }, 5],
    [{ nLayer: 8, nEmbd: 64, nHead: 4, blockSize: 64 }, 27],
  ];

  it.each(configs)('%o with vocab %i', (overrides, vocabSize) => {
    const config = { ...defaults, ...overrides };
    const model = initModel(config, vocabSize, new Random(1));
    expect(model.params).toHaveLength(expectedCount(config, vocabSize));
    const layerNames = Object.keys(model.stateDict).filter((k) => k.startsWith('layer'));
    expect(layerNames).toHaveLength(6 * config.nLayer);
    expect(Object.keys(model.stateDict).slice(0, 3)).toEqual(['wte', 'wpe', 'lm_head']);
  });

  it('n_layer 2, n_embd 8, block 10, vocab 30 is 2,096 parameters', () => {
    // 2·30·8 (wte, lm_head) + 10·8 (wpe) + 2 layers · 12·8²
    expect(initModel({ ...defaults, nLayer: 2, nEmbd: 8, nHead: 2, blockSize: 10 }, 30, new Random(1)).params).toHaveLength(2096);
  });
});
