// @chapter Buffers
// @section fast-preamble The same GPT, without the graph
// A second engine for microgpt: the same model, the same optimiser and the same numbers as microgpt.ts,
// computed on flat Float64Arrays instead of a graph of Value objects. Every forward operation is a loop
// over numbers; every backward operation is the derivative of that loop, written out by hand. Nothing is
// allocated while training: every buffer is made once, when the run is created.

import { Random } from './random.ts';
import { defaults, shuffledDocs, makeTokenizer, encode, type Config, type Tokenizer } from './microgpt.ts';

// @section fast-matrix A matrix is a window into one flat array
/** One weight matrix, row-major: w[r * cols + c] is microgpt.ts's stateDict[name][r][c].data. */
export interface FastMatrix {
  name: string;    // its key in microgpt.ts's state dict
  rows: number;    // nout
  cols: number;    // nin
  w: Float64Array; // the weights: a view into the run's one parameter array
  g: Float64Array; // their gradients: a view into the run's one gradient array, same layout
}

/** The six matrices of one transformer layer. */
export interface FastLayer {
  wq: FastMatrix; wk: FastMatrix; wv: FastMatrix; wo: FastMatrix;
  fc1: FastMatrix; fc2: FastMatrix;
}

// @section fast-params Every parameter in one array, in the state dict's order
/** Name, rows and columns of every matrix, in the order initModel creates them. */
export function matrixShapes(config: Config, vocabSize: number): [string, number, number][] {
  const { nEmbd, nLayer, blockSize } = config;
  const shapes: [string, number, number][] = [['wte', vocabSize, nEmbd], ['wpe', blockSize, nEmbd], ['lm_head', vocabSize, nEmbd]];
  for (let i = 0; i < nLayer; i++) {
    shapes.push([`layer${i}.attn_wq`, nEmbd, nEmbd], [`layer${i}.attn_wk`, nEmbd, nEmbd], [`layer${i}.attn_wv`, nEmbd, nEmbd]);
    shapes.push([`layer${i}.attn_wo`, nEmbd, nEmbd], [`layer${i}.mlp_fc1`, 4 * nEmbd, nEmbd], [`layer${i}.mlp_fc2`, nEmbd, 4 * nEmbd]);
  }
  return shapes;
}

/** Cut the flat parameter and gradient arrays into matrices, one after the other. */
function cutMatrices(shapes: [string, number, number][], params: Float64Array, grads: Float64Array): FastMatrix[] {
  let offset = 0;
  return shapes.map(([name, rows, cols]) => {
    const end = offset + rows * cols;
    const m = { name, rows, cols, w: params.subarray(offset, end), g: grads.subarray(offset, end) };
    offset = end;
    return m;
  });
}

// @section fast-init The same Gaussian draws, in the same order
/** Fill the parameters as initModel does: one rng.gauss(0, 0.08) per weight, matrix by matrix, row by row. */
function initParams(params: Float64Array, rng: Random): void {
  for (let i = 0; i < params.length; i++) params[i] = rng.gauss(0, 0.08);
}

// @section fast-activations What the forward pass keeps for the backward pass
/** One layer's saved activations: each array is indexed by position, each entry is a vector. */
export interface LayerActivations {
  scale1: Float64Array;   // rmsnorm's scale before attention, one number per position
  xNorm1: Float64Array[]; // the normalized input to wq, wk, wv
  q: Float64Array[];      // queries
  k: Float64Array[];      // keys: the KV cache, which the backward pass also reads
  v: Float64Array[];      // values
  att: Float64Array[];    // attention weights: head h's weight on position s is att[t][h * blockSize + s]
  xAttn: Float64Array[];  // the heads' outputs side by side, the input to wo
  xMid: Float64Array[];   // the residual stream after attention, the input to the MLP
  scale2: Float64Array;   // rmsnorm's scale before the MLP
  xNorm2: Float64Array[]; // the normalized input to fc1
  hPre: Float64Array[];   // fc1's output before ReLU (its sign is ReLU's derivative)
  hAct: Float64Array[];   // after ReLU, the input to fc2
  dK: Float64Array[];     // gradients of the keys, summed over every later query that looked at them
  dV: Float64Array[];     // gradients of the values, likewise
}

