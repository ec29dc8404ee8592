// Inference: sample new documents from the trained model, one token at a time.
import { sample } from '../../microgpt/microgpt.ts';
import { fastSample } from '../../microgpt/fast.ts';
import type { CellContext } from '../../src/cells/context.ts';

export default function samples(ctx: CellContext): void {
  const run = ctx.use('trained');
  const { temperature, numSamples } = ctx.config;
  const names = Array.from({ length: numSamples }, () => ('model' in run ? sample(run, temperature) : fastSample(run, temperature)));
  ctx.emit({ kind: 'list', caption: `${numSamples} samples at temperature ${temperature}, after ${run.step} steps`, items: names });
}
