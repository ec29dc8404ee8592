/** The cells, in page order, and what each one is called on its Run button. */
export const cellNames = ['dataset', 'tokenizer', 'autograd', 'parameters', 'forward', 'train', 'sample'] as const;

export type CellName = (typeof cellNames)[number];

export function isCellName(name: string): name is CellName {
  return (cellNames as readonly string[]).includes(name);
}
