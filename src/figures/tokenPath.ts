/**
 * Figure: the path of one token through the trained default model, every vector drawn from the real numbers.
 * The stages are recomputed here with the model's own functions (rmsnorm, linear, softmax, dot) in gpt()'s
 * order, and the result is checked against the real gpt(): if they ever differ, the build fails.
 */
import { gpt, linear, rmsnorm, softmax, dot, encode, type Value, type Inspect } from '../../microgpt/microgpt.ts';
import { trainedRun } from './runs.ts';
import { esc, num, figure } from './svg.ts';

/** One drawn stage: a label and a vector, or attention weights. */
interface Stage {
  label: string;
  values: number[];
  kind: 'vector' | 'probs' | 'attention';
}

const POS = 'var(--mg-pos, #e8590c)';
const NEG = 'var(--mg-neg, #1c7ed6)';

/** Follow the first letter of the first training document, at position 1, with the BOS token already in the cache. */
export function tokenPath() {
  const run = trainedRun();
  const { model, tokenizer } = run;
  const { nLayer, nHead, nEmbd } = model.config;
  const headDim = nEmbd / nHead;
  const sd = model.stateDict;
  const doc = run.docs[0];
  const tokens = [tokenizer.BOS, ...encode(tokenizer, doc)];
  const keys: Value[][][] = Array.from({ length: nLayer }, () => []);
  const values: Value[][][] = Array.from({ length: nLayer }, () => []);
  gpt(model, tokens[0], 0, keys, values);
  const myKeys = keys.map((l) => [...l]);
  const myValues = values.map((l) => [...l]);
  const inspect: Inspect = { attention: [] };
  const posId = 1;
  const tokenId = tokens[posId];
  const real = gpt(model, tokenId, posId, keys, values, inspect).map((v) => v.data);

  const stages: Stage[] = [];
  const d = (xs: Value[]) => xs.map((v) => v.data);
  const ch = tokenizer.uchars[tokenId];
  stages.push({ label: `wte[${tokenId}]: the embedding of "${ch}"`, values: d(sd.wte[tokenId]), kind: 'vector' });
  stages.push({ label: `wpe[${posId}]: the embedding of position ${posId}`, values: d(sd.wpe[posId]), kind: 'vector' });
  let x = sd.wte[tokenId].map((t, i) => t.add(sd.wpe[posId][i]));
  stages.push({ label: 'x = wte + wpe', values: d(x), kind: 'vector' });
  x = rmsnorm(x);
  stages.push({ label: 'x = rmsnorm(x)', values: d(x), kind: 'vector' });
  for (let li = 0; li < nLayer; li++) {
    let res = x;
    x = rmsnorm(x);
    const q = linear(x, sd[`layer${li}.attn_wq`]);
    const k = linear(x, sd[`layer${li}.attn_wk`]);
    const v = linear(x, sd[`layer${li}.attn_wv`]);
    myKeys[li].push(k);
    myValues[li].push(v);
    stages.push({ label: `layer ${li}: q = linear(rmsnorm(x), attn_wq)`, values: d(q), kind: 'vector' });
    const xAttn: Value[] = [];
    for (let h = 0; h < nHead; h++) {
      const hs = h * headDim;
      const qh = q.slice(hs, hs + headDim);
      const kh = myKeys[li].map((kt) => kt.slice(hs, hs + headDim));
      const vh = myValues[li].map((vt) => vt.slice(hs, hs + headDim));
      const w = softmax(kh.map((kt) => dot(qh, kt).div(headDim ** 0.5)));
      for (let j = 0; j < headDim; j++) xAttn.push(dot(w, vh.map((vt) => vt[j])));
      stages.push({ label: `head ${h}: attention weights over positions 0..${posId}`, values: d(w), kind: 'attention' });
    }
    stages.push({ label: `the ${nHead} heads' outputs, side by side`, values: d(xAttn), kind: 'vector' });
    x = linear(xAttn, sd[`layer${li}.attn_wo`]).map((a, i) => a.add(res[i]));
    stages.push({ label: 'x = linear(heads, attn_wo) + residual', values: d(x), kind: 'vector' });
    res = x;
    const h1 = linear(rmsnorm(x), sd[`layer${li}.mlp_fc1`]);
    const r = h1.map((hi) => hi.relu());
    stages.push({ label: `relu(linear(rmsnorm(x), mlp_fc1)): ${r.filter((ri) => ri.data === 0).length} of ${r.length} are zero`, values: d(r), kind: 'vector' });
    x = linear(r, sd[`layer${li}.mlp_fc2`]).map((a, i) => a.add(res[i]));
    stages.push({ label: 'x = linear(…, mlp_fc2) + residual', values: d(x), kind: 'vector' });
  }
  const logits = linear(x, sd.lm_head);
  const mine = d(logits);
  if (mine.length !== real.length || mine.some((m, i) => m !== real[i])) {
    throw new Error('token-path figure: the recomputed logits differ from gpt()\'s; the figure no longer follows the model');
  }
  const attnReal = inspect.attention.flat(2);
  const attnMine = stages.filter((s) => s.kind === 'attention').flatMap((s) => s.values);
  if (attnReal.some((a, i) => a !== attnMine[i])) throw new Error('token-path figure: attention weights differ from gpt()\'s');
  stages.push({ label: 'logits = linear(x, lm_head)', values: mine, kind: 'vector' });
  const probs = softmax(logits).map((p) => p.data);
  stages.push({ label: 'softmax(logits): the next-token probabilities', values: probs, kind: 'probs' });
  const next = tokens[posId + 1] ?? tokenizer.BOS;
  return { doc, ch, tokenId, posId, next, probs, stages, uchars: tokenizer.uchars, BOS: tokenizer.BOS };
}

