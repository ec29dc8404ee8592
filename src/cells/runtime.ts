/** The worker's side of the notebook: runs cells one message at a time, keeps their shared state, obeys controls. */
import { loadDocs, makeTokenizer } from '../../microgpt/microgpt.ts';
import { stepPositions } from '../../microgpt/config.ts';
import { cells, providers } from './cells.ts';
import { Problem, type CellContext, type NotebookState } from './context.ts';
import { tooBig } from './limits.ts';
import type { CellName } from './names.ts';
import { presets } from './presets.ts';
import type { FromWorker, Output, RunState, Settings, ToWorker } from './protocol.ts';

/** Give the event loop a turn at least this often (ms), so Pause and Stop are read between steps. */
const YIELD_MS = 8;
/** Send progress to the page at most this often (ms). */
const FLUSH_MS = 30;

/** The notebook for one text and one model config: what the cells have left so far. */
interface Notebook {
  text: string;
  configKey: string;
  state: Partial<NotebookState>;
}

/** One run of one cell, and the reader's controls over it. */
interface Job {
  cell: CellName;
  runId: number;
  stop: boolean;
  reset: boolean;
  paused: boolean;
  wake?: () => void;
  started: number;
  pausedMs: number;
  lastYield: number;
  lastFlush: number;
  firstStep: number;
  pending: number[];
  done: Promise<void>;
}

/** Thrown by `use` when an earlier cell has not left what this one needs. */
class Missing extends Error {
  constructor(readonly key: keyof NotebookState) {
    super(`missing ${key}`);
  }
}