/** `count` vectors of `size` numbers, as views into one fresh buffer. */
function vectors(count: number, size: number): Float64Array[] {
  const buffer = new Float64Array(count * size);
  return Array.from({ length: count }, (_, i) => buffer.subarray(i * size, (i + 1) * size));
}

function layerActivations(config: Config): LayerActivations {
  const { nEmbd, nHead, blockSize } = config;
  const vec = (size: number) => vectors(blockSize, size);
  return {
    scale1: new Float64Array(blockSize), xNorm1: vec(nEmbd), q: vec(nEmbd), k: vec(nEmbd), v: vec(nEmbd),
    att: vec(nHead * blockSize), xAttn: vec(nEmbd), xMid: vec(nEmbd), scale2: new Float64Array(blockSize),
    xNorm2: vec(nEmbd), hPre: vec(4 * nEmbd), hAct: vec(4 * nEmbd), dK: vec(nEmbd), dV: vec(nEmbd),
  };
}

// @section fast-run A run: the same data, the model as arrays, and scratch space
export interface FastRun {
  config: Config;
  rng: Random;
  docs: string[];
  tokenizer: Tokenizer;
  numParams: number;
  params: Float64Array;      // every weight, in microgpt.ts's model.params order
  grads: Float64Array;       // every gradient, same order
  m: Float64Array;           // Adam's first moment buffer
  v: Float64Array;           // Adam's second moment buffer
  step: number;              // training steps taken so far
  matrices: FastMatrix[];    // views into params/grads, in the state dict's order
  wte: FastMatrix; wpe: FastMatrix; lmHead: FastMatrix;
  layers: FastLayer[];
  corpus: Int32Array;        // every document's token ids, one document after the other
  docStart: Int32Array;      // document d is corpus[docStart[d]] .. corpus[docStart[d + 1] - 1]
  tokens: Int32Array;        // this step's tokens: BOS, the document, BOS, cut to blockSize + 1
  invScale: number;          // attention's 1 / sqrt(headDim), as microgpt.ts computes it
  emb: Float64Array[];       // per position: token embedding + position embedding
  scale0: Float64Array;      // per position: the scale of the rmsnorm right after the embedding
  stream: Float64Array[][];  // stream[li][t]: the residual stream entering layer li (stream[nLayer]: the output)
  acts: LayerActivations[];  // per layer
  probs: Float64Array[];     // per position: next-token probabilities (logits, until softmax)
  dx: Float64Array;          // scratch: gradient of the residual stream at one position
  dNorm: Float64Array;       // scratch: gradient of an rmsnorm's output
  dAttn: Float64Array;       // scratch: gradient of the heads' outputs
  dq: Float64Array;          // scratch: gradient of one position's query
  dHidden: Float64Array;     // scratch: gradient of the MLP's hidden layer
  dWeights: Float64Array;    // scratch: gradient of one head's attention weights
  dLogits: Float64Array;     // scratch: gradient of the logits
  choiceWeights: number[];   // scratch: the probabilities handed to rng.choice when sampling
}

