// Training: one document per step, forward, backward and Adam, until num_steps.
import { createRun, trainStep } from '../../microgpt/microgpt.ts';
import { createFastRun, fastTrainStep } from '../../microgpt/fast.ts';
import { Problem, type CellContext } from '../../src/cells/context.ts';

export default async function train(ctx: CellContext): Promise<void> {
  // microgpt.ts by default; fast.ts, the same numbers on Float64Arrays, when the engine is set to it
  const run = ctx.engine === 'fast' ? createFastRun(ctx.text, ctx.config) : createRun(ctx.text, ctx.config);
  ctx.set('model', run);
  ctx.set('trained', run);
  const { numSteps } = run.config;
  const numParams = 'model' in run ? run.model.params.length : run.numParams;
  ctx.emit({ kind: 'training', numSteps, vocabSize: run.tokenizer.vocabSize, numParams, numDocs: run.docs.length });
  while (run.step < numSteps && !ctx.shouldStop()) {
    const loss = 'model' in run ? trainStep(run) : fastTrainStep(run);
    ctx.progress(run.step, loss);
    if (!Number.isFinite(loss)) throw new Problem(`Training diverged at step ${run.step}: the loss is ${loss}, so the weights are no longer numbers. Try a smaller learning_rate.`);
    await ctx.tick(); // lets Pause and Stop through
  }
}
