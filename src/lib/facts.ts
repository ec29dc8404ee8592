/** Figures quoted in the prose, computed from the real code and data at build time: `{{name}}` in Markdown. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDefaultRun } from './defaultRun.ts';
import { documentLoss, encode, gpt, loadDocs, softmax, type Value } from '../../microgpt/microgpt.ts';
import { freshRun, namesText, trainedRun } from '../figures/runs.ts';
import { autogradExample } from '../figures/graph.ts';

const thousands = (n: number) => n.toLocaleString('en-US');
const fixed = (x: number, digits: number) => x.toFixed(digits);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** A list in prose: "a, b and c". */
const list = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** Every node reachable from `root`, counted without recursion. */
function graphSize(root: Value): { nodes: Set<Value>; edges: number } {
  const nodes = new Set<Value>([root]);
  const stack = [root];
  let edges = 0;
  while (stack.length > 0) {
    const v = stack.pop()!;
    edges += v.children.length;
    for (const c of v.children) if (!nodes.has(c)) { nodes.add(c); stack.push(c); }
  }
  return { nodes, edges };
}

const MODEL_PATH = fileURLToPath(new URL('../../microgpt/microgpt.ts', import.meta.url));

let cached: Record<string, string> | undefined;

export function getFacts(): Record<string, string> {
  if (cached) return cached;
  const run = getDefaultRun();
  const c = run.config;
  const allDocs = loadDocs(namesText());
  const lengths = allDocs.map((d) => [...d].length);
  const longest = Math.max(...lengths);
  const shortest = Math.min(...lengths);

  // the fresh run: shuffled documents, tokenizer, initial weights
  const fresh = freshRun();
  const tok = fresh.tokenizer;
  const firstDoc = fresh.docs[0];
  const firstTokens = [tok.BOS, ...encode(tok, firstDoc), tok.BOS];
  const firstLoss = documentLoss(fresh, firstDoc);
  const graph = graphSize(firstLoss);
  const params = new Set(fresh.model.params);
  const reached = [...graph.nodes].filter((v) => params.has(v)).length;

  // the parameter count, matrix by matrix
  const size = (name: string) => {
    const m = run.matrices.find(([n]) => n === name);
    if (!m) throw new Error(`facts: no matrix ${name} in the default model`);
    return m[1] * m[2];
  };
  const layerTotal = run.matrices.filter(([n]) => n.startsWith('layer0.')).reduce((s, [, r, k]) => s + r * k, 0);

  // the trained model's first letter: the distribution after BOS
  const trained = trainedRun();
  const keys: Value[][][] = Array.from({ length: c.nLayer }, () => []);
  const values: Value[][][] = Array.from({ length: c.nLayer }, () => []);
  const afterBos = softmax(gpt(trained.model, tok.BOS, 0, keys, values)).map((p) => p.data);
  const topFirst = [...afterBos.keys()].sort((a, b) => afterBos[b] - afterBos[a]).slice(0, 3);

  const losses = run.losses;
  const known = new Set(allDocs);
  const newSamples = run.samples.filter((s) => !known.has(s));
  const ex = autogradExample();

  cached = {
    // the code
    sourceLines: String(readFileSync(MODEL_PATH, 'utf8').replace(/\n$/, '').split('\n').length),
    // data
    numDocs: thousands(run.numDocs),
    numDistinctDocs: thousands(new Set(allDocs).size),
    longestName: String(longest),
    longestNames: list(allDocs.filter((d) => [...d].length === longest).map((d) => `"${d}"`)),
    shortestName: String(shortest),
    meanNameLength: fixed(mean(lengths), 1),
    firstDocs: fresh.docs.slice(0, 5).map((d) => `"${d}"`).join(', '),
    firstDoc: firstDoc,
    firstDocTokens: firstTokens.join(', '),
    firstDocChar1: [...firstDoc][0],
    firstDocChar2: [...firstDoc][1] ?? 'BOS',
    firstDocPositions: String(firstTokens.length - 1),
    docsSeenPercent: `${fixed((100 * c.numSteps) / run.numDocs, 1)}%`,
    // tokenizer
    vocabSize: String(run.vocabSize),
    numChars: String(tok.uchars.length),
    charList: tok.uchars.join(''),
    bosId: String(tok.BOS),
    lastCharId: String(tok.uchars.length - 1),
    uniformProb: fixed(1 / run.vocabSize, 3),
    // config
    nLayer: String(c.nLayer),
    nEmbd: String(c.nEmbd),
    nHead: String(c.nHead),
    headDim: String(c.nEmbd / c.nHead),
    sqrtHeadDim: String(Math.sqrt(c.nEmbd / c.nHead)),
    mlpWidth: String(4 * c.nEmbd),
    blockSize: String(c.blockSize),
    numSteps: thousands(c.numSteps),
    learningRate: String(c.learningRate),
    lastLearningRate: String(Number((c.learningRate * (1 - (c.numSteps - 1) / c.numSteps)).toPrecision(6))),
    temperature: String(c.temperature),
    seed: String(c.seed),
    numSamples: String(c.numSamples),
    // parameters
    numParams: thousands(run.numParams),
    numMatrices: String(run.matrices.length),
    wteCount: thousands(size('wte')),
    wpeCount: thousands(size('wpe')),
    lmHeadCount: thousands(size('lm_head')),
    attnMatrixCount: thousands(size('layer0.attn_wq')),
    fc1Count: thousands(size('layer0.mlp_fc1')),
    fc2Count: thousands(size('layer0.mlp_fc2')),
    layerParams: thousands(layerTotal),
    outsideLayerParams: thousands(size('wte') + size('wpe') + size('lm_head')),
    // the graph of one document
    graphNodes: thousands(graph.nodes.size),
    graphEdges: thousands(graph.edges),
    paramsReached: thousands(reached),
    pythonDotNodes: String(2 * c.nEmbd + 1),
    // losses
    startLoss: fixed(-Math.log(1 / run.vocabSize), 2),
    startLoss4: fixed(-Math.log(1 / run.vocabSize), 4),
    firstLoss: fixed(losses[0], 4),
    finalLoss: fixed(losses[losses.length - 1], 4),
    meanFirst50: fixed(mean(losses.slice(0, 50)), 2),
    meanLast50: fixed(mean(losses.slice(-50)), 2),
    perplexityLast50: fixed(Math.exp(mean(losses.slice(-50))), 1),
    // the trained model
    topFirstLetters: list(topFirst.map((i) => `"${tok.uchars[i] ?? 'BOS'}" (${fixed(afterBos[i], 3)})`)),
    samples: run.samples.map((s) => `"${s}"`).join(', '),
    firstSamples: run.samples.slice(0, 3).join(', '),
    numNewSamples: String(newSamples.length),
    newSamples: list(newSamples.map((s) => `"${s}"`)),
    // the autograd figure's example
    exX: String(ex.x.data),
    exY: String(ex.y.data),
    exL: fixed(ex.L.data, 4),
    exGradX: String(ex.x.grad),
    exGradY: String(ex.y.grad),
    exGradQ: String(ex.q.grad),
  };
  return cached;
}
