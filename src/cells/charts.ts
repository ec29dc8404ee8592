/** The cells' charts as element trees: the same drawing at build time (recorded run) and live in the page. */
import { h, type VNode } from './vnode.ts';
import type { GraphNode } from './protocol.ts';

const fmt = (x: number, digits = 2) => (Number.isInteger(x) ? String(x) : x.toFixed(digits));

/** A "nice" step for about `count` ticks over `span`. */
function tickStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
}

function ticks(lo: number, hi: number, count: number): number[] {
  const step = tickStep(hi - lo, count);
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)) + 0); // + 0: no "-0"
  return out;
}

/** The trailing moving average of `xs` over `window` values. */
export function movingAverage(xs: number[], window: number): number[] {
  const out: number[] = [];
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    total += xs[i];
    if (i >= window) total -= xs[i - window];
    out.push(total / Math.min(i + 1, window));
  }
  return out;
}

export interface LossChartData {
  losses: number[];
  numSteps: number;
  vocabSize: number;
  /** Drawing width in CSS pixels (the page passes its container's, so text keeps its size). */
  width?: number;
}

/** The loss chart's geometry: fixed while the width, the steps and the loss range stay the same. */
export interface LossScale {
  W: number;
  H: number;
  L: number;
  R: number;
  T: number;
  B: number;
  top: number;
  numSteps: number;
  vocabSize: number;
  window: number;
  /** Equal keys mean the axes are the same drawing: only the curves need updating. */
  key: string;
}

export function lossScale({ losses, numSteps, vocabSize, width = 640 }: LossChartData): LossScale {
  const W = Math.max(280, Math.round(width)), H = 240, L = 40, R = 14, T = 12, B = 34;
  let top = Math.log(vocabSize);
  for (const x of losses) if (Number.isFinite(x) && x > top) top = x;
  top = Math.ceil(top * 1.08 * 2) / 2;
  const window = Math.max(1, Math.min(100, Math.round(numSteps / 20)));
  return { W, H, L, R, T, B, top, numSteps, vocabSize, window, key: `${W} ${top} ${numSteps} ${vocabSize}` };
}

/** The two curves' `d` attributes: each step's loss, and its moving average; at most one point per pixel. */
export function lossPaths(scale: LossScale, losses: number[]): { raw: string; avg: string } {
  const { W, H, L, R, T, B, top, numSteps } = scale;
  const sx = (step: number) => L + ((W - L - R) * step) / Math.max(1, numSteps);
  const sy = (loss: number) => T + (H - T - B) * (1 - Math.min(loss, top) / top);
  const path = (ys: number[]) => {
    const n = ys.length;
    const perPixel = Math.max(1, Math.floor(n / (W - L - R)));
    let d = '';
    let gap = true; // a diverged run's NaN losses leave a gap; an infinite one is drawn at the top
    for (let i = 0; i < n; i += perPixel) {
      let y = 0;
      const end = Math.min(n, i + perPixel);
      for (let j = i; j < end; j++) y += ys[j];
      if (Number.isNaN(y)) {
        gap = true;
        continue;
      }
      d += `${gap ? 'M' : 'L'}${sx(i + 1).toFixed(1)} ${sy(y / (end - i)).toFixed(1)}`;
      gap = false;
    }
    return d;
  };
  return { raw: path(losses), avg: path(movingAverage(losses, scale.window)) };
}

/** The loss curve: every step's loss, its moving average, and the −ln(1/vocab) line of uniform guessing. */
export function lossChart(data: LossChartData): VNode {
  const scale = lossScale(data);
  const { W, H, L, R, T, B, top, numSteps, vocabSize, window } = scale;
  const { losses } = data;
  const baseline = Math.log(vocabSize);
  const sx = (step: number) => L + ((W - L - R) * step) / Math.max(1, numSteps);
  const sy = (loss: number) => T + (H - T - B) * (1 - Math.min(loss, top) / top);
  const { raw, avg } = lossPaths(scale, losses);
  const xt = ticks(0, numSteps, W < 480 ? 3 : 5);
  const yt = ticks(0, top, 5);
  return h('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'chart loss-chart', role: 'img', 'aria-label': `Loss per step, ${losses.length} of ${numSteps} steps`, 'data-points': losses.length },
    yt.map((t) => h('g', { class: 'tick' }, h('line', { x1: L, x2: W - R, y1: sy(t), y2: sy(t), class: 'grid' }), h('text', { x: L - 6, y: sy(t) + 4, 'text-anchor': 'end' }, fmt(t, 1)))),
    xt.map((t) => h('text', { class: 'tick', x: sx(t), y: H - B + 16, 'text-anchor': sx(t) > W - R - 20 ? 'end' : 'middle' }, String(t))),
    h('text', { class: 'axis-label', x: W - R, y: H - 4, 'text-anchor': 'end' }, 'step'),
    h('text', { class: 'axis-label', x: 4, y: T + 4, 'dominant-baseline': 'hanging' }, 'loss'),
    h('line', { class: 'baseline', x1: L, x2: W - R, y1: sy(baseline), y2: sy(baseline) }),
    h('text', { class: 'baseline-label', x: W - R - 4, y: sy(baseline) - 5, 'text-anchor': 'end' }, W < 480 ? `−ln(1/${vocabSize}) = ${baseline.toFixed(2)}` : `−ln(1/${vocabSize}) = ${baseline.toFixed(2)}: guessing uniformly`),
    h('path', { class: 'loss-raw', d: raw }),
    h('path', { class: 'loss-avg', d: avg }),
    h('text', { class: 'legend', x: L + 8, y: H - B - 8 }, W < 480 ? `thick: mean of last ${window}` : `thin: each step's loss · thick: mean of the last ${window}`),
  );
}

