/** The cells' client: finds every `[data-cell]` on the page and wires it to the shared worker and settings. */
import type { Config } from '../../microgpt/microgpt.ts';
import { wireDataControls } from './data-controls.ts';
import { Kernel } from './kernel.ts';
import { isCellName, type CellName } from './names.ts';
import { SettingsStore } from './store.ts';
import { TrainView } from './train-view.ts';
import { CellView } from './view.ts';

/** Show each knob's problem beside it, or clear it. */
function showKnobProblems(store: SettingsStore): void {
  for (const input of document.querySelectorAll<HTMLInputElement>('input[data-knob]')) {
    const problem = store.problems[input.dataset.knob as keyof Config];
    const note = document.getElementById(`${input.id}-problem`);
    if (note) note.textContent = problem ?? '';
    if (problem) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

function start(): void {
  const roots = [...document.querySelectorAll<HTMLElement>('[data-cell]')];
  if (roots.length === 0) return;
  const kernel = new Kernel();
  const store = new SettingsStore();
  const views = new Map<CellName, CellView>();
  for (const el of roots) {
    const name = el.dataset.cell ?? '';
    if (!isCellName(name) || views.has(name)) continue;
    const view = name === 'train' ? new TrainView(el, name, kernel, store) : new CellView(el, name, kernel, store);
    views.set(name, view);
    if (name === 'dataset') wireDataControls(el, store);
    el.dataset.ready = '';
  }
  kernel.listen((message) => views.get(message.cell)?.receive(message));
  const train = views.get('train');
  if (train instanceof TrainView) {
    train.onWorkerRestart = () => views.forEach((v) => v.workerLost());
    // Every loss of the live run, full precision, for readers' scripts and the tests: `cell.losses`.
    Object.defineProperty(train.el, 'losses', { get: () => [...train.losses] });
  }

  for (const input of document.querySelectorAll<HTMLInputElement>('input[data-knob]')) {
    const key = input.dataset.knob as keyof Config;
    input.value = store.raw[key] ?? input.value;
    input.addEventListener('input', () => store.setKnob(key, input.value));
  }
  showKnobProblems(store);
  for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-engine]')) {
    select.value = store.engine;
    select.addEventListener('change', () => store.setEngine(select.value === 'fast' ? 'fast' : 'faithful'));
  }

  // Typing in a cell's own input re-runs it once it has run.
  for (const view of views.values()) {
    let timer = 0;
    for (const input of view.el.querySelectorAll<HTMLInputElement>('input[data-input]')) {
      input.addEventListener('input', () => {
        if (!view.live) return;
        clearTimeout(timer);
        timer = window.setTimeout(() => view.run(false), 200);
      });
    }
  }

  // A valid change of the model's settings retrains, if training has been run on this page.
  let retrain = 0;
  store.onChange((what) => {
    showKnobProblems(store);
  for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-engine]')) {
    select.value = store.engine;
    select.addEventListener('change', () => store.setEngine(select.value === 'fast' ? 'fast' : 'faithful'));
  }
    clearTimeout(retrain);
    if (what === 'temperature' || what === 'numSamples') return;
    if (!train?.live || 'problem' in store.current()) return;
    retrain = window.setTimeout(() => train.run(true), what === 'data' ? 300 : 600);
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
