// The dataset: one document per line of the text, read exactly as the model reads it.
import { loadDocs } from '../../microgpt/microgpt.ts';
import { Problem, type CellContext } from '../../src/cells/context.ts';

export default function dataset(ctx: CellContext): void {
  const docs = loadDocs(ctx.text);
  if (docs.length === 0) throw new Problem('The text holds no documents: every line is empty.');
  ctx.set('docs', docs);

  const lengths = docs.map((doc) => [...doc].length); // in characters (code points), as the tokenizer counts
  const characters = lengths.reduce((a, b) => a + b, 0);
  ctx.emit({ kind: 'text', text: `${docs.length.toLocaleString('en-US')} documents, ${characters.toLocaleString('en-US')} characters.` });
  ctx.emit({ kind: 'list', caption: 'The first documents, in file order (training shuffles them)', items: docs.slice(0, 12) });
  ctx.emit({ kind: 'histogram', caption: 'Documents by length', xLabel: 'characters', values: lengths });
}
