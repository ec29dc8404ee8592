// The race: both engines train the same model on the same documents; same losses, very different speeds.
import { createRun, trainStep } from '../../microgpt/microgpt.ts';
import { createFastRun, fastTrainStep } from '../../microgpt/fast.ts';
import { Problem, type CellContext } from '../../src/cells/context.ts';

const CHUNK = 20; // steps per turn: the scalar engine runs 20 steps, then the fast one runs the same 20
const gap = (d: number) => (d === 0 ? '0' : d.toExponential(1));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export default async function race(ctx: CellContext): Promise<void> {
  const typed = (ctx.inputs.steps ?? '300').trim();
  const steps = Number(typed);
  if (!Number.isInteger(steps) || steps < 1 || steps > ctx.config.numSteps) {
    throw new Problem(`steps must be a whole number from 1 to num_steps (${ctx.config.numSteps}), got ${JSON.stringify(typed)}`);
  }
  const slow = createRun(ctx.text, ctx.config);
  const fast = createFastRun(ctx.text, ctx.config);
  const slowLosses: number[] = [];
  const fastLosses: number[] = [];
  const slowMs: number[] = []; // time of each turn of CHUNK steps, per engine
  const fastMs: number[] = [];
  while (slow.step < steps && !ctx.shouldStop()) {
    const end = Math.min(steps, slow.step + CHUNK);
    let ms = 0;
    while (slow.step < end && !ctx.shouldStop()) {
      const t0 = performance.now();
      const loss = trainStep(slow);
      ms += performance.now() - t0;
      slowLosses.push(loss);
      ctx.progress(slow.step, loss);
      if (!Number.isFinite(loss)) throw new Problem(`Training diverged at step ${slow.step}, so there is nothing to compare. Try a smaller learning_rate.`);
      await ctx.tick();
    }
    if (slow.step === end) slowMs.push(ms / CHUNK);
    const t0 = performance.now(); // timed as a block: a browser's clock is too coarse for one fast step
    while (fast.step < slow.step) fastLosses.push(fastTrainStep(fast));
    if (slow.step === end) fastMs.push((performance.now() - t0) / CHUNK);
    await ctx.tick();
  }
  const n = fastLosses.length;
  if (n === 0) return;

  const shown = [...new Set([1, 2, 3, ...Array.from({ length: 7 }, (_, i) => Math.round(((i + 1) * n) / 7))])].filter((s) => s <= n);
  const worst = Math.max(...slowLosses.map((loss, i) => Math.abs(loss - fastLosses[i])));
  ctx.emit({
    kind: 'table', caption: `Loss at each step, both engines (${n} steps)`, columns: ['step', 'microgpt.ts', 'fast.ts', 'difference'],
    rows: shown.map((s) => [s, slowLosses[s - 1].toFixed(12), fastLosses[s - 1].toFixed(12), gap(Math.abs(slowLosses[s - 1] - fastLosses[s - 1]))]),
  });
  if (slowMs.length === 0) return; // stopped before a whole turn: nothing fair to time
  const slowStep = median(slowMs);
  const fastStep = Math.max(median(fastMs), 1e-4);
  const perStep = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(1));
  const perSecond = (ms: number) => Math.round(1000 / ms).toLocaleString('en-US');
  ctx.emit({
    kind: 'table', caption: `Speed in this browser tab (median over turns of ${CHUNK} steps)`, columns: ['engine', 'ms per step', 'steps per second'],
    rows: [['microgpt.ts (a graph of Values)', perStep(slowStep), perSecond(slowStep)], ['fast.ts (Float64Arrays)', perStep(fastStep), perSecond(fastStep)]],
  });
  ctx.emit({
    kind: 'text',
    text: `Same numbers: over ${n} steps the losses differ by at most ${gap(worst)}. fast.ts was ${Math.round(slowStep / fastStep)}× faster.`,
  });
}