// @section fast-create Creating a run: the same shuffle, tokenizer and draws
/** Shuffle, tokenize and initialise exactly as createRun does, then allocate every buffer training needs. */
export function createFastRun(text: string, config: Config = defaults): FastRun {
  const rng = new Random(config.seed);
  const docs = shuffledDocs(text, rng);
  if (docs.length === 0) throw new RangeError('the text holds no documents: every line is empty');
  const tokenizer = makeTokenizer(docs);
  const { nEmbd, nHead, nLayer, blockSize } = config;

  const shapes = matrixShapes(config, tokenizer.vocabSize);
  const numParams = shapes.reduce((n, [, rows, cols]) => n + rows * cols, 0);
  const params = new Float64Array(numParams);
  const grads = new Float64Array(numParams);
  initParams(params, rng);
  const matrices = cutMatrices(shapes, params, grads);
  const layers: FastLayer[] = [];
  for (let li = 0; li < nLayer; li++) {
    const [wq, wk, wv, wo, fc1, fc2] = matrices.slice(3 + 6 * li, 9 + 6 * li);
    layers.push({ wq, wk, wv, wo, fc1, fc2 });
  }

  // @section fast-corpus The dataset, encoded once
  const encoded = docs.map((doc) => encode(tokenizer, doc));
  const docStart = new Int32Array(docs.length + 1);
  for (let d = 0; d < docs.length; d++) docStart[d + 1] = docStart[d] + encoded[d].length;
  const corpus = new Int32Array(docStart[docs.length]);
  encoded.forEach((ids, d) => corpus.set(ids, docStart[d]));

  // @section fast-alloc Every buffer, allocated once
  const headDim = nEmbd / nHead;
  return {
    config, rng, docs, tokenizer, numParams, params, grads,
    m: new Float64Array(numParams), v: new Float64Array(numParams), step: 0,
    matrices, wte: matrices[0], wpe: matrices[1], lmHead: matrices[2], layers,
    corpus, docStart, tokens: new Int32Array(blockSize + 1),
    invScale: (headDim ** 0.5) ** -1, // dot.div(headDim ** 0.5) multiplies by this
    emb: vectors(blockSize, nEmbd), scale0: new Float64Array(blockSize),
    stream: Array.from({ length: nLayer + 1 }, () => vectors(blockSize, nEmbd)),
    acts: Array.from({ length: nLayer }, () => layerActivations(config)),
    probs: vectors(blockSize, tokenizer.vocabSize),
    dx: new Float64Array(nEmbd), dNorm: new Float64Array(nEmbd), dAttn: new Float64Array(nEmbd),
    dq: new Float64Array(nEmbd), dHidden: new Float64Array(4 * nEmbd), dWeights: new Float64Array(blockSize),
    dLogits: new Float64Array(tokenizer.vocabSize), choiceWeights: new Array<number>(tokenizer.vocabSize).fill(0),
  };
}

// @chapter Forward
// @section fast-linear Linear: a matrix–vector product
/** out = W x, each output a dot product summed left to right from 0, as microgpt.ts's dot() sums. */
function matvec(out: Float64Array, W: FastMatrix, x: Float64Array): void {
  const w = W.w;
  const rows = W.rows;
  const cols = W.cols;
  let r = 0;
  for (; r + 4 <= rows; r += 4) { // four rows at a time: four independent sums the CPU can overlap
    const r0 = r * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let c = 0; c < cols; c++) {
      const xc = x[c];
      a0 += w[r0 + c] * xc;
      a1 += w[r1 + c] * xc;
      a2 += w[r2 + c] * xc;
      a3 += w[r3 + c] * xc;
    }
    out[r] = a0; out[r + 1] = a1; out[r + 2] = a2; out[r + 3] = a3;
  }
  for (; r < rows; r++) {
    const row = r * cols;
    let acc = 0;
    for (let c = 0; c < cols; c++) acc += w[row + c] * x[c];
    out[r] = acc;
  }
}

// @section fast-softmax Softmax, in place
/** Turn a[from .. from + n - 1] into probabilities: exp(a - max), then each times total ** -1 (Python's e / total). */
function softmaxInPlace(a: Float64Array, from: number, n: number): void {
  const end = from + n;
  let max = -Infinity;
  for (let i = from; i < end; i++) if (a[i] > max) max = a[i];
  let total = 0;
  for (let i = from; i < end; i++) {
    const e = Math.exp(a[i] - max);
    a[i] = e;
    total += e;
  }
  const inv = total ** -1;
  for (let i = from; i < end; i++) a[i] *= inv;
}

