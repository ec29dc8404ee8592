/** The messages between the page and the cell worker, one tagged union for each direction. */
import type { Engine } from '../../microgpt/config.ts';
import type { Config } from '../../microgpt/microgpt.ts';
import type { CellName } from './names.ts';
import type { PresetName } from './presets.ts';

/** Where the notebook's text comes from: a shipped word list, or text the reader pasted or uploaded. */
export type DataChoice = { kind: 'preset'; name: PresetName } | { kind: 'custom'; label: string; text: string };

export type { Engine } from '../../microgpt/config.ts';

/** Everything a run depends on: the data, the model's config and the engine. */
export interface Settings {
  data: DataChoice;
  config: Config;
  engine: Engine;
}

/** One bin of a histogram: values in [x0, x1). */
export interface Bin {
  x0: number;
  x1: number;
  count: number;
}

/** One node of an expression graph: its name, its data and its grad after backward. */
export interface GraphNode {
  label: string;
  data: number;
  grad: number;
}

/** What a cell shows under itself. Every string in here is rendered as text, never as HTML. */
export type Output =
  | { kind: 'text'; text: string }
  | { kind: 'table'; caption: string; columns: string[]; rows: (string | number)[][] }
  | { kind: 'list'; caption: string; items: string[] }
  | { kind: 'tokens'; caption: string; tokens: { text: string; id: number | null }[] }
  | { kind: 'histogram'; caption: string; xLabel: string; values: number[]; normal?: { mean: number; std: number } }
  | { kind: 'bars'; caption: string; rows: { label: string; bars: { label: string; p: number; actual: boolean }[] }[] }
  | { kind: 'heatmaps'; caption: string; labels: string[]; maps: { title: string; values: number[][] }[] }
  | { kind: 'graph'; caption: string; nodes: GraphNode[]; edges: [from: number, to: number][] }
  | { kind: 'training'; numSteps: number; vocabSize: number; numParams: number; numDocs: number };

/** What a running cell is doing. */
export type RunState = 'running' | 'paused' | 'stopped' | 'done' | 'failed' | 'reset';

/** Page → worker. */
export type ToWorker =
  | { type: 'run'; cell: CellName; settings: Settings; inputs: Record<string, string>; prerequisites: boolean }
  | { type: 'control'; cell: CellName; action: 'pause' | 'resume' | 'stop' | 'reset' };

/** Worker → page. `runId` ties outputs to one run of a cell; a new run of the cell clears the old one's output. */
export type FromWorker =
  | { type: 'status'; cell: CellName; runId: number; state: RunState; message?: string }
  | { type: 'output'; cell: CellName; runId: number; output: Output }
  | { type: 'progress'; cell: CellName; runId: number; firstStep: number; losses: number[]; activeMs: number }
  | { type: 'needs'; cell: CellName; runId: number; missing: CellName; message: string };
