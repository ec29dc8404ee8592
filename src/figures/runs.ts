/** The runs the figures and facts read: the default run fresh (untrained) and trained, each built once per build. */
import { createRun, defaults, type Run } from '../../microgpt/microgpt.ts';
import { readFileSync } from 'node:fs';
import { NAMES_PATH, getTrainedRun } from '../lib/defaultRun.ts';

let names: string | undefined;

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
  return getTrainedRun();
}