/** Bins for a histogram: one per integer for small whole numbers, otherwise `count` equal bins. */
export function bin(values: number[], count = 40, range?: [number, number]): { x0: number; x1: number; count: number }[] {
  let lo = Infinity, hi = -Infinity, whole = true;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  if (values.length === 0) return [];
  if (range) [lo, hi] = [Math.min(lo, range[0]), Math.max(hi, range[1])];
  const integers = whole && hi - lo <= 80;
  const width = integers ? 1 : (hi - lo) / count || 1;
  const start = integers ? lo - 0.5 : lo;
  const n = integers ? hi - lo + 1 : count;
  const bins = Array.from({ length: n }, (_, i) => ({ x0: start + i * width, x1: start + (i + 1) * width, count: 0 }));
  for (const v of values) bins[Math.min(n - 1, Math.floor((v - start) / width))].count++;
  return bins;
}

/** A histogram of values, with the density of a normal distribution drawn over it if given. */
export function histogram(values: number[], xLabel: string, normal?: { mean: number; std: number }): VNode {
  const W = 460, H = 200, L = 44, R = 12, T = 12, B = 36;
  const bins = bin(values, 48, normal ? [normal.mean - 4 * normal.std, normal.mean + 4 * normal.std] : undefined);
  if (bins.length === 0) return h('p', {}, 'No values.');
  const lo = bins[0].x0, hi = bins[bins.length - 1].x1;
  const density = (x: number) => normal ? (values.length * (bins[0].x1 - bins[0].x0) * Math.exp(-(((x - normal.mean) / normal.std) ** 2) / 2)) / (normal.std * Math.sqrt(2 * Math.PI)) : 0;
  const topCount = Math.max(...bins.map((b) => b.count), normal ? density(normal.mean) : 0) * 1.05;
  const sx = (x: number) => L + ((W - L - R) * (x - lo)) / (hi - lo);
  const sy = (c: number) => T + (H - T - B) * (1 - c / topCount);
  const curve = normal ? Array.from({ length: 121 }, (_, i) => lo + ((hi - lo) * i) / 120).map((x, i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)} ${sy(density(x)).toFixed(1)}`).join('') : '';
  const integers = bins[0].x1 - bins[0].x0 === 1 && Number.isInteger(bins[0].x0 + 0.5);
  const xt = integers ? ticks(lo + 0.5, hi - 0.5, 8).filter(Number.isInteger) : ticks(lo, hi, 6);
  return h('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart histogram', role: 'img', 'aria-label': `Histogram of ${values.length} values by ${xLabel}` },
    ticks(0, topCount, 4).map((t) => h('g', { class: 'tick' }, h('line', { class: 'grid', x1: L, x2: W - R, y1: sy(t), y2: sy(t) }), h('text', { x: L - 6, y: sy(t) + 4, 'text-anchor': 'end' }, String(t)))),
    bins.map((b) => h('rect', { class: 'bar', x: sx(b.x0) + 0.5, width: Math.max(0.5, sx(b.x1) - sx(b.x0) - 1), y: sy(b.count), height: sy(0) - sy(b.count) }, h('title', {}, `${integers ? b.x0 + 0.5 : `${fmt(b.x0, 3)} to ${fmt(b.x1, 3)}`}: ${b.count}`))),
    normal && h('path', { class: 'density', d: curve }),
    xt.map((t) => h('text', { class: 'tick', x: sx(t), y: H - B + 16, 'text-anchor': sx(t) > W - R - 16 ? 'end' : 'middle' }, fmt(t, 2))),
    h('text', { class: 'axis-label', x: W - R, y: H - 4, 'text-anchor': 'end' }, xLabel),
  );
}

/** Attention weights: a lower-triangular grid, row = the position looking, column = the position looked at. */
export function heatmap(rowLabels: string[], colLabels: string[], values: number[][]): VNode {
  const cell = 22, L = 44, T = 36;
  const W = L + cell * colLabels.length + 4, H = T + cell * rowLabels.length + 4;
  return h('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'chart heatmap', role: 'img', 'aria-label': 'Attention weights' },
    colLabels.map((label, j) => h('text', { class: 'tick', x: L + cell * j + cell / 2, y: T - 8, 'text-anchor': 'middle' }, label)),
    rowLabels.map((label, i) => h('text', { class: 'tick', x: L - 6, y: T + cell * i + cell / 2 + 4, 'text-anchor': 'end' }, label)),
    values.flatMap((row, i) => row.map((w, j) => h('rect', { class: 'heat', x: L + cell * j, y: T + cell * i, width: cell - 1, height: cell - 1, 'fill-opacity': (0.06 + 0.94 * w).toFixed(3) },
      h('title', {}, `${rowLabels[i]} → ${colLabels[j]}: ${w.toFixed(3)}`)))),
  );
}

/** An expression graph, top to bottom: each node one row above the node it feeds, the result at the bottom. */
export function graph(nodes: GraphNode[], edges: [number, number][]): VNode {
  // A node's row: its longest distance from the root (the node nothing is computed from).
  const root = nodes.findIndex((_, i) => !edges.some(([from]) => from === i));
  const dist: number[] = nodes.map((_, i) => (i === root ? 0 : -1));
  for (let changed = true, guard = 0; changed && guard <= nodes.length; guard++) {
    changed = false;
    for (const [from, to] of edges) if (dist[to] >= 0 && dist[from] < dist[to] + 1) { dist[from] = dist[to] + 1; changed = true; }
  }
  const depth = Math.max(...dist);
  const rows: number[][] = Array.from({ length: depth + 1 }, () => []);
  nodes.forEach((_, i) => rows[depth - Math.max(0, dist[i])].push(i));
  const bw = 124, bh = 52, gx = 14, gy = 22;
  const widest = Math.max(...rows.map((r) => r.length));
  const W = widest * (bw + gx) - gx + 8, H = rows.length * (bh + gy) - gy + 8;
  const pos = nodes.map(() => ({ x: 0, y: 0 }));
  rows.forEach((row, r) => row.forEach((i, k) => (pos[i] = { x: 4 + (W - 8 - (row.length * (bw + gx) - gx)) / 2 + k * (bw + gx), y: 4 + r * (bh + gy) })));
  const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(4));
  return h('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'chart graph', role: 'img', 'aria-label': `Expression graph of ${nodes.length} nodes` },
    edges.map(([from, to], e) => {
      const twin = edges.findIndex(([f, t]) => f === from && t === to) !== e ? 12 : 0; // the second edge of f·f
      const a = { x: pos[from].x + bw / 2 + twin, y: pos[from].y + bh }, b = { x: pos[to].x + bw / 2 + twin, y: pos[to].y };
      return h('path', { class: 'edge', d: `M${a.x} ${a.y}C${a.x} ${a.y + gy / 2} ${b.x} ${b.y - gy / 2} ${b.x} ${b.y}` });
    }),
    nodes.map((n, i) => h('g', { class: 'node', transform: `translate(${pos[i].x} ${pos[i].y})` },
      h('rect', { width: bw, height: bh, rx: 6 }),
      h('text', { class: 'node-label', x: bw / 2, y: 16, 'text-anchor': 'middle' }, n.label),
      h('text', { class: 'node-data', x: bw / 2, y: 31, 'text-anchor': 'middle' }, `data ${num(n.data)}`),
      h('text', { class: 'node-grad', x: bw / 2, y: 45, 'text-anchor': 'middle' }, `grad ${num(n.grad)}`))),
  );
}

/** One probability as a labelled horizontal bar; the real next token is marked. */
export function bar(label: string, p: number, actual: boolean): VNode {
  return h('li', { class: actual ? 'bar actual' : 'bar' },
    h('span', { class: 'bar-label' }, label),
    h('span', { class: 'bar-track' }, h('span', { class: 'bar-fill', style: `width:${(100 * p).toFixed(1)}%` })),
    h('span', { class: 'bar-value' }, `${(100 * p).toFixed(1)}%${actual ? ' ✓' : ''}`));
}