/** A zero-delay turn of the event loop (setTimeout would be clamped to 4 ms). */
function turnTaker(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () => new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

/** The key of the parts of a config that shape the model and its training (not sampling). */
function configKey(settings: Settings): string {
  const { temperature: _t, numSamples: _n, ...shape } = settings.config;
  return JSON.stringify({ ...shape, engine: settings.engine });
}

const what: Record<keyof NotebookState, string> = {
  docs: 'the documents',
  model: 'a model',
  trained: 'the trained model',
};

export class Runtime {
  private notebook: Notebook = { text: '', configKey: '', state: {} };
  private jobs = new Map<CellName, Job>();
  private texts = new Map<string, Promise<string>>();
  private nextRunId = 1;
  /** `nextTurn` gives the event loop a turn; the worker's default suits browsers (Node's tests pass setImmediate). */
  constructor(private post: (message: FromWorker) => void, private nextTurn: () => Promise<void> = turnTaker()) {}

  handle(message: ToWorker): void {
    if (message.type === 'run') void this.start(message.cell, message.settings, message.inputs, message.prerequisites);
    else this.control(message.cell, message.action);
  }

  private control(cell: CellName, action: 'pause' | 'resume' | 'stop' | 'reset'): void {
    const job = this.jobs.get(cell);
    if (!job) {
      if (action === 'reset') {
        this.forget(cell);
        this.post({ type: 'status', cell, runId: 0, state: 'reset' });
      }
      return;
    }
    if (action === 'pause') job.paused = true;
    if (action === 'resume') job.paused = false;
    if (action === 'stop' || action === 'reset') job.stop = true;
    if (action === 'reset') job.reset = true;
    if (action !== 'pause') job.wake?.();
  }

  /** Reset or failure: the cell's contribution to the notebook goes. */
  private forget(cell: CellName): void {
    for (const [key, provider] of Object.entries(providers)) {
      if (provider === cell || (cell === 'train' && key === 'model')) delete this.notebook.state[key as keyof NotebookState];
    }
  }

  private async start(cell: CellName, settings: Settings, inputs: Record<string, string>, prerequisites: boolean): Promise<void> {
    const running = this.jobs.get(cell);
    if (running) {
      running.stop = true;
      running.wake?.();
      await running.done;
    }
    await this.run(cell, settings, inputs, prerequisites);
  }

  private async text(settings: Settings): Promise<string> {
    const { data } = settings;
    if (data.kind === 'custom') return data.text;
    const preset = presets[data.name];
    let text = this.texts.get(preset.url);
    if (!text) {
      text = fetch(preset.url).then((r) => {
        if (!r.ok) throw new Problem(`Could not load the ${preset.label} word list (HTTP ${r.status}).`);
        return r.text();
      });
      text.catch(() => this.texts.delete(preset.url));
      this.texts.set(preset.url, text);
    }
    return text;
  }

  /** Runs one cell to its end; with `prerequisites`, first runs the earlier cells it turns out to need. Returns how it ended. */
  private async run(cell: CellName, settings: Settings, inputs: Record<string, string>, prerequisites: boolean): Promise<RunState> {
    const runId = this.nextRunId++;
    let finish = () => {};
    const now = performance.now();
    const job: Job = {
      cell, runId, stop: false, reset: false, paused: false, started: now, pausedMs: 0, lastYield: now, lastFlush: now,
      firstStep: 0, pending: [], done: new Promise((resolve) => (finish = resolve)),
    };
    this.jobs.set(cell, job);
    this.post({ type: 'status', cell, runId, state: 'running' });
    let state: RunState = 'done';
    let message: string | undefined;
    try {
      const text = await this.text(settings);
      const key = configKey(settings);
      if (this.notebook.text !== text || this.notebook.configKey !== key) this.notebook = { text, configKey: key, state: {} };
      if (cell === 'parameters' || cell === 'train' || cell === 'race') {
        const docs = loadDocs(text);
        const positions = stepPositions(docs, settings.config.blockSize);
        const problem = docs.length > 0 ? tooBig(settings.config, makeTokenizer(docs).vocabSize, cell === 'race' ? 'faithful' : settings.engine, positions) : undefined;
        if (problem) throw new Problem(problem);
      }
      await cells[cell](this.context(job, this.notebook, text, settings, inputs));
      if (job.stop) state = job.reset ? 'reset' : 'stopped';
    } catch (err) {
      if (err instanceof Missing && prerequisites) {
        this.post({ type: 'status', cell, runId, state: 'running', message: `Running the ${providers[err.key]} cell first…` });
        this.jobs.delete(cell);
        finish();
        const before = await this.run(providers[err.key], settings, {}, true);
        return before === 'done' ? this.run(cell, settings, inputs, true) : 'stopped';
      }
      if (err instanceof Missing) {
        const missing = providers[err.key];
        this.post({ type: 'needs', cell, runId, missing, message: `This cell uses ${what[err.key]} from the ${missing} cell, which has not run yet with these settings.` });
        state = 'stopped';
        message = `Not run: waiting for the ${missing} cell.`;
      } else {
        state = 'failed';
        message = err instanceof Problem || err instanceof RangeError ? err.message : `Something went wrong: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    this.flush(job);
    if (state === 'reset' || state === 'failed') this.forget(cell); // a failed cell leaves nothing for later ones
    if (this.jobs.get(cell) === job) this.jobs.delete(cell);
    this.post({ type: 'status', cell, runId, state, message });
    finish();
    return state;
  }

  private flush(job: Job): void {
    if (job.pending.length === 0) return;
    const activeMs = performance.now() - job.started - job.pausedMs;
    this.post({ type: 'progress', cell: job.cell, runId: job.runId, firstStep: job.firstStep, losses: job.pending, activeMs });
    job.pending = [];
    job.lastFlush = performance.now();
  }

  private context(job: Job, notebook: Notebook, text: string, settings: Settings, inputs: Record<string, string>): CellContext {
    const { cell, runId } = job;
    return {
      text,
      config: settings.config,
      engine: settings.engine,
      inputs,
      use: (key) => {
        const value = notebook.state[key];
        if (value === undefined) throw new Missing(key);
        return value;
      },
      set: (key, value) => {
        notebook.state[key] = value;
      },
      emit: (output: Output) => this.post({ type: 'output', cell, runId, output }),
      progress: (step, loss) => {
        if (job.pending.length === 0) job.firstStep = step;
        job.pending.push(loss);
      },
      tick: async () => {
        const now = performance.now();
        if (now - job.lastFlush >= FLUSH_MS) this.flush(job);
        if (now - job.lastYield < YIELD_MS && !job.paused) return;
        await this.nextTurn();
        job.lastYield = performance.now();
        if (!job.paused || job.stop) return;
        this.flush(job);
        const pausedAt = performance.now();
        this.post({ type: 'status', cell, runId, state: 'paused' });
        while (job.paused && !job.stop) await new Promise<void>((resolve) => (job.wake = resolve));
        job.wake = undefined;
        job.pausedMs += performance.now() - pausedAt;
        if (!job.stop) this.post({ type: 'status', cell, runId, state: 'running' });
      },
      shouldStop: () => job.stop,
    };
  }
}
