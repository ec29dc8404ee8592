/**
 * A cell's HTML at build time: its file's code (highlighted like the site's other code), its controls, an output
 * area, and, before anyone presses Run, the output recorded by running the same code during the build.
 */
import { getDefaultRun } from '../lib/defaultRun.ts';
import { highlightSnippet } from '../lib/highlight.ts';
import { lossChart } from './charts.ts';
import { cellInputs, cellKnobs, defaultText } from './controls.ts';
import { isCellName, type CellName } from './names.ts';
import { recordCell } from './record.ts';
import { renderOutput } from './outputs.ts';
import { presets } from './presets.ts';
import { maxParams } from './limits.ts';
import { fixed } from '../../microgpt/pyformat.ts';
import { h, toHtml, type VNode } from './vnode.ts';

const sources = import.meta.glob<string>('../../content/cells/*.ts', { query: '?raw', import: 'default', eager: true });

/** The source of a cell's file, as the page shows it. */
export function cellSource(name: string): string {
  const source = sources[`../../content/cells/${name}.ts`];
  if (source === undefined) throw new Error(`no file content/cells/${name}.ts for the cell ${JSON.stringify(name)}`);
  return source;
}

const buttons = (...labels: [action: string, label: string, hidden?: boolean][]) =>
  h('div', { class: 'cell-buttons' }, labels.map(([action, label, disabled]) => h('button', { type: 'button', 'data-action': action, disabled }, label)));

function knobField(cell: CellName, python: string, key: Parameters<typeof defaultText>[0], help: string): VNode {
  const id = `${cell}-${python}`;
  return h('div', { class: 'cell-field' },
    h('label', { for: id }, python),
    h('input', { id, name: python, 'data-knob': key, type: 'text', inputmode: key === 'learningRate' || key === 'temperature' ? 'decimal' : 'numeric', value: defaultText(key), autocomplete: 'off', spellcheck: 'false', title: help, 'aria-describedby': `${id}-problem` }),
    h('span', { class: 'cell-problem', id: `${id}-problem`, 'aria-live': 'polite' }));
}

function controls(cell: CellName): VNode[] {
  const out: VNode[] = [];
  if (cell === 'dataset') {
    out.push(h('div', { class: 'cell-fields' },
      h('div', { class: 'cell-field wide' },
        h('label', { for: 'dataset-data' }, 'Data'),
        h('select', { id: 'dataset-data', name: 'data', 'aria-describedby': 'dataset-data-problem' },
          Object.entries(presets).map(([key, p]) => h('option', { value: key }, p.label)),
          h('option', { value: 'custom' }, 'Your own text (paste or upload)…')),
        h('span', { class: 'cell-problem', id: 'dataset-data-problem', 'aria-live': 'polite' })),
    ));
    out.push(h('div', { class: 'cell-custom', hidden: true },
      h('label', { for: 'dataset-text' }, 'Your text, one document per line'),
      h('textarea', { id: 'dataset-text', rows: 5, spellcheck: 'false', 'aria-describedby': 'dataset-text-problem dataset-text-note' }),
      h('div', { class: 'cell-upload' },
        h('label', { for: 'dataset-file' }, 'or upload a .txt file (UTF-8, or UTF-16 with its byte-order mark; at most 2 MB)'),
        h('input', { id: 'dataset-file', type: 'file', accept: '.txt,text/plain' })),
      h('span', { class: 'cell-problem', id: 'dataset-text-problem', 'aria-live': 'polite' }),
      h('p', { class: 'cell-note', id: 'dataset-text-note' }, 'Your text stays in this browser. It cannot go into the page\'s link, so a shared link trains on the shipped names instead.')));
    out.push(h('p', { class: 'cell-note', 'data-source': '' }, `Source: ${presets.names.source}.`));
  }
  const inputs = cellInputs[cell];
  if (inputs) {
    out.push(h('div', { class: 'cell-fields' }, inputs.map((input) => h('div', { class: input.wide ? 'cell-field wide' : 'cell-field' },
      h('label', { for: `${cell}-${input.key}` }, input.label),
      h('input', { id: `${cell}-${input.key}`, 'data-input': input.key, type: 'text', value: input.value, autocomplete: 'off', spellcheck: 'false' })))));
  }
  if (cell === 'train') {
    out.push(h('div', { class: 'cell-fields' }, h('div', { class: 'cell-field wide' },
      h('label', { for: 'train-engine' }, 'engine'),
      h('select', { id: 'train-engine', 'data-engine': '' },
        h('option', { value: 'faithful' }, 'microgpt.ts: a graph of Values, as printed on this page'),
        h('option', { value: 'fast' }, 'fast.ts: the same numbers on Float64Arrays, far faster on big models')))));
  }
  const knobs = cellKnobs[cell];
  if (knobs) out.push(h('div', { class: 'cell-fields' }, knobs.map((k) => knobField(cell, k.python, k.key, k.help))));
  if (cell === 'parameters') out.push(h('p', { class: 'cell-note' }, `Uses the data above, and the model's shape and engine set in the train cell below (n_embd, n_head, n_layer, block_size, seed). At most ${maxParams.faithful.toLocaleString('en-US')} parameters with microgpt.ts, ${maxParams.fast.toLocaleString('en-US')} with fast.ts.`));
  if (cell === 'train') {
    out.push(buttons(['run', 'Run'], ['pause', 'Pause', true], ['stop', 'Stop', true], ['reset', 'Reset']));
  } else {
    out.push(buttons(['run', 'Run']));
  }
  return out;
}