const W = 360;
const LEFT = 20;
const STRIP = 320;

/** A row of cells, colour for the sign, opacity for the size relative to the largest entry. */
function strip(values: number[], y: number): string {
  const cw = STRIP / values.length;
  const max = Math.max(...values.map(Math.abs)) || 1;
  return values.map((v, i) => `<rect x="${(LEFT + i * cw).toFixed(2)}" y="${y}" width="${(cw - 1).toFixed(2)}" height="16" fill="${v >= 0 ? POS : NEG}" fill-opacity="${(0.08 + 0.92 * Math.abs(v) / max).toFixed(3)}"/>`).join('');
}

/** The SVG: each stage a caption and a strip; attention as labelled cells; probabilities as bars with letters. */
export function drawTokenPath(): string {
  const t = tokenPath();
  const letter = (id: number) => (id === t.BOS ? '⏎' : t.uchars[id]);
  const parts: string[] = [];
  let y = 8;
  for (const s of t.stages) {
    parts.push(`<text x="${LEFT}" y="${y + 12}" font-size="12.5" fill="currentColor">${esc(s.label)} <tspan fill-opacity="0.7">(${s.values.length})</tspan></text>`);
    y += 18;
    if (s.kind === 'vector') {
      parts.push(strip(s.values, y));
      y += 26;
    } else if (s.kind === 'attention') {
      const cw = 70;
      s.values.forEach((w, i) => {
        parts.push(`<rect x="${LEFT + i * (cw + 4)}" y="${y}" width="${cw}" height="18" fill="${POS}" fill-opacity="${(0.08 + 0.8 * w).toFixed(3)}" stroke="currentColor" stroke-opacity="0.3"/>`
          + `<text x="${LEFT + i * (cw + 4) + cw / 2}" y="${y + 13}" font-size="11.5" text-anchor="middle" fill="currentColor">${i === 0 ? 'BOS' : esc(t.ch)} ${num(w, 2)}</text>`);
      });
      y += 28;
    } else {
      const cw = STRIP / s.values.length;
      const max = Math.max(...s.values);
      s.values.forEach((p, i) => {
        const h = 44 * p / max;
        parts.push(`<rect x="${(LEFT + i * cw).toFixed(2)}" y="${(y + 44 - h).toFixed(2)}" width="${(cw - 1.5).toFixed(2)}" height="${h.toFixed(2)}" fill="${i === t.next ? POS : 'currentColor'}" fill-opacity="${i === t.next ? 1 : 0.45}"/>`
          + `<text x="${(LEFT + i * cw + cw / 2).toFixed(2)}" y="${y + 58}" font-size="10" text-anchor="middle" fill="currentColor">${esc(letter(i))}</text>`);
      });
      y += 66;
    }
  }
  const height = y + 4;
  const top = [...t.probs.keys()].sort((a, b) => t.probs[b] - t.probs[a]).slice(0, 5);
  const label = `The path of the token "${t.ch}" at position ${t.posId} of "${t.doc}" through the trained model: `
    + `${t.stages.length} stages from its embedding to the next-token probabilities. The most likely next tokens: `
    + top.map((i) => `${letter(i)} ${num(t.probs[i], 3)}`).join(', ') + `; the true next token "${letter(t.next)}" gets ${num(t.probs[t.next], 3)}.`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" style="max-width:100%;height:auto;display:block;margin:0 auto" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>${parts.join('')}</svg>`;
  const rows = t.stages.map((s) => `<tr><td>${esc(s.label)}</td><td>${s.values.length}</td><td>${s.values.slice(0, 4).map((v) => num(v, 3)).join(', ')}${s.values.length > 4 ? ', …' : ''}</td></tr>`).join('');
  const table = `<table><thead><tr><th scope="col">stage</th><th scope="col">size</th><th scope="col">first entries</th></tr></thead><tbody>${rows}</tbody></table>`;
  return figure('token-path', svg,
    `One call of <code>gpt()</code> on the trained default model, drawn stage by stage: the letter <code>${esc(t.ch)}</code> at position ${t.posId} of <code>${esc(t.doc)}</code>, with <code>BOS</code> already in the key/value cache. Each strip is a vector (orange positive, blue negative, stronger for larger magnitude); the attention rows are each head's weights over the two positions; the bars at the bottom are the probabilities of the next token, the true next letter <code>${esc(letter(t.next))}</code> highlighted (⏎ is <code>BOS</code>, the end of a name). `
    + `Its most likely next tokens: ${top.map((i) => `<code>${esc(letter(i))}</code> ${num(t.probs[i], 3)}`).join(', ')}.`,
    table);
}
