/** Figure: every parameter matrix of the default model drawn to scale, rows by columns, from a real initModel. */
import { freshRun } from './runs.ts';
import { esc, figure } from './svg.ts';

const CELL = 4; // pixels per row and per column

/** [name, rows, cols] of every matrix in the state dict, in its order. */
export function paramShapes(): [string, number, number][] {
  return Object.entries(freshRun().model.stateDict).map(([name, m]) => [name, m.length, m[0].length]);
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** One matrix: a rectangle of rows × cols cells with a light grid, its name and its count. */
function drawMatrix(name: string, rows: number, cols: number): string {
  const w = cols * CELL, h = rows * CELL;
  const pad = 1;
  let grid = '';
  for (let r = 1; r < rows; r++) grid += `M${pad},${pad + r * CELL}h${w}`;
  for (let c = 1; c < cols; c++) grid += `M${pad + c * CELL},${pad}v${h}`;
  const label = `${name}: ${rows} rows by ${cols} columns, ${fmt(rows * cols)} parameters`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w + 2 * pad} ${h + 2 * pad}" width="${w + 2 * pad}" height="${h + 2 * pad}" style="max-width:100%;height:auto;display:block" role="img" aria-label="${esc(label)}">`
    + `<rect x="${pad}" y="${pad}" width="${w}" height="${h}" fill="currentColor" fill-opacity="0.12" stroke="currentColor" stroke-width="1"/>`
    + `<path d="${grid}" stroke="currentColor" stroke-opacity="0.18" stroke-width="0.5" fill="none"/></svg>`;
  return `<div style="display:flex;flex-direction:column;gap:0.25rem;align-items:flex-start">`
    + `<code style="font-size:0.85em">${esc(name)}</code>${svg}`
    + `<span style="font-size:0.85em">${rows} × ${cols} = ${fmt(rows * cols)}</span></div>`;
}

/** The figure: the model's matrices in two groups, the ones outside the layers and those of each layer. */
export function drawParamShapes(): string {
  const shapes = paramShapes();
  const total = shapes.reduce((s, [, r, c]) => s + r * c, 0);
  const groups = new Map<string, [string, number, number][]>();
  for (const s of shapes) {
    const m = /^layer(\d+)\./.exec(s[0]);
    const key = m ? `layer ${m[1]}` : 'embeddings and output';
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const body = [...groups].map(([title, ms]) => {
    const count = ms.reduce((s, [, r, c]) => s + r * c, 0);
    return `<div style="margin-bottom:1rem"><p style="margin:0 0 0.5rem;font-weight:bold">${esc(title)}: ${fmt(count)} parameters</p>`
      + `<div style="display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end">${ms.map(([n, r, c]) => drawMatrix(n, r, c)).join('')}</div></div>`;
  }).join('');
  const rows = shapes.map(([n, r, c]) => `<tr><td><code>${esc(n)}</code></td><td>${r}</td><td>${c}</td><td>${fmt(r * c)}</td></tr>`).join('');
  const table = `<table><thead><tr><th scope="col">matrix</th><th scope="col">rows</th><th scope="col">columns</th><th scope="col">parameters</th></tr></thead>`
    + `<tbody>${rows}<tr><td>total</td><td></td><td></td><td>${fmt(total)}</td></tr></tbody></table>`;
  return figure('param-shapes', `<div>${body}</div>`,
    `Every matrix of the default model, one square per parameter, drawn from a real <code>initModel</code>: rows are outputs, columns are inputs. Total: ${fmt(total)} parameters.`,
    table);
}