// @section fast-rmsnorm RMSNorm, keeping its scale
/** y = x * scale with scale = (sum(x²) * n ** -1 + 1e-5) ** -0.5, as microgpt.ts computes it; returns the scale. */
function rmsnorm(y: Float64Array, x: Float64Array): number {
  const n = x.length;
  let sumSq = 0;
  for (let i = 0; i < n; i++) sumSq += x[i] * x[i];
  const scale = (sumSq * n ** -1 + 1e-5) ** -0.5;
  for (let i = 0; i < n; i++) y[i] = x[i] * scale;
  return scale;
}

// @section fast-embed The input at one position
/** gpt() for one token at position t, writing every activation of position t and its logits into run.probs[t]. */
function forwardPosition(run: FastRun, tokenId: number, t: number): void {
  const { nEmbd, nHead, nLayer, blockSize } = run.config;
  const headDim = nEmbd / nHead;
  const tok = tokenId * nEmbd;
  const pos = t * nEmbd;
  const wte = run.wte.w;
  const wpe = run.wpe.w;
  const emb = run.emb[t];
  for (let i = 0; i < nEmbd; i++) emb[i] = wte[tok + i] + wpe[pos + i];
  run.scale0[t] = rmsnorm(run.stream[0][t], emb);

  for (let li = 0; li < nLayer; li++) {
    // @section fast-qkv Queries, keys and values
    const L = run.layers[li];
    const A = run.acts[li];
    const xIn = run.stream[li][t];
    A.scale1[t] = rmsnorm(A.xNorm1[t], xIn);
    matvec(A.q[t], L.wq, A.xNorm1[t]);
    matvec(A.k[t], L.wk, A.xNorm1[t]); // appending to the KV cache is writing row t
    matvec(A.v[t], L.wv, A.xNorm1[t]);

    // @section fast-heads Each head looks back over positions 0..t
    const q = A.q[t];
    const att = A.att[t];
    const xAttn = A.xAttn[t];
    for (let h = 0; h < nHead; h++) {
      const hs = h * headDim;
      const w0 = h * blockSize;
      for (let s = 0; s <= t; s++) {
        const ks = A.k[s];
        let dot = 0;
        for (let j = hs; j < hs + headDim; j++) dot += q[j] * ks[j];
        att[w0 + s] = dot * run.invScale;
      }
      softmaxInPlace(att, w0, t + 1);
      for (let j = hs; j < hs + headDim; j++) {
        let acc = 0;
        for (let s = 0; s <= t; s++) acc += att[w0 + s] * A.v[s][j];
        xAttn[j] = acc;
      }
    }

    // @section fast-attn-out Mix the heads, add back the residual
    const xMid = A.xMid[t];
    matvec(xMid, L.wo, xAttn);
    for (let i = 0; i < nEmbd; i++) xMid[i] += xIn[i];

    // @section fast-mlp The MLP
    const xOut = run.stream[li + 1][t];
    A.scale2[t] = rmsnorm(A.xNorm2[t], xMid);
    const hPre = A.hPre[t];
    const hAct = A.hAct[t];
    matvec(hPre, L.fc1, A.xNorm2[t]);
    for (let i = 0; i < hPre.length; i++) hAct[i] = hPre[i] > 0 ? hPre[i] : 0;
    matvec(xOut, L.fc2, hAct);
    for (let i = 0; i < nEmbd; i++) xOut[i] += xMid[i];
  }

  // @section fast-logits Logits
  matvec(run.probs[t], run.lmHead, run.stream[nLayer][t]);
}

// @section fast-loss Forward one document to its loss
/** Load document `d` into run.tokens as BOS, its ids, BOS; returns n, the number of positions to predict. */
function loadTokens(run: FastRun, d: number): number {
  const start = run.docStart[d];
  const length = run.docStart[d + 1] - start;
  const n = Math.min(run.config.blockSize, length + 1);
  const tokens = run.tokens;
  const BOS = run.tokenizer.BOS;
  tokens[0] = BOS;
  for (let i = 1; i <= n; i++) tokens[i] = i <= length ? run.corpus[start + i - 1] : BOS;
  return n;
}

