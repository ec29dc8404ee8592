// The forward pass, opened up: at each position, the next-token probabilities and every head's attention.
import { encode, gpt, softmax, type Inspect, type Value } from '../../microgpt/microgpt.ts';
import { fastInspect } from '../../microgpt/fast.ts';
import { Problem, type CellContext } from '../../src/cells/context.ts';

export default function forward(ctx: CellContext): void {
  const run = ctx.use('model');
  const { tokenizer, step } = run;
  const { nLayer, nHead, blockSize } = run.config;
  const name = ctx.inputs.name.trim();
  const unknown = [...name].filter((ch) => !tokenizer.ids.has(ch));
  if (unknown.length > 0) throw new Problem(`${JSON.stringify(unknown[0])} is not in this dataset's vocabulary, so the model has no token for it.`);
  const tokens = [tokenizer.BOS, ...encode(tokenizer, name)].slice(0, blockSize); // the model sees at most block_size positions
  const labels = tokens.map((id) => (id === tokenizer.BOS ? 'BOS' : tokenizer.uchars[id]));

  let probs: number[][];
  let attention: number[][][]; // attention[posId * nLayer + li][h]: head h's weights over positions 0..posId
  if ('model' in run) {
    const keys: Value[][][] = Array.from({ length: nLayer }, () => []);
    const values: Value[][][] = Array.from({ length: nLayer }, () => []);
    const inspect: Inspect = { attention: [] }; // gpt() pushes each layer's [head][t] weights
    probs = tokens.map((tokenId, posId) => softmax(gpt(run.model, tokenId, posId, keys, values, inspect)).map((p) => p.data));
    attention = inspect.attention;
  } else {
    ({ probs, attention } = fastInspect(run, tokens)); // fast.ts: the same numbers from its arrays
  }
  const rows = tokens.map((_, posId) => {
    const next = tokens[posId + 1] ?? tokenizer.BOS;
    const top = probs[posId].map((p, id) => ({ id, p })).sort((x, y) => y.p - x.p).slice(0, 5);
    if (!top.some((t) => t.id === next)) top.push({ id: next, p: probs[posId][next] });
    return { label: labels[posId], bars: top.map(({ id, p }) => ({ label: id === tokenizer.BOS ? 'BOS' : tokenizer.uchars[id], p, actual: id === next })) };
  });
  ctx.emit({ kind: 'text', text: `The model after ${step} training steps.` });
  ctx.emit({ kind: 'bars', caption: 'After each token, the most likely next tokens (the real next one marked)', rows });
  const maps = [];
  for (let li = 0; li < nLayer; li++) {
    for (let h = 0; h < nHead; h++) {
      const values = tokens.map((_, posId) => attention[posId * nLayer + li][h]); // row: a position, looking back
      maps.push({ title: `layer ${li}, head ${h}`, values });
    }
  }
  ctx.emit({ kind: 'heatmaps', caption: 'Attention: how much each position (row) looks at each earlier one (column)', labels, maps });
}
