/** One cell on the page: its Run button, its status line, its "run the earlier cell first" offer and its output. */
import type { Kernel } from './kernel.ts';
import type { CellName } from './names.ts';
import { renderOutput } from './outputs.ts';
import type { FromWorker, Output, RunState } from './protocol.ts';
import type { SettingsStore } from './store.ts';
import { toDom } from './vnode.ts';

const sentences: Record<RunState, string> = {
  running: 'Running…',
  paused: 'Paused.',
  stopped: 'Stopped.',
  done: 'Done.',
  failed: 'Failed.',
  reset: 'Reset.',
};

export class CellView {
  readonly runButton: HTMLButtonElement;
  protected status: HTMLElement;
  protected output: HTMLElement;
  private needs: HTMLElement;
  private needsButton: HTMLButtonElement;
  protected runId = 0;
  /** True once this cell's live output replaced the recorded one. */
  live = false;

  constructor(readonly el: HTMLElement, readonly name: CellName, protected kernel: Kernel, protected store: SettingsStore) {
    this.runButton = el.querySelector<HTMLButtonElement>('button[data-action=run]')!;
    this.status = el.querySelector<HTMLElement>('.cell-status')!;
    this.output = el.querySelector<HTMLElement>('.cell-output')!;
    this.needs = el.querySelector<HTMLElement>('.cell-needs')!;
    this.needsButton = this.needs.querySelector('button')!;
    this.runButton.addEventListener('click', () => this.run(false));
    this.needsButton.addEventListener('click', () => this.run(true));
  }

  /** The values of the cell's own text inputs. */
  inputs(): Record<string, string> {
    const inputs: Record<string, string> = {};
    for (const input of this.el.querySelectorAll<HTMLInputElement>('input[data-input]')) inputs[input.dataset.input!] = input.value;
    return inputs;
  }

  /** Ask the worker to run this cell (and, with `prerequisites`, the earlier cells it needs). */
  run(prerequisites: boolean): void {
    const settings = this.store.current();
    if ('problem' in settings && this.name !== 'autograd') {
      this.say(settings.problem);
      this.el.dataset.state = 'failed';
      return;
    }
    this.needs.hidden = true;
    this.el.dataset.state = 'queued'; // until the worker says it runs
    this.say('Starting…');
    this.kernel.send({ type: 'run', cell: this.name, settings: 'problem' in settings ? { data: { kind: 'preset', name: 'names' }, config: this.store.config, engine: 'faithful' } : settings, inputs: this.inputs(), prerequisites });
  }

  protected say(text: string): void {
    this.status.textContent = text;
  }

  receive(message: FromWorker): void {
    if (message.runId < this.runId && message.runId > 0) return; // from a run this cell has moved past
    switch (message.type) {
      case 'status':
        if (message.state === 'running' && message.runId !== this.runId) this.begin(message.runId);
        this.el.dataset.state = message.state;
        this.say(message.message ?? sentences[message.state]);
        this.settle(message.state);
        break;
      case 'output':
        if (message.runId === this.runId) this.show(message.output);
        break;
      case 'needs':
        this.say(message.message);
        this.needs.querySelector('p')!.textContent = message.message;
        this.needsButton.textContent = `Run ${message.missing} first`;
        this.needs.hidden = false;
        break;
      case 'progress':
        if (message.runId === this.runId) this.progress(message.firstStep, message.losses, message.activeMs);
        break;
    }
  }

  /** A new run started: its output will replace whatever is shown (when it arrives, so the page jumps once). */
  protected begin(runId: number): void {
    this.runId = runId;
    this.live = true;
    this.stale = true;
    this.needs.hidden = true;
  }

  /** The output shown belongs to an earlier run. */
  private stale = false;

  private clearStale(): void {
    if (!this.stale) return;
    this.stale = false;
    this.output.removeAttribute('data-recorded');
    this.output.replaceChildren();
  }

  protected show(output: Output): void {
    this.clearStale();
    this.output.appendChild(toDom(renderOutput(output)));
  }

  /** The run reached a state: subclasses update their buttons. */
  protected settle(_state: RunState): void {}

  protected progress(_firstStep: number, _losses: number[], _activeMs: number): void {}

  /** The worker was restarted: whatever this cell had computed there is gone. */
  workerLost(): void {
    this.runId = 0; // the new worker counts its runs from 1 again
    if (this.el.dataset.state === 'running' || this.el.dataset.state === 'paused') {
      this.el.dataset.state = 'stopped';
      this.settle('stopped');
    }
  }
}
