// The race: both engines train the same model on the same documents; same losses, very different speeds.
import { createRun, trainStep } from '../../microgpt/microgpt.ts';
import { createFastRun, fastTrainStep } from '../../microgpt/fast.ts';
import { Problem, type CellContext } from '../../src/cells/context.ts';

const CHUNK = 20; // steps per turn: the scalar engine runs 20 steps, then the fast one runs the same 20
const gap = (d: number) => (d === 0 ? '0' : d.toExponential(1));

export default async function race(ctx: CellContext): Promise<void> {
  const typed = (ctx.inputs.steps ?? '200').trim();
  const steps = Number(typed);
  if (!Number.isInteger(steps) || steps < 1 || steps > ctx.config.numSteps) {
    throw new Problem(`steps must be a whole number from 1 to num_steps (${ctx.config.numSteps}), got ${JSON.stringify(typed)}`);
  }
  const slow = createRun(ctx.text, ctx.config);
  const fast = createFastRun(ctx.text, ctx.config);
  const slowLosses: number[] = [];
  const fastLosses: number[] = [];
  let slowMs = 0;
  let fastMs = 0;
  while (slow.step < steps && !ctx.shouldStop()) {
    const end = Math.min(steps, slow.step + CHUNK);
    while (slow.step < end && !ctx.shouldStop()) {
      const t0 = performance.now();
      slowLosses.push(trainStep(slow));
      slowMs += performance.now() - t0;
      ctx.progress(slow.step, slowLosses[slowLosses.length - 1]);
      await ctx.tick();
    }
    const t0 = performance.now(); // timed as a block: a browser's clock is too coarse for one fast step
    while (fast.step < slow.step) fastLosses.push(fastTrainStep(fast));
    fastMs += performance.now() - t0;
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
  const perStep = (ms: number) => (ms / n).toFixed(ms / n < 1 ? 3 : 1);
  const perSecond = (ms: number) => Math.round((1000 * n) / ms).toLocaleString('en-US');
  ctx.emit({
    kind: 'table', caption: 'Speed in this browser tab', columns: ['engine', 'ms per step', 'steps per second'],
    rows: [['microgpt.ts (a graph of Values)', perStep(slowMs), perSecond(slowMs)], ['fast.ts (Float64Arrays)', perStep(fastMs), perSecond(fastMs)]],
  });
  ctx.emit({
    kind: 'text',
    text: `Same numbers: over ${n} steps the losses differ by at most ${gap(worst)}. fast.ts was ${(slowMs / Math.max(fastMs, 1e-3)).toFixed(0)}× faster.`,
  });
}
