/** The train cell: Run, Pause, Stop and Reset, and a live loss curve redrawn at most once per animation frame. */
import { fixed } from '../../microgpt/pyformat.ts';
import { lossChart, lossPaths, lossScale } from './charts.ts';
import type { Output, RunState } from './protocol.ts';
import { CellView } from './view.ts';
import { toDom } from './vnode.ts';

/**
 * How long Stop waits for the worker to reach the end of its step before restarting it (ms): short when steps are
 * slow (a big model on microgpt.ts), so Stop always takes effect within about 100 ms; longer when they are quick,
 * since the worker will answer in a few ms and a restart would throw the model away.
 */
const STOP_GRACE_SLOW_MS = 70;
const STOP_GRACE_QUICK_MS = 400;
/** The loss chart is drawn as wide as its cell, up to this many pixels. */
const MAX_CHART_WIDTH = 760;
/** The live panel redraws at most this often (ms). */
const MIN_FRAME_MS = 80;

export class TrainView extends CellView {
  /** Every loss of the current run, step 1 first: what the page shows, and what tests compare. */
  losses: number[] = [];
  private numSteps = 0;
  private vocabSize = 27;
  private rate: { ms: number; steps: number }[] = [];
  private frame = 0;
  private lastDraw = 0;
  private startedAt = 0;
  private width = 640;
  private stopTimer = 0;
  private buttons: Record<'pause' | 'stop' | 'reset', HTMLButtonElement>;
  private stepEl: HTMLElement;
  private lossEl: HTMLElement;
  private totalEl: HTMLElement;
  private rateEl: HTMLElement;
  private etaEl: HTMLElement;
  private bar: HTMLProgressElement;
  private chart: HTMLElement;
  /** The recorded run's chart data (the build drew it 400 wide; it is redrawn at the chart's width). */
  private recorded: { losses: number[]; numSteps: number; vocabSize: number } | undefined;
  private recordedWidth = 0;
  /** performance.now() when Stop was pressed, until the worker confirms. */
  stopPressedAt = 0;

  constructor(...args: ConstructorParameters<typeof CellView>) {
    super(...args);
    const q = <T extends HTMLElement>(sel: string) => this.el.querySelector<T>(sel)!;
    this.buttons = { pause: q('button[data-action=pause]'), stop: q('button[data-action=stop]'), reset: q('button[data-action=reset]') };
    this.stepEl = q('[data-step]');
    this.lossEl = q('[data-loss]');
    this.totalEl = q('[data-total]');
    this.rateEl = q('[data-rate]');
    this.etaEl = q('[data-eta]');
    this.bar = q('progress');
    this.chart = q('[data-chart]');
    // The chart's width, known without forcing a layout of the (long) page on every frame.
    const recorded = this.chart.dataset.recordedRun;
    this.recorded = recorded ? JSON.parse(recorded) : undefined;
    new ResizeObserver(([entry]) => {
      this.width = entry.contentRect.width;
      if (this.live) this.schedule();
      else this.drawRecorded();
    }).observe(this.chart);
    this.buttons.pause.addEventListener('click', () => {
      const paused = this.el.dataset.state === 'paused';
      this.kernel.send({ type: 'control', cell: 'train', action: paused ? 'resume' : 'pause' });
    });
    this.buttons.stop.addEventListener('click', () => this.stop());
    this.buttons.reset.addEventListener('click', () => {
      this.kernel.send({ type: 'control', cell: 'train', action: 'reset' });
      this.clear(0);
    });
  }

  override run(prerequisites: boolean): void {
    if (!('problem' in this.store.current())) this.clear(0);
    super.run(prerequisites);
  }

  /** Milliseconds per step lately, or since the run began if no step has finished yet. */
  private msPerStep(): number {
    const first = this.rate[0], last = this.rate[this.rate.length - 1];
    if (first && last && last.steps > first.steps) return (last.ms - first.ms) / (last.steps - first.steps);
    return last ? last.ms / Math.max(1, last.steps) : performance.now() - this.startedAt;
  }

  private stop(): void {
    this.stopPressedAt = performance.now();
    this.kernel.send({ type: 'control', cell: 'train', action: 'stop' });
    clearTimeout(this.stopTimer);
    if (this.el.dataset.state === 'paused') return; // between steps already: the worker answers at once
    const slow = this.msPerStep() > 30;
    // A step of a big model can take longer than a reader should wait: then the worker is restarted.
    this.stopTimer = window.setTimeout(() => {
      if (this.el.dataset.state !== 'running' && this.el.dataset.state !== 'paused') return;
      this.kernel.restart();
      this.say(`Stopped in the middle of step ${this.losses.length + 1}: a step of this size takes about ${Math.round(this.msPerStep())} ms, so the worker was restarted and the model discarded.`);
      this.el.dataset.state = 'stopped';
      this.settle('stopped');
      this.onWorkerRestart?.();
    }, slow ? STOP_GRACE_SLOW_MS : STOP_GRACE_QUICK_MS);
  }

