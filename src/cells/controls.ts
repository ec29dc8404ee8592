/** The inputs each cell offers the reader, described once: the build renders them, the page reads them. */
import { knobs, type Knob } from '../../microgpt/config.ts';
import { defaults, type Config } from '../../microgpt/microgpt.ts';
import type { CellName } from './names.ts';

/** A free-text input of a cell, passed to its code as `ctx.inputs[key]`. */
export interface TextInput {
  key: string;
  label: string;
  value: string;
  wide?: boolean;
}

/** Inputs typed into the cell itself (not settings): they go with each run, not into the URL. */
export const cellInputs: Partial<Record<CellName, TextInput[]>> = {
  tokenizer: [{ key: 'text', label: 'Text to tokenize', value: 'hello, wörld', wide: true }],
  autograd: [
    { key: 'a', label: 'a', value: '2' },
    { key: 'b', label: 'b', value: '-3' },
    { key: 'c', label: 'c', value: '10' },
  ],
  forward: [{ key: 'name', label: 'A name to read', value: 'emma', wide: true }],
  race: [{ key: 'steps', label: 'steps', value: '300' }],
};

const knob = (key: keyof Config): Knob => knobs.find((k) => k.key === key)!;

/** The settings knobs, and the cell that shows each: the model's shape and training in `train`, sampling in `sample`. */
export const cellKnobs: Partial<Record<CellName, Knob[]>> = {
  train: (['numSteps', 'nEmbd', 'nHead', 'nLayer', 'blockSize', 'learningRate', 'seed'] as const).map(knob),
  sample: (['temperature', 'numSamples'] as const).map(knob),
};

/** Every knob the page offers, in URL order. */
export const pageKnobs: Knob[] = [...cellKnobs.train!, ...cellKnobs.sample!];

export const defaultText = (key: keyof Config) => String(defaults[key]);
