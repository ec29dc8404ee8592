// The parameters: every matrix of the model, drawn from a Gaussian with the run's seed.
import { createRun } from '../../microgpt/microgpt.ts';
import { createFastRun } from '../../microgpt/fast.ts';
import type { CellContext } from '../../src/cells/context.ts';

export default function parameters(ctx: CellContext): void {
  // shuffles the documents, then draws every weight (fast.ts draws the same numbers into one Float64Array)
  const run = ctx.engine === 'fast' ? createFastRun(ctx.text, ctx.config) : createRun(ctx.text, ctx.config);
  ctx.set('model', run);
  const shapes = 'model' in run
    ? Object.entries(run.model.stateDict).map(([name, m]) => ({ name, rows: m.length, cols: m[0].length }))
    : run.matrices;
  const rows = shapes.map(({ name, rows, cols }) => [name, `${rows} × ${cols}`, rows * cols]);
  ctx.emit({ kind: 'table', caption: 'The state dict', columns: ['matrix', 'shape', 'parameters'], rows });
  const values = 'model' in run ? run.model.params.map((p) => p.data) : Array.from(run.params);
  ctx.emit({ kind: 'text', text: `${values.length.toLocaleString('en-US')} parameters in all.` });
  ctx.emit({ kind: 'histogram', caption: 'Initial values, against the density of N(0, 0.08)', xLabel: 'value', values, normal: { mean: 0, std: 0.08 } });
}
