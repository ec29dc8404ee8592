// The forward pass, opened up: at each position, the next-token probabilities and every head's attention.
import { encode, gpt, softmax, type Inspect, type Value } from '../../microgpt/microgpt.ts';
import { Problem, type CellContext } from '../../src/cells/context.ts';

export default function forward(ctx: CellContext): void {
  const { model, tokenizer, step } = ctx.use('model');
  const { nLayer, nHead, blockSize } = model.config;
  const name = ctx.inputs.name.trim();
  const unknown = [...name].filter((ch) => !tokenizer.ids.has(ch));
  if (unknown.length > 0) throw new Problem(`${JSON.stringify(unknown[0])} is not in this dataset's vocabulary, so the model has no token for it.`);
  const tokens = [tokenizer.BOS, ...encode(tokenizer, name)].slice(0, blockSize); // the model sees at most block_size positions
  const labels = tokens.map((id) => (id === tokenizer.BOS ? 'BOS' : tokenizer.uchars[id]));

  const keys: Value[][][] = Array.from({ length: nLayer }, () => []);
  const values: Value[][][] = Array.from({ length: nLayer }, () => []);
  const inspect: Inspect = { attention: [] }; // gpt() pushes [head][t] weights for each layer
  const rows = tokens.map((tokenId, posId) => {
    const probs = softmax(gpt(model, tokenId, posId, keys, values, inspect)).map((p) => p.data);
    const next = tokens[posId + 1] ?? tokenizer.BOS;
    const top = probs.map((p, id) => ({ id, p })).sort((x, y) => y.p - x.p).slice(0, 5);
    if (!top.some((t) => t.id === next)) top.push({ id: next, p: probs[next] });
    return { label: labels[posId], bars: top.map(({ id, p }) => ({ label: id === tokenizer.BOS ? 'BOS' : tokenizer.uchars[id], p, actual: id === next })) };
  });
  ctx.emit({ kind: 'text', text: `The model after ${step} training steps.` });
  ctx.emit({ kind: 'bars', caption: 'After each token, the most likely next tokens (the real next one marked)', rows });
  const maps = [];
  for (let li = 0; li < nLayer; li++) {
    for (let h = 0; h < nHead; h++) {
      const values = tokens.map((_, posId) => inspect.attention[posId * nLayer + li][h]); // row: a position, looking back
      maps.push({ title: `layer ${li}, head ${h}`, values });
    }
  }
  ctx.emit({ kind: 'heatmaps', caption: 'Attention: how much each position (row) looks at each earlier one (column)', labels, maps });
}
