// @chapter Dataset
// @section preamble One file, the whole algorithm
// The most atomic way to train and run a GPT, in dependency-free TypeScript.
// A port of Andrej Karpathy's microgpt.py: this file is the complete algorithm.
// Everything else is just efficiency.

import { Random } from './random.ts';

// @section config The knobs, with the original's defaults
export interface Config {
  nLayer: number;       // depth of the transformer (number of layers)
  nEmbd: number;        // width of the network (embedding dimension)
  blockSize: number;    // maximum context length of the attention window
  nHead: number;        // number of attention heads
  learningRate: number; // Adam's step size, decayed linearly to zero
  beta1: number;        // Adam's decay rate for the mean of the gradients
  beta2: number;        // Adam's decay rate for the mean of the squared gradients
  epsAdam: number;      // keeps Adam's division away from zero
  numSteps: number;     // number of training steps, one document each
  temperature: number;  // in (0, 1]: the "creativity" of sampling, low to high
  seed: number;         // let there be order among chaos
  numSamples: number;   // how many names to hallucinate at the end
}

export const defaults: Config = {
  nLayer: 1, nEmbd: 16, blockSize: 16, nHead: 4,
  learningRate: 0.01, beta1: 0.85, beta2: 0.99, epsAdam: 1e-8,
  numSteps: 1000, temperature: 0.5, seed: 42, numSamples: 20,
};

// @section dataset-docs Documents, one per line
const WHITESPACE = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

export function loadDocs(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n'); // universal newlines, as Python reads a file
  return lines.map((line) => line.replace(WHITESPACE, '')).filter((line) => line !== '');
}

// @section dataset-shuffle Shuffled by the seeded generator
export function shuffledDocs(text: string, rng: Random): string[] {
  const docs = loadDocs(text);
  rng.shuffle(docs);
  return docs;
}

// @chapter Tokenizer
// @section tokenizer-vocab Every distinct character is a token
export interface Tokenizer {
  uchars: string[];           // unique characters in the dataset become token ids 0..n-1
  BOS: number;                // token id of the special Beginning of Sequence token
  vocabSize: number;          // total number of unique tokens, +1 is for BOS
  ids: Map<string, number>;   // character -> token id, the inverse of uchars
}

