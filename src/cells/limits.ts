/** The page's guard against sizes a browser tab cannot train: each knob's limit, and one on the whole model. */
import { countParams } from '../../microgpt/config.ts';
import type { Config } from '../../microgpt/microgpt.ts';
import type { Engine } from './protocol.ts';

export { countParams };

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

/**
 * The most parameters each engine trains in a tab: microgpt.ts makes a graph node per number (past this a step takes
 * seconds and memory runs out); fast.ts keeps four Float64Arrays of this length.
 */
export const maxParams: Record<Engine, number> = { faithful: 500_000, fast: 2_000_000 };

/** The sentence for a model that is too big, or undefined. */
export function tooBig(config: Config, vocabSize: number, engine: Engine): string | undefined {
  const n = countParams(config, vocabSize);
  if (n <= maxParams[engine]) return undefined;
  const name = engine === 'fast' ? 'fast.ts' : 'microgpt.ts';
  const hint = engine === 'faithful' ? ' or switch the engine to fast.ts' : '';
  return `This model would have ${n.toLocaleString('en-US')} parameters; in a browser tab ${name} trains at most ${maxParams[engine].toLocaleString('en-US')}. Make n_embd, n_layer or block_size smaller${hint}.`;
}
