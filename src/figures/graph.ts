/** Figure: the computation graph of a small expression, built with the real Value class, after backward. */
import { Value } from '../../microgpt/microgpt.ts';
import { esc, num, figure } from './svg.ts';

/** One node of the drawn graph: the real Value, its name and how it was computed. */
interface Node {
  value: Value;
  name: string;
  formula: string;
}

/** The example: L = log(x·y + x) at x = 2, y = 3, with x used twice so its gradient is a sum of two paths. */
export function autogradExample() {
  const x = new Value(2);
  const y = new Value(3);
  const p = x.mul(y);
  const q = p.add(x);
  const L = q.log();
  L.backward();
  const nodes: Node[] = [
    { value: x, name: 'x', formula: 'x' },
    { value: y, name: 'y', formula: 'y' },
    { value: p, name: 'p', formula: 'p = x.mul(y)' },
    { value: q, name: 'q', formula: 'q = p.add(x)' },
    { value: L, name: 'L', formula: 'L = q.log()' },
  ];
  return { x, y, p, q, L, nodes };
}

const W = 400;

/** A local derivative, as short as it can be: 3, 0.125, 0.333. */
const short = (x: number) => String(Number(x.toFixed(3))).replace('-', '\u2212');
const BOX_W = 124;
const BOX_H = 62;
const ROW = 118;
const TOP = 16;

/** Layers by longest path from a leaf; x positions: leaves spread evenly, each other node at the mean of its children. */
function layout(nodes: Node[]): Map<Value, { x: number; y: number; layer: number }> {
  const layer = new Map<Value, number>();
  const layerOf = (v: Value): number => {
    if (!layer.has(v)) layer.set(v, v.children.length === 0 ? 0 : 1 + Math.max(...v.children.map(layerOf)));
    return layer.get(v)!;
  };
  nodes.forEach((n) => layerOf(n.value));
  const pos = new Map<Value, { x: number; y: number; layer: number }>();
  const leaves = nodes.filter((n) => layer.get(n.value) === 0);
  leaves.forEach((n, i) => pos.set(n.value, { x: 80 + (i * (W - 160)) / Math.max(1, leaves.length - 1), y: TOP, layer: 0 }));
  const maxLayer = Math.max(...layer.values());
  for (let l = 1; l <= maxLayer; l++) {
    for (const n of nodes.filter((m) => layer.get(m.value) === l)) {
      const xs = n.value.children.map((c) => pos.get(c)!.x);
      pos.set(n.value, { x: xs.reduce((a, b) => a + b, 0) / xs.length, y: TOP + l * ROW, layer: l });
    }
  }
  return pos;
}

/** The SVG of the example graph with data and grad on every node and the local derivative on every edge. */
export function drawAutogradGraph(): string {
  const { nodes, L } = autogradExample();
  const pos = layout(nodes);
  const name = new Map(nodes.map((n) => [n.value, n.name]));
  const height = Math.max(...[...pos.values()].map((p) => p.y)) + BOX_H + TOP;
  const parts: string[] = [];
  parts.push(`<defs><marker id="mg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>`);
  for (const n of nodes) {
    const to = pos.get(n.value)!;
    n.value.children.forEach((child, i) => {
      const from = pos.get(child)!;
      const x1 = from.x, y1 = from.y + BOX_H, x2 = to.x, y2 = to.y - 2;
      parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="currentColor" stroke-opacity="0.6" stroke-width="1.5" marker-end="url(#mg-arrow)"/>`);
      const f = 0.3; // the label sits near the child, where the edges leaving a node are still apart
      const mx = x1 + f * (x2 - x1), my = y1 + f * (y2 - y1);
      const right = x2 >= x1;
      parts.push(`<text x="${mx + (right ? 7 : -7)}" y="${my + 4}" font-size="12" text-anchor="${right ? 'start' : 'end'}" fill="currentColor">∂${esc(name.get(n.value)!)}/∂${esc(name.get(child)!)} = ${short(n.value.localGrads[i])}</text>`);
    });
  }
  for (const n of nodes) {
    const { x, y } = pos.get(n.value)!;
    parts.push(`<g><rect x="${x - BOX_W / 2}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="currentColor" fill-opacity="0.06" stroke="currentColor" stroke-width="${n.value === L ? 2 : 1}"/>`
      + `<text x="${x}" y="${y + 18}" font-size="13" font-weight="bold" text-anchor="middle" fill="currentColor" font-family="var(--mg-code-font, ui-monospace, monospace)">${esc(n.formula)}</text>`
      + `<text x="${x}" y="${y + 36}" font-size="13" text-anchor="middle" fill="currentColor">data ${num(n.value.data)}</text>`
      + `<text x="${x}" y="${y + 53}" font-size="13" text-anchor="middle" fill="currentColor">grad ${num(n.value.grad)}</text></g>`);
  }
  const label = `Computation graph of L = log(x·y + x) at x = ${num(nodes[0].value.data, 0)}, y = ${num(nodes[1].value.data, 0)}, after L.backward(): `
    + nodes.map((n) => `${n.name} has data ${num(n.value.data)} and grad ${num(n.value.grad)}`).join('; ');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" style="max-width:100%;height:auto;display:block;margin:0 auto;color:inherit" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>${parts.join('')}</svg>`;
  const rows = nodes.map((n) => `<tr><td><code>${esc(n.formula)}</code></td><td>${num(n.value.data)}</td><td>${num(n.value.grad)}</td></tr>`).join('');
  const table = `<table><thead><tr><th scope="col">node</th><th scope="col">data</th><th scope="col">grad</th></tr></thead><tbody>${rows}</tbody></table>`;
  return figure('autograd-graph', svg,
    'The graph of <code>L = log(x·y + x)</code>, built with the real <code>Value</code> class at build time. Arrows run from a child to the node computed from it; each edge carries its local derivative, each node its <code>data</code> and, after <code>L.backward()</code>, its <code>grad</code>. <code>x</code> feeds two nodes, so its gradient is the sum of two paths.',
    table);
}