/** The forward pass over run.tokens[0..n]: every position's activations and probabilities; returns the mean loss. */
function forwardDocument(run: FastRun, n: number): number {
  const tokens = run.tokens;
  let total = 0;
  for (let t = 0; t < n; t++) {
    forwardPosition(run, tokens[t], t);
    const probs = run.probs[t];
    softmaxInPlace(probs, 0, probs.length);
    total += -Math.log(probs[tokens[t + 1]]); // cross-entropy: -log p(correct next token)
  }
  return total * (1 / n);
}

// @chapter Backward
// @section fast-linear-back Linear, backward: dW += g xᵀ and dx += Wᵀ g
/** The backward of out = W x: accumulate dOut ⊗ x into W's gradient and Wᵀ dOut into dx. */
function matvecBack(dx: Float64Array, W: FastMatrix, x: Float64Array, dOut: Float64Array): void {
  const w = W.w;
  const g = W.g;
  const rows = W.rows;
  const cols = W.cols;
  let r = 0;
  for (; r + 4 <= rows; r += 4) { // four rows at a time: dx[c] is read and written once per four rows
    const r0 = r * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
    const d0 = dOut[r], d1 = dOut[r + 1], d2 = dOut[r + 2], d3 = dOut[r + 3];
    if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0) continue; // ReLUs that were off pass no gradient
    for (let c = 0; c < cols; c++) {
      const xc = x[c];
      g[r0 + c] += d0 * xc;
      g[r1 + c] += d1 * xc;
      g[r2 + c] += d2 * xc;
      g[r3 + c] += d3 * xc;
      dx[c] += d0 * w[r0 + c] + d1 * w[r1 + c] + d2 * w[r2 + c] + d3 * w[r3 + c];
    }
  }
  for (; r < rows; r++) {
    const row = r * cols;
    const d = dOut[r];
    if (d === 0) continue;
    for (let c = 0; c < cols; c++) {
      g[row + c] += d * x[c];
      dx[c] += d * w[row + c];
    }
  }
}

// @section fast-rmsnorm-back RMSNorm, backward
/** The backward of y = x * scale: dx += scale * dy - (scale³ / n) (dy · x) x. */
function rmsnormBack(dx: Float64Array, x: Float64Array, scale: number, dy: Float64Array): void {
  const n = x.length;
  let dyDotX = 0;
  for (let i = 0; i < n; i++) dyDotX += dy[i] * x[i];
  const c = (scale * scale * scale * dyDotX) / n;
  for (let i = 0; i < n; i++) dx[i] += scale * dy[i] - c * x[i];
}

// @section fast-loss-back The loss, backward: probabilities minus the answer
/** Gradient of the mean cross-entropy with respect to position t's logits: (p - onehot(target)) / n. */
function lossBack(run: FastRun, t: number, n: number): void {
  const probs = run.probs[t];
  const dLogits = run.dLogits;
  const target = run.tokens[t + 1];
  for (let i = 0; i < probs.length; i++) dLogits[i] = (probs[i] - (i === target ? 1 : 0)) / n;
  run.dx.fill(0);
  matvecBack(run.dx, run.lmHead, run.stream[run.config.nLayer][t], dLogits);
}

// @section fast-mlp-back The MLP, backward
/** From the gradient of layer li's output at position t (run.dx) to the gradient of its middle stream (run.dx again). */
function mlpBack(run: FastRun, li: number, t: number): void {
  const L = run.layers[li];
  const A = run.acts[li];
  const dHidden = run.dHidden;
  const hPre = A.hPre[t];
  dHidden.fill(0);
  matvecBack(dHidden, L.fc2, A.hAct[t], run.dx);
  for (let i = 0; i < dHidden.length; i++) if (!(hPre[i] > 0)) dHidden[i] = 0; // ReLU: gradient flows where it was on
  run.dNorm.fill(0);
  matvecBack(run.dNorm, L.fc1, A.xNorm2[t], dHidden);
  rmsnormBack(run.dx, A.xMid[t], A.scale2[t], run.dNorm); // += : the residual passes dx through unchanged
}

