/** Each cell's code, by name: the files in content/cells/, which the page also shows. */
import dataset from '../../content/cells/dataset.ts';
import tokenizer from '../../content/cells/tokenizer.ts';
import autograd from '../../content/cells/autograd.ts';
import parameters from '../../content/cells/parameters.ts';
import forward from '../../content/cells/forward.ts';
import train from '../../content/cells/train.ts';
import sample from '../../content/cells/sample.ts';
import race from '../../content/cells/race.ts';
import type { Cell, NotebookState } from './context.ts';
import type { CellName } from './names.ts';

export const cells: Record<CellName, Cell> = { dataset, tokenizer, autograd, parameters, forward, train, sample, race };

/** Which cell leaves each piece of the notebook: the one to run first when it is missing. */
export const providers: Record<keyof NotebookState, CellName> = {
  docs: 'dataset',
  model: 'parameters',
  trained: 'train',
};
