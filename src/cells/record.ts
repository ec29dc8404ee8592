/** Runs a cell's code at build time on the default settings and keeps what it emits: the page's recorded output. */
import namesText from '../../content/data/names.txt?raw';
import { createRun, defaults, loadDocs } from '../../microgpt/microgpt.ts';
import { cells } from './cells.ts';
import { cellInputs } from './controls.ts';
import type { CellContext, NotebookState } from './context.ts';
import type { CellName } from './names.ts';
import type { Output } from './protocol.ts';

/** The outputs of one cell run on the shipped names and the default config, earlier cells' state provided. */
export async function recordCell(name: CellName): Promise<Output[]> {
  const run = createRun(namesText, defaults);
  const state: NotebookState = { docs: loadDocs(namesText), model: run, trained: run };
  const outputs: Output[] = [];
  const inputs = Object.fromEntries((cellInputs[name] ?? []).map((i) => [i.key, i.value]));
  const ctx: CellContext = {
    text: namesText,
    config: defaults,
    engine: 'faithful',
    inputs,
    use: (key) => state[key],
    set: () => {},
    emit: (output) => outputs.push(output),
    progress: () => {},
    tick: async () => {},
    shouldStop: () => false,
  };
  await cells[name](ctx);
  return outputs;
}
