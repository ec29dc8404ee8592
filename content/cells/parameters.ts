// The parameters: every matrix of the model, drawn from a Gaussian with the run's seed.
import { createRun } from '../../microgpt/microgpt.ts';
import type { CellContext } from '../../src/cells/context.ts';

export default function parameters(ctx: CellContext): void {
  const run = createRun(ctx.text, ctx.config); // shuffles the documents, then draws every weight
  ctx.set('model', run);
  const rows = Object.entries(run.model.stateDict).map(([name, m]) => [name, `${m.length} × ${m[0].length}`, m.length * m[0].length]);
  ctx.emit({ kind: 'table', caption: 'The state dict', columns: ['matrix', 'shape', 'parameters'], rows });
  ctx.emit({ kind: 'text', text: `${run.model.params.length.toLocaleString('en-US')} parameters in all.` });
  ctx.emit({ kind: 'histogram', caption: 'Initial values, against the density of N(0, 0.08)', xLabel: 'value', values: run.model.params.map((p) => p.data), normal: { mean: 0, std: 0.08 } });
}
