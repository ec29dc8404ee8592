/** The default run of microgpt (shipped names, the original's config), computed once per build. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRun, trainStep, sample, defaults, type Config, type Run } from '../../microgpt/microgpt.ts';

export const NAMES_PATH = fileURLToPath(new URL('../../content/data/names.txt', import.meta.url));

export interface DefaultRun {
  config: Config;
  numDocs: number;
  vocabSize: number;
  numParams: number;
  /** Parameter count by matrix name, in the state dict's order: [name, rows, cols]. */
  matrices: [string, number, number][];
  losses: number[];
  samples: string[];
}

let cached: DefaultRun | undefined;
let trained: Run | undefined;

export function getDefaultRun(): DefaultRun {
  if (cached) return cached;
  const run = createRun(readFileSync(NAMES_PATH, 'utf8'), defaults);
  const matrices = Object.entries(run.model.stateDict).map(([name, m]) => [name, m.length, m[0].length] as [string, number, number]);
  const numParams = run.model.params.length;
  const losses: number[] = [];
  for (let i = 0; i < defaults.numSteps; i++) losses.push(trainStep(run));
  const samples = Array.from({ length: defaults.numSamples }, () => sample(run));
  trained = run;
  cached = { config: defaults, numDocs: run.docs.length, vocabSize: run.tokenizer.vocabSize, numParams, matrices, losses, samples };
  return cached;
}

/** The default run itself after its training steps and samples: the weights the CLI samples from. Do not mutate. */
export function getTrainedRun(): Run {
  getDefaultRun();
  return trained!;
}
