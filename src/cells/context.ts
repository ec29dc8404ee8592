/** What a cell's code is given when the worker runs it: the settings, the notebook, and ways to report. */
import type { FastRun } from '../../microgpt/fast.ts';
import type { Config, Run } from '../../microgpt/microgpt.ts';
import type { Engine, Output } from './protocol.ts';

/** The notebook: what earlier cells leave for later ones, in page order. */
export interface NotebookState {
  docs: string[];       // left by `dataset`
  model: Run | FastRun;   // left by `parameters` (untrained) or `train`
  trained: Run | FastRun; // left by `train`: microgpt.ts's Run, or fast.ts's FastRun
}

export interface CellContext {
  /** The text to learn from and the model's config, as set on the page. */
  readonly text: string;
  readonly config: Config;
  /** The engine the train cell is set to. */
  readonly engine: Engine;
  /** The values typed into the cell's own inputs. */
  readonly inputs: Readonly<Record<string, string>>;
  /** What an earlier cell left; if it has not run yet, the page says so and offers to run it. */
  use<K extends keyof NotebookState>(key: K): NotebookState[K];
  /** Leave something for later cells. */
  set<K extends keyof NotebookState>(key: K, value: NotebookState[K]): void;
  /** Show something under the cell. */
  emit(output: Output): void;
  /** Report one training step; the worker sends them to the page in small batches. */
  progress(step: number, loss: number): void;
  /** Between steps: gives Pause and Stop their turn now and then, and waits while paused. */
  tick(): Promise<void>;
  /** True once the reader pressed Stop (or Reset). */
  shouldStop(): boolean;
}

/** A cell's code: what its file exports as default. */
export type Cell = (ctx: CellContext) => void | Promise<void>;

/** A problem with the reader's input, shown under the cell as a plain sentence. */
export class Problem extends Error {}
