/** The page's guard against sizes a browser tab cannot train: each knob's limit, and one on the whole model. */
import type { Config } from '../../microgpt/microgpt.ts';

/** Upper limits for the knobs, beyond config.ts's own rules. */
export const maxima: Partial<Record<keyof Config, number>> = {
  numSteps: 100_000,
  nEmbd: 256,
  nHead: 64,
  nLayer: 12,
  blockSize: 256,
  learningRate: 1,
  temperature: 10,
  numSamples: 200,
};

/** The scalar engine makes one graph node per number; past this a step takes seconds and memory runs out. */
export const maxParams = 500_000;

/** How many parameters a config has for a vocabulary: wte, wpe, lm_head, and 12·n_embd² per layer. */
export function countParams(config: Config, vocabSize: number): number {
  const { nEmbd, nLayer, blockSize } = config;
  return 2 * vocabSize * nEmbd + blockSize * nEmbd + nLayer * 12 * nEmbd * nEmbd;
}

/** The sentence for a model that is too big, or undefined. */
export function tooBig(config: Config, vocabSize: number): string | undefined {
  const n = countParams(config, vocabSize);
  if (n <= maxParams) return undefined;
  return `This model would have ${n.toLocaleString('en-US')} parameters; in a browser tab the scalar engine trains at most ${maxParams.toLocaleString('en-US')}. Make n_embd, n_layer or block_size smaller.`;
}