// @section fast-attn-back Attention, backward
/** From the gradient of layer li's middle stream at position t (run.dx) to the gradient of its input (run.dx again). */
function attentionBack(run: FastRun, li: number, t: number): void {
  const { nEmbd, nHead, blockSize } = run.config;
  const headDim = nEmbd / nHead;
  const L = run.layers[li];
  const A = run.acts[li];
  const dAttn = run.dAttn;
  const dq = run.dq;
  const dWeights = run.dWeights;
  const q = A.q[t];
  const att = A.att[t];
  dAttn.fill(0);
  matvecBack(dAttn, L.wo, A.xAttn[t], run.dx);
  dq.fill(0);
  for (let h = 0; h < nHead; h++) {
    const hs = h * headDim;
    const w0 = h * blockSize;
    // xAttn = Σ_s w_s v_s: each weight gets v_s · dAttn, each value gets w_s dAttn
    let weighted = 0;
    for (let s = 0; s <= t; s++) {
      const vs = A.v[s];
      const dVs = A.dV[s];
      const ws = att[w0 + s];
      let dw = 0;
      for (let j = hs; j < hs + headDim; j++) {
        dw += dAttn[j] * vs[j];
        dVs[j] += ws * dAttn[j];
      }
      dWeights[s] = dw;
      weighted += ws * dw;
    }
    // softmax: dlogit_s = w_s (dw_s - Σ_r w_r dw_r); logit_s = (q · k_s) * invScale
    for (let s = 0; s <= t; s++) {
      const dLogit = att[w0 + s] * (dWeights[s] - weighted) * run.invScale;
      const ks = A.k[s];
      const dKs = A.dK[s];
      for (let j = hs; j < hs + headDim; j++) {
        dq[j] += dLogit * ks[j];
        dKs[j] += dLogit * q[j];
      }
    }
  }
  // @section fast-qkv-back Queries, keys and values, backward
  // Later positions were walked first, so the gradients of this position's key and value are now complete.
  const dNorm = run.dNorm;
  const xNorm1 = A.xNorm1[t];
  dNorm.fill(0);
  matvecBack(dNorm, L.wq, xNorm1, dq);
  matvecBack(dNorm, L.wk, xNorm1, A.dK[t]);
  matvecBack(dNorm, L.wv, xNorm1, A.dV[t]);
  rmsnormBack(run.dx, run.stream[li][t], A.scale1[t], dNorm);
}

// @section fast-embed-back The embeddings, backward
/** From the gradient of the first residual stream at position t (run.dx) to the rows of wte and wpe it used. */
function embedBack(run: FastRun, t: number): void {
  const nEmbd = run.config.nEmbd;
  const dEmb = run.dNorm;
  dEmb.fill(0);
  rmsnormBack(dEmb, run.emb[t], run.scale0[t], run.dx);
  const tok = run.tokens[t] * nEmbd;
  const pos = t * nEmbd;
  const gTok = run.wte.g;
  const gPos = run.wpe.g;
  for (let i = 0; i < nEmbd; i++) {
    gTok[tok + i] += dEmb[i];
    gPos[pos + i] += dEmb[i];
  }
}

// @section fast-backward The whole backward pass, last position first
/** Zero every gradient, run forward over run.tokens[0..n], then backward position by position in reverse. */
function forwardBackward(run: FastRun, n: number): number {
  run.grads.fill(0);
  for (const A of run.acts) {
    for (let t = 0; t < n; t++) {
      A.dK[t].fill(0);
      A.dV[t].fill(0);
    }
  }
  const loss = forwardDocument(run, n);
  for (let t = n - 1; t >= 0; t--) {
    lossBack(run, t, n);
    for (let li = run.config.nLayer - 1; li >= 0; li--) {
      mlpBack(run, li, t);
      attentionBack(run, li, t);
    }
    embedBack(run, t);
  }
  return loss;
}