/** The train cell's live panel, filled with the recorded default run. */
function trainPanel(): VNode {
  const run = getDefaultRun();
  const last = run.losses.length;
  const loss = run.losses[last - 1];
  return h('div', { class: 'train-panel' },
    h('div', { class: 'train-stats' },
      h('span', {}, 'step ', h('output', { 'data-step': last, class: 'num' }, String(last)), ' / ', h('span', { class: 'num', 'data-total': '' }, String(run.config.numSteps))),
      h('span', {}, 'loss ', h('output', { 'data-loss': fixed(loss, 4), 'data-loss-exact': String(loss), class: 'num' }, fixed(loss, 4))),
      h('span', { 'data-rate': '' }, ''),
      h('span', { 'data-eta': '' }, ''),
      h('progress', { max: run.config.numSteps, value: last, 'aria-label': 'Training progress' })),
    // Drawn 400 wide for a first render without JavaScript (a phone shrinks it by a quarter, not by half); the page
    // redraws it at its real width from the losses kept beside it (4 decimals: far finer than a pixel).
    h('div', { class: 'train-chart', 'data-chart': '', 'data-recorded-run': JSON.stringify({ losses: run.losses.map((l) => Number(l.toFixed(4))), numSteps: run.config.numSteps, vocabSize: run.vocabSize }) },
      lossChart({ losses: run.losses, numSteps: run.config.numSteps, vocabSize: run.vocabSize, width: 400 })));
}

const recordedNote = (what: string) => h('p', { class: 'cell-recorded-note' }, `Recorded at build time: ${what}. Press Run to compute it here, in your browser.`);

/** The output shown before anyone presses Run. */
async function recorded(cell: CellName): Promise<VNode[]> {
  const run = getDefaultRun();
  if (cell === 'train') return [recordedNote(`the default settings trained by this same code during the site's build (${run.numParams.toLocaleString('en-US')} parameters, ${run.config.numSteps} steps)`)];
  if (cell === 'sample') {
    return [recordedNote('the samples drawn after the recorded training run'),
      renderOutput({ kind: 'list', caption: `${run.samples.length} samples at temperature ${run.config.temperature}, after ${run.config.numSteps} steps`, items: run.samples })];
  }
  if (cell === 'race') return []; // its point is the speed in the reader's own browser
  const outputs = await recordCell(cell);
  return [recordedNote(cell === 'forward' ? 'the model as initialised, before any training' : 'the default settings'), ...outputs.map(renderOutput)];
}

export async function renderCell(name: string): Promise<string> {
  if (!isCellName(name)) throw new Error(`unknown cell ${JSON.stringify(name)}; expected one of the files in content/cells/`);
  // Focusable, so keyboard readers can scroll long lines.
  const code = (await highlightSnippet(cellSource(name).replace(/\n$/, ''))).replace(/<pre class="code"( tabindex="0")?/, `<pre class="code" tabindex="0" aria-label="Code of the ${name} cell"`);
  const head = h('div', { class: 'cell-head' },
    h('span', { class: 'cell-kind' }, 'cell'),
    h('span', { class: 'cell-name' }, name),
    h('span', { class: 'cell-file' }, `content/cells/${name}.ts`));
  const body = [
    ...controls(name),
    h('p', { class: 'cell-status', role: 'status', 'aria-live': 'polite' }),
    h('div', { class: 'cell-needs', hidden: true }, h('p', {}), h('button', { type: 'button', 'data-action': 'prerequisites' }, 'Run first')),
    h('div', { class: 'cell-output', 'data-recorded': '' }, await recorded(name)),
    name === 'train' ? trainPanel() : '',
  ];
  return `<mg-cell class="cell" id="cell-${name}" data-cell="${name}" data-state="idle">${toHtml(head)}<details class="cell-code" open><summary>Code</summary>${code}</details><div class="cell-body">${body.map(toHtml).join('')}</div></mg-cell>`;
}
