/** The runs the figures and facts read: the default run fresh (untrained) and trained, each built once per build. */
import { createRun, defaults, trainStep, type Run } from '../../microgpt/microgpt.ts';
import { readFileSync } from 'node:fs';
import { NAMES_PATH } from '../lib/defaultRun.ts';

let names: string | undefined;
let trained: Run | undefined;

/** The shipped names file, read once. */
export function namesText(): string {
  names ??= readFileSync(NAMES_PATH, 'utf8');
  return names;
}

/** A new default run: shuffled names, tokenizer, freshly initialised weights, no step taken. */
export function freshRun(): Run {
  return createRun(namesText(), defaults);
}

/** The default run after all its training steps (the same weights the CLI samples from). Do not mutate. */
export function trainedRun(): Run {
  if (trained) return trained;
  const run = freshRun();
  for (let i = 0; i < run.config.numSteps; i++) trainStep(run);
  trained = run;
  return trained;
}