export function makeTokenizer(docs: string[]): Tokenizer {
  const chars = new Set<string>();
  for (const doc of docs) for (const ch of doc) chars.add(ch); // for..of walks code points, not UTF-16 units
  const uchars = [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  const ids = new Map(uchars.map((ch, id) => [ch, id]));
  return { uchars, BOS: uchars.length, vocabSize: uchars.length + 1, ids };
}

// @section tokenizer-encode Text to ids and back
export function encode(tok: Tokenizer, doc: string): number[] {
  return [...doc].map((ch) => {
    const id = tok.ids.get(ch);
    if (id === undefined) throw new RangeError(`the character ${JSON.stringify(ch)} is not in the vocabulary`);
    return id;
  });
}

export function decode(tok: Tokenizer, ids: number[]): string {
  return ids.filter((id) => id !== tok.BOS).map((id) => tok.uchars[id]).join('');
}

// @chapter Autograd
// @section autograd-value A number that remembers where it came from
export class Value {
  data: number;          // scalar value of this node, calculated in the forward pass
  grad = 0;              // derivative of the loss with respect to this node, from the backward pass
  children: Value[];     // the nodes this one was computed from
  localGrads: number[];  // derivative of this node with respect to each child
  visited = 0;           // the last backward pass that reached this node (see backward)

  constructor(data: number, children: Value[] = [], localGrads: number[] = []) {
    this.data = data;
    this.children = children;
    this.localGrads = localGrads;
  }

  // @section autograd-ops Each operation and its local derivative
  add(other: Value | number): Value {
    const o = other instanceof Value ? other : new Value(other);
    return new Value(this.data + o.data, [this, o], [1, 1]);
  }

  mul(other: Value | number): Value {
    const o = other instanceof Value ? other : new Value(other);
    return new Value(this.data * o.data, [this, o], [o.data, this.data]);
  }

  pow(k: number): Value { return new Value(this.data ** k, [this], [k * this.data ** (k - 1)]); }
  log(): Value { return new Value(Math.log(this.data), [this], [1 / this.data]); }
  exp(): Value { return new Value(Math.exp(this.data), [this], [Math.exp(this.data)]); }
  relu(): Value { return new Value(this.data > 0 ? this.data : 0, [this], [this.data > 0 ? 1 : 0]); }

  // @section autograd-derived Subtraction, negation and division, from the above
  neg(): Value { return this.mul(-1); }
  sub(other: Value | number): Value { return this.add(other instanceof Value ? other.neg() : -other); }
  div(other: Value | number): Value { return this.mul(other instanceof Value ? other.pow(-1) : other ** -1); }

  // @section autograd-topo Order the graph: every node after the nodes it was computed from
  backward(): void {
    const pass = ++Value.passes;
    const topo: Value[] = [];
    const stack: Value[] = [this];
    const next: number[] = [0]; // which child of stack[i] to visit next
    this.visited = pass;
    while (stack.length > 0) {
      const v = stack[stack.length - 1];
      const i = next[next.length - 1]++;
      if (i < v.children.length) {
        const child = v.children[i];
        if (child.visited !== pass) {
          child.visited = pass;
          stack.push(child);
          next.push(0);
        }
      } else {
        topo.push(v); // all of v's children are already in topo
        stack.pop();
        next.pop();
      }
    }

    // @section autograd-backward Walk it backward, applying the chain rule
    this.grad = 1;
    for (let t = topo.length - 1; t >= 0; t--) {
      const v = topo[t];
      for (let i = v.children.length - 1; i >= 0; i--) {
        v.children[i].grad += v.localGrads[i] * v.grad;
      }
    }
  }

  static passes = 0; // how many backward passes have run, to stamp visited nodes
}

// @section autograd-sum Sums and dot products as single nodes
export function sum(xs: Value[]): Value {
  let total = 0;
  for (const x of xs) total += x.data;
  return new Value(total, xs, xs.map(() => 1));
}

export function dot(a: Value[], b: Value[]): Value {
  let total = 0;
  const children: Value[] = [];
  const localGrads: number[] = [];
  for (let i = 0; i < a.length; i++) {
    total += a[i].data * b[i].data;
    children.push(a[i], b[i]);
    localGrads.push(b[i].data, a[i].data);
  }
  return new Value(total, children, localGrads);
}

// @chapter Parameters
// @section params-matrix A matrix of Gaussian random numbers
export type Matrix = Value[][];

function matrix(rng: Random, nout: number, nin: number, std = 0.08): Matrix {
  return Array.from({ length: nout }, () => Array.from({ length: nin }, () => new Value(rng.gauss(0, std))));
}

// @section params-state The state dict: every weight, by name
export interface Model {
  config: Config;
  vocabSize: number;
  stateDict: Record<string, Matrix>;
  params: Value[];
}

export function initModel(config: Config, vocabSize: number, rng: Random): Model {
  const { nEmbd, nLayer, blockSize } = config;
  const stateDict: Record<string, Matrix> = {
    wte: matrix(rng, vocabSize, nEmbd),     // token embeddings
    wpe: matrix(rng, blockSize, nEmbd),     // position embeddings
    lm_head: matrix(rng, vocabSize, nEmbd), // from the last hidden state to logits
  };
  for (let i = 0; i < nLayer; i++) {
    stateDict[`layer${i}.attn_wq`] = matrix(rng, nEmbd, nEmbd);
    stateDict[`layer${i}.attn_wk`] = matrix(rng, nEmbd, nEmbd);
    stateDict[`layer${i}.attn_wv`] = matrix(rng, nEmbd, nEmbd);
    stateDict[`layer${i}.attn_wo`] = matrix(rng, nEmbd, nEmbd);
    stateDict[`layer${i}.mlp_fc1`] = matrix(rng, 4 * nEmbd, nEmbd);
    stateDict[`layer${i}.mlp_fc2`] = matrix(rng, nEmbd, 4 * nEmbd);
  }
  // @section params-flat One flat list for the optimizer
  const params = Object.values(stateDict).flat(2);
  return { config, vocabSize, stateDict, params };
}

// @chapter Model
// @section model-linear Linear: a dot product per output
export function linear(x: Value[], w: Matrix): Value[] {
  return w.map((row) => dot(row, x));
}

// @section model-softmax Softmax: scores into probabilities
export function softmax(logits: Value[]): Value[] {
  const maxVal = Math.max(...logits.map((v) => v.data));
  const exps = logits.map((v) => v.sub(maxVal).exp());
  const total = sum(exps);
  return exps.map((e) => e.div(total));
}

// @section model-rmsnorm RMSNorm: rescale to unit root-mean-square
export function rmsnorm(x: Value[]): Value[] {
  const ms = dot(x, x).div(x.length);
  const scale = ms.add(1e-5).pow(-0.5);
  return x.map((xi) => xi.mul(scale));
}

// @section model-embed The input: token embedding plus position embedding
/** What a forward pass can report besides logits: attention weights[layer][head][t]. */
export interface Inspect {
  attention: number[][][];
}

export function gpt(model: Model, tokenId: number, posId: number, keys: Value[][][], values: Value[][][], inspect?: Inspect): Value[] {
  const { nLayer, nHead, nEmbd } = model.config;
  const headDim = nEmbd / nHead;
  const sd = model.stateDict;
  const tokEmb = sd.wte[tokenId]; // token embedding
  const posEmb = sd.wpe[posId];   // position embedding
  let x = tokEmb.map((t, i) => t.add(posEmb[i])); // joint token and position embedding
  x = rmsnorm(x); // not redundant: the residual connections below carry this x all the way up

  for (let li = 0; li < nLayer; li++) {
    // @section model-qkv Attention: queries, keys and values
    let xResidual = x;
    x = rmsnorm(x);
    const q = linear(x, sd[`layer${li}.attn_wq`]);
    const k = linear(x, sd[`layer${li}.attn_wk`]);
    const v = linear(x, sd[`layer${li}.attn_wv`]);
    keys[li].push(k);   // the cache only grows: a position sees itself and the past
    values[li].push(v);

    // @section model-heads Attention: each head looks back over the sequence
    const xAttn: Value[] = [];
    const layerWeights: number[][] = [];
    for (let h = 0; h < nHead; h++) {
      const hs = h * headDim;
      const qh = q.slice(hs, hs + headDim);
      const kh = keys[li].map((ki) => ki.slice(hs, hs + headDim));
      const vh = values[li].map((vi) => vi.slice(hs, hs + headDim));
      const attnLogits = kh.map((kt) => dot(qh, kt).div(headDim ** 0.5));
      const attnWeights = softmax(attnLogits);
      for (let j = 0; j < headDim; j++) xAttn.push(dot(attnWeights, vh.map((vt) => vt[j])));
      layerWeights.push(attnWeights.map((w) => w.data));
    }
    inspect?.attention.push(layerWeights);

    // @section model-attn-out Attention: mix the heads, add back the residual
    x = linear(xAttn, sd[`layer${li}.attn_wo`]);
    x = x.map((a, i) => a.add(xResidual[i]));

    // @section model-mlp The MLP: expand, ReLU, project back
    xResidual = x;
    x = rmsnorm(x);
    x = linear(x, sd[`layer${li}.mlp_fc1`]);
    x = x.map((xi) => xi.relu());
    x = linear(x, sd[`layer${li}.mlp_fc2`]);
    x = x.map((a, i) => a.add(xResidual[i]));
  }

  // @section model-logits Logits: a score for every possible next token
  return linear(x, sd.lm_head);
}

// @chapter Training
// @section train-state A run: the data, the model and Adam's buffers
export interface Run {
  config: Config;
  rng: Random;
  docs: string[];
  tokenizer: Tokenizer;
  model: Model;
  m: Float64Array; // Adam's first moment buffer: a running mean of each gradient
  v: Float64Array; // Adam's second moment buffer: a running mean of each squared gradient
  step: number;    // training steps taken so far
}

export function createRun(text: string, config: Config = defaults): Run {
  const rng = new Random(config.seed);
  const docs = shuffledDocs(text, rng);
  if (docs.length === 0) throw new RangeError('the text holds no documents: every line is empty');
  const tokenizer = makeTokenizer(docs);
  const model = initModel(config, tokenizer.vocabSize, rng);
  const m = new Float64Array(model.params.length);
  const v = new Float64Array(model.params.length);
  return { config, rng, docs, tokenizer, model, m, v, step: 0 };
}

// @section train-forward Forward one document to its loss
export function documentLoss(run: Run, doc: string): Value {
  const { model, tokenizer } = run;
  const { nLayer, blockSize } = run.config;
  const tokens = [tokenizer.BOS, ...encode(tokenizer, doc), tokenizer.BOS];
  const n = Math.min(blockSize, tokens.length - 1);
  const keys: Value[][][] = Array.from({ length: nLayer }, () => []);
  const values: Value[][][] = Array.from({ length: nLayer }, () => []);
  const losses: Value[] = [];
  for (let posId = 0; posId < n; posId++) {
    const logits = gpt(model, tokens[posId], posId, keys, values);
    const probs = softmax(logits);
    losses.push(probs[tokens[posId + 1]].log().neg()); // cross-entropy: -log p(correct next token)
  }
  return sum(losses).mul(1 / n); // the average over the document. May yours be low.
}

// @section train-step One step: forward, backward, Adam
export function trainStep(run: Run): number {
  const { config, model, m, v } = run;
  const { learningRate, beta1, beta2, epsAdam, numSteps } = config;
  const step = run.step;
  const loss = documentLoss(run, run.docs[step % run.docs.length]);
  loss.backward();

  // @section train-adam Adam: a step for every parameter
  const lrT = learningRate * (1 - step / numSteps); // linear learning-rate decay
  model.params.forEach((p, i) => {
    m[i] = beta1 * m[i] + (1 - beta1) * p.grad;
    v[i] = beta2 * v[i] + (1 - beta2) * p.grad ** 2;
    const mHat = m[i] / (1 - beta1 ** (step + 1));
    const vHat = v[i] / (1 - beta2 ** (step + 1));
    p.data -= lrT * mHat / (vHat ** 0.5 + epsAdam);
    p.grad = 0;
  });
  run.step = step + 1;
  return loss.data;
}

// @chapter Inference
// @section sample-name Sample a name, one token at a time
export function sample(run: Run, temperature = run.config.temperature): string {
  const { model, tokenizer, rng } = run;
  const { nLayer, blockSize } = run.config;
  const keys: Value[][][] = Array.from({ length: nLayer }, () => []);
  const values: Value[][][] = Array.from({ length: nLayer }, () => []);
  let tokenId = tokenizer.BOS;
  const out: string[] = [];
  for (let posId = 0; posId < blockSize; posId++) {
    const logits = gpt(model, tokenId, posId, keys, values);
    const probs = softmax(logits.map((l) => l.div(temperature)));
    tokenId = rng.choice(probs.map((p) => p.data));
    if (tokenId === tokenizer.BOS) break;
    out.push(tokenizer.uchars[tokenId]);
  }
  return out.join('');
}
