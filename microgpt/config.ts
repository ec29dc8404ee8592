/**
 * Checking a configuration before training on it: the CLI and the page's controls share these rules and
 * these messages, so a bad value gets the same clear sentence wherever it is typed.
 */
import { defaults, type Config } from './microgpt.ts';

/** One knob: its key in Config, its CLI flag, the original's name, and what it accepts. */
export interface Knob {
  key: keyof Config;
  flag: string;
  python: string;
  kind: 'count' | 'integer' | 'positive';
  help: string;
}

export const knobs: Knob[] = [
  { key: 'seed', flag: '--seed', python: 'seed', kind: 'integer', help: 'seed of the random number generator' },
  { key: 'numSteps', flag: '--steps', python: 'num_steps', kind: 'count', help: 'number of training steps' },
  { key: 'nEmbd', flag: '--n-embd', python: 'n_embd', kind: 'count', help: 'width of the network (embedding dimension)' },
  { key: 'nHead', flag: '--n-head', python: 'n_head', kind: 'count', help: 'number of attention heads; must divide n_embd' },
  { key: 'nLayer', flag: '--n-layer', python: 'n_layer', kind: 'count', help: 'number of transformer layers' },
  { key: 'blockSize', flag: '--block-size', python: 'block_size', kind: 'count', help: 'maximum context length' },
  { key: 'learningRate', flag: '--lr', python: 'learning_rate', kind: 'positive', help: "Adam's learning rate" },
  { key: 'temperature', flag: '--temperature', python: 'temperature', kind: 'positive', help: 'sampling temperature, in (0, 1]' },
  { key: 'numSamples', flag: '--samples', python: 'num_samples', kind: 'count', help: 'number of names to sample' },
];

/** Parse one value typed for a knob: a number, or a sentence saying what is wrong with it. */
export function parseKnob(knob: Knob, raw: string): number | string {
  const text = raw.trim();
  const value = text === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) return `${knob.python} must be a number, got ${JSON.stringify(raw)}`;
  if (knob.kind === 'positive') return value > 0 ? value : `${knob.python} must be greater than 0, got ${raw}`;
  if (!Number.isInteger(value)) return `${knob.python} must be a whole number, got ${raw}`;
  if (knob.kind === 'integer') return Number.isSafeInteger(value) ? value : `${knob.python} is too large, got ${raw}`;
  if (value < 1) return `${knob.python} must be at least 1, got ${raw}`;
  if (value > 1_000_000) return `${knob.python} must be at most 1000000, got ${raw}`;
  return value;
}

/** Problems that involve more than one knob, keyed by the knob to show them beside. */
export function crossCheck(config: Config): Partial<Record<keyof Config, string>> {
  const problems: Partial<Record<keyof Config, string>> = {};
  if (config.nEmbd % config.nHead !== 0) {
    problems.nHead = `n_embd (${config.nEmbd}) must be divisible by n_head (${config.nHead})`;
  }
  return problems;
}

/** A config from typed values: the defaults, overridden by every value that parses, or the problems. */
export function configFrom(raw: Partial<Record<keyof Config, string>>): { config: Config; problems: Partial<Record<keyof Config, string>> } {
  const config: Config = { ...defaults };
  const problems: Partial<Record<keyof Config, string>> = {};
  for (const knob of knobs) {
    const typed = raw[knob.key];
    if (typed === undefined) continue;
    const parsed = parseKnob(knob, typed);
    if (typeof parsed === 'string') problems[knob.key] = parsed;
    else config[knob.key] = parsed;
  }
  return { config, problems: { ...crossCheck(config), ...problems } };
}

/** How many parameters a config has for a vocabulary: wte, wpe, lm_head, and 12·n_embd² per layer. */
export function countParams(config: Config, vocabSize: number): number {
  const { nEmbd, nLayer, blockSize } = config;
  return 2 * vocabSize * nEmbd + blockSize * nEmbd + nLayer * 12 * nEmbd * nEmbd;
}

/** Which code trains: microgpt.ts (a graph of Values) or fast.ts (the same numbers on Float64Arrays). */
export type Engine = 'faithful' | 'fast';

/** The most positions one training step sees on these documents: BOS, then each character, at most block_size. */
export function stepPositions(docs: string[], blockSize: number): number {
  return Math.min(blockSize, docs.reduce((most, doc) => Math.max(most, [...doc].length), 0) + 1);
}

/** Bytes as gigabytes for a message: "1.5 GB", "42 GB", "201,612 GB". */
export function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toLocaleString('en-US', { maximumFractionDigits: bytes < 1e10 ? 1 : 0 })} GB`;
}

/**
 * Roughly how many bytes a training step takes at its peak, for a document of `positions` tokens (erring high).
 * microgpt.ts: each parameter is a Value (about 400 bytes with its arrays), and every position adds graph nodes
 * holding about 80 bytes per parameter (the dot products' children and local gradients). Measured in Node 20:
 * 955 bytes per parameter at n_embd 128, n_layer 2 on the names. fast.ts: five Float64Arrays per parameter
 * (weights, gradients, Adam's m and v, and the init draw) and the activations of each position and layer.
 */
export function trainingBytes(config: Config, vocabSize: number, positions: number, engine: Engine): number {
  const params = countParams(config, vocabSize);
  const base = 50e6;
  if (engine === 'faithful') return base + params * (400 + 80 * positions);
  return base + params * 48 + positions * config.nLayer * (16 * config.nEmbd + vocabSize) * 8 * 4;
}
