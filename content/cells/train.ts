// Training: one document per step, forward, backward and Adam, until num_steps.
import { createRun, trainStep } from '../../microgpt/microgpt.ts';
import type { CellContext } from '../../src/cells/context.ts';

export default async function train(ctx: CellContext): Promise<void> {
  const run = createRun(ctx.text, ctx.config);
  ctx.set('model', run);
  ctx.set('trained', run);
  const { numSteps } = run.config;
  ctx.emit({ kind: 'training', numSteps, vocabSize: run.tokenizer.vocabSize, numParams: run.model.params.length, numDocs: run.docs.length });
  while (run.step < numSteps && !ctx.shouldStop()) {
    const loss = trainStep(run);
    ctx.progress(run.step, loss);
    await ctx.tick(); // lets Pause and Stop through
  }
}