  /** Called when Stop had to restart the worker, so the other cells forget their state too. */
  onWorkerRestart: (() => void) | undefined;

  /** Empty the live panel: no steps yet. */
  private clear(numSteps: number): void {
    this.losses = [];
    this.rate = [];
    this.numSteps = numSteps || this.store.config.numSteps;
    this.output.removeAttribute('data-recorded');
    this.schedule();
  }

  protected override begin(runId: number): void {
    super.begin(runId);
    this.startedAt = performance.now();
    this.clear(this.store.config.numSteps);
  }

  protected override show(output: Output): void {
    if (output.kind === 'training') {
      this.numSteps = output.numSteps;
      this.vocabSize = output.vocabSize;
      this.schedule();
    }
    super.show(output);
  }

  protected override progress(firstStep: number, losses: number[], activeMs: number): void {
    if (firstStep !== this.losses.length + 1) return; // never happens: the worker sends every step in order
    for (const loss of losses) this.losses.push(loss);
    this.rate.push({ ms: activeMs, steps: this.losses.length });
    while (this.rate.length > 2 && activeMs - this.rate[0].ms > 1500) this.rate.shift();
    this.schedule();
  }

  protected override settle(state: RunState): void {
    const active = state === 'running' || state === 'paused';
    this.buttons.pause.disabled = !active;
    this.buttons.stop.disabled = !active;
    this.buttons.pause.textContent = state === 'paused' ? 'Resume' : 'Pause';
    if (!active) clearTimeout(this.stopTimer);
    if (state === 'reset') {
      this.clear(0);
      this.output.replaceChildren();
    }
    this.schedule();
  }

  /**
   * Draw on an animation frame, however many messages arrive before it, and at most every MIN_FRAME_MS: on a long
   * page every repaint walks the whole page, so fewer of them keep the main thread free for the reader.
   */
  private schedule(): void {
    if (this.frame) return;
    const wait = Math.max(0, this.lastDraw + MIN_FRAME_MS - performance.now());
    this.frame = window.setTimeout(() => requestAnimationFrame(() => {
      this.frame = 0;
      this.lastDraw = performance.now();
      this.draw();
    }), wait);
  }

  /** The recorded run's chart at the width the live chart would have, until a live run replaces it. */
  private drawRecorded(): void {
    const width = Math.min(MAX_CHART_WIDTH, this.width);
    if (!this.recorded || this.live || !width || Math.abs(width - this.recordedWidth) < 1) return;
    this.recordedWidth = width;
    this.chart.replaceChildren(toDom(lossChart({ ...this.recorded, width })));
  }

  private draw(): void {
    const n = this.losses.length;
    const loss = this.losses[n - 1];
    this.stepEl.textContent = String(n);
    this.stepEl.dataset.step = String(n);
    this.totalEl.textContent = String(this.numSteps);
    this.lossEl.textContent = n ? fixed(loss, 4) : '—';
    this.lossEl.dataset.loss = n ? fixed(loss, 4) : '';
    this.lossEl.dataset.lossExact = n ? String(loss) : '';
    this.bar.max = Math.max(1, this.numSteps);
    this.bar.value = n;
    const first = this.rate[0], last = this.rate[this.rate.length - 1];
    const perSecond = first && last && last.ms > first.ms ? ((last.steps - first.steps) * 1000) / (last.ms - first.ms) : 0;
    const running = this.el.dataset.state === 'running';
    // While running: the rate over the last second or so; after: the whole run's average.
    const overall = last && last.ms > 0 ? (n * 1000) / last.ms : 0;
    const shown = running ? perSecond : overall;
    this.rateEl.textContent = shown > 0 ? `${shown.toFixed(shown < 10 ? 1 : 0)} steps/s` : '— steps/s';
    const left = perSecond > 0 && running ? (this.numSteps - n) / perSecond : NaN;
    this.etaEl.textContent = Number.isFinite(left) ? `${left < 60 ? `${Math.ceil(left)} s` : `${Math.floor(left / 60)} min ${Math.ceil(left % 60)} s`} left` : '';
    // Redraw the axes only when they change; otherwise just the two curves (little garbage for a long page's GC).
    const data = { losses: this.losses, numSteps: Math.max(1, this.numSteps), vocabSize: this.vocabSize, width: Math.min(MAX_CHART_WIDTH, this.width || 640) };
    const scale = lossScale(data);
    this.chart.dataset.live = '';
    const svg = this.chart.querySelector('svg');
    if (!svg || svg.dataset.key !== scale.key) {
      const fresh = toDom(lossChart(data)) as SVGSVGElement;
      fresh.dataset.key = scale.key;
      this.chart.replaceChildren(fresh);
      return;
    }
    const { raw, avg } = lossPaths(scale, this.losses);
    svg.querySelector('.loss-raw')!.setAttribute('d', raw);
    svg.querySelector('.loss-avg')!.setAttribute('d', avg);
    svg.setAttribute('data-points', String(n));
    svg.setAttribute('aria-label', `Loss per step, ${n} of ${scale.numSteps} steps`);
  }
}
