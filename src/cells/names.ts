/** The cells, in the main page's order; `race` is on the efficiency page. */
export const cellNames = ['dataset', 'tokenizer', 'autograd', 'parameters', 'forward', 'train', 'sample', 'race'] as const;

export type CellName = (typeof cellNames)[number];

export function isCellName(name: string): name is CellName {
  return (cellNames as readonly string[]).includes(name);
}
