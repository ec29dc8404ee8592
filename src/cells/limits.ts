/** The page's guard against sizes a browser tab cannot train: each knob's limit, and one on the whole model. */
import { countParams, gigabytes, trainingBytes, type Engine } from '../../microgpt/config.ts';
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

/**
 * The most parameters each engine trains in a tab: microgpt.ts makes a graph node per number (past this a step takes
 * seconds and memory runs out); fast.ts keeps four Float64Arrays of this length.
 */
export const maxParams: Record<Engine, number> = { faithful: 500_000, fast: 2_000_000 };

/**
 * The most memory a training step may take in the Worker (bytes, as config.ts's trainingBytes estimates it): past
 * V8's heap limit the tab itself would crash. Long documents with a long block_size multiply microgpt.ts's graph.
 */
export const maxBytes: Record<Engine, number> = { faithful: 1.5e9, fast: 1e9 };

/** The sentence for a model too big to train here on documents of up to `positions` tokens, or undefined. */
export function tooBig(config: Config, vocabSize: number, engine: Engine, positions = config.blockSize): string | undefined {
  const n = countParams(config, vocabSize);
  const name = engine === 'fast' ? 'fast.ts' : 'microgpt.ts';
  const hint = engine === 'faithful' ? ' or switch the engine to fast.ts' : '';
  if (n > maxParams[engine]) {
    return `This model would have ${n.toLocaleString('en-US')} parameters; in a browser tab ${name} trains at most ${maxParams[engine].toLocaleString('en-US')}. Make n_embd, n_layer or block_size smaller${hint}.`;
  }
  const steps = Math.min(config.blockSize, positions);
  const bytes = trainingBytes(config, vocabSize, steps, engine);
  if (bytes > maxBytes[engine]) {
    return `A step of this model (${n.toLocaleString('en-US')} parameters) on documents of up to ${steps} tokens would take about ${gigabytes(bytes)} of memory; in a browser tab ${name} may use ${gigabytes(maxBytes[engine])}. Make n_embd, n_layer or block_size smaller${hint}.`;
  }
  return undefined;
}