// @chapter Adam
// @section fast-adam Adam: one loop over one array
/** The same update as trainStep, parameter by parameter, in the same order and with the same arithmetic. */
function adam(run: FastRun): void {
  const { learningRate, beta1, beta2, epsAdam, numSteps } = run.config;
  const { params, grads, m, v } = run;
  const step = run.step;
  const lrT = learningRate * (1 - step / numSteps); // linear learning-rate decay
  const c1 = 1 - beta1 ** (step + 1);
  const c2 = 1 - beta2 ** (step + 1);
  const k1 = 1 - beta1;
  const k2 = 1 - beta2;
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    m[i] = beta1 * m[i] + k1 * g;
    v[i] = beta2 * v[i] + k2 * (g * g); // g ** 2 is exactly g * g
    const mHat = m[i] / c1;
    const vHat = v[i] / c2;
    params[i] -= (lrT * mHat) / (Math.sqrt(vHat) + epsAdam); // vHat ** 0.5 is exactly Math.sqrt(vHat)
  }
}

// @section fast-step One training step
/** Forward, backward and Adam on the next document, as trainStep does; returns the loss. */
export function fastTrainStep(run: FastRun): number {
  const n = loadTokens(run, run.step % run.docs.length);
  const loss = forwardBackward(run, n);
  adam(run);
  run.step += 1;
  return loss;
}

/** The loss of one document and the gradient of every parameter (run.grads, in model.params order), without updating. */
export function fastGradients(run: FastRun, doc: string): { loss: number; grads: Float64Array } {
  const ids = encode(run.tokenizer, doc);
  const n = Math.min(run.config.blockSize, ids.length + 1);
  run.tokens[0] = run.tokenizer.BOS;
  for (let i = 1; i <= n; i++) run.tokens[i] = i <= ids.length ? ids[i - 1] : run.tokenizer.BOS;
  return { loss: forwardBackward(run, n), grads: run.grads };
}

// @chapter Sampling
// @section fast-sample Sample a name, one token at a time
/** The same loop as sample(): logits times temperature ** -1, softmax, rng.choice, until BOS or blockSize. */
export function fastSample(run: FastRun, temperature = run.config.temperature): string {
  const { blockSize } = run.config;
  const { tokenizer, rng } = run;
  const inv = temperature ** -1; // Python's l / temperature is l * temperature ** -1
  const weights = run.choiceWeights;
  let tokenId = tokenizer.BOS;
  let out = '';
  for (let t = 0; t < blockSize; t++) {
    forwardPosition(run, tokenId, t);
    const logits = run.probs[t];
    for (let i = 0; i < logits.length; i++) logits[i] *= inv;
    softmaxInPlace(logits, 0, logits.length);
    for (let i = 0; i < logits.length; i++) weights[i] = logits[i];
    tokenId = rng.choice(weights);
    if (tokenId === tokenizer.BOS) break;
    out += tokenizer.uchars[tokenId];
  }
  return out;
}

// @section fast-inspect Looking inside: probabilities and attention
/**
 * Forward a sequence of at most blockSize tokens and report what gpt()'s Inspect reports: each position's
 * next-token probabilities, and attention[t * nLayer + li][h], head h's weights over positions 0..t.
 */
export function fastInspect(run: FastRun, tokenIds: readonly number[]): { probs: number[][]; attention: number[][][] } {
  const { nLayer, nHead, blockSize } = run.config;
  if (tokenIds.length > blockSize) throw new RangeError(`the model sees at most block_size (${blockSize}) tokens, got ${tokenIds.length}`);
  const probs: number[][] = [];
  const attention: number[][][] = [];
  tokenIds.forEach((tokenId, t) => {
    forwardPosition(run, tokenId, t);
    softmaxInPlace(run.probs[t], 0, run.probs[t].length);
    probs.push(Array.from(run.probs[t]));
    for (let li = 0; li < nLayer; li++) {
      const att = run.acts[li].att[t];
      attention.push(Array.from({ length: nHead }, (_, h) => Array.from(att.subarray(h * blockSize, h * blockSize + t + 1))));
    }
  });
  return { probs, attention };
}
