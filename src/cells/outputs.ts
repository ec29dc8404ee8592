/** How each kind of cell output looks: an element tree, the same at build time and in the page. */
import { bar, graph, heatmap, histogram } from './charts.ts';
import type { Output } from './protocol.ts';
import { h, type VNode } from './vnode.ts';
import { thousands } from './format.ts';

/** A character made visible: spaces, tabs and other invisibles get a printable stand-in. */
export function visible(ch: string): string {
  if (ch === ' ') return '␣';
  if (ch === '\t') return '⇥';
  return /^\p{C}|^\p{Z}/u.test(ch) ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : ch;
}

const figure = (caption: string, ...body: (VNode | VNode[])[]) => h('figure', { class: 'cell-figure' }, h('figcaption', {}, caption), ...body);

export function renderOutput(output: Output): VNode {
  switch (output.kind) {
    case 'text':
      return h('p', { class: 'cell-text' }, output.text);
    case 'table':
      return h('div', { class: 'cell-table-wrap', tabindex: 0, role: 'group', 'aria-label': output.caption }, h('table', { class: 'cell-table' },
        h('caption', {}, output.caption),
        h('thead', {}, h('tr', {}, output.columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, output.rows.map((row) => h('tr', {}, row.map((v) => h('td', { class: typeof v === 'number' ? 'num' : undefined }, typeof v === 'number' ? thousands(v) : v)))))));
    case 'list':
      return figure(output.caption, h('ol', { class: 'cell-list' }, output.items.map((item) => h('li', {}, item))));
    case 'tokens':
      return figure(output.caption, h('ol', { class: 'cell-tokens' }, output.tokens.map((t) => h('li', { class: t.id === null ? 'unknown' : undefined, title: t.id === null ? 'not in the vocabulary' : undefined },
        h('span', { class: 'tok-text' }, t.text === 'BOS' && t.id !== null ? 'BOS' : visible(t.text)),
        h('span', { class: 'tok-id' }, t.id === null ? '?' : String(t.id))))));
    case 'histogram':
      return figure(output.caption, histogram(output.values, output.xLabel, output.normal));
    case 'bars':
      return figure(output.caption, h('div', { class: 'cell-bars' }, output.rows.map((row) => h('div', { class: 'bar-row' },
        h('span', { class: 'bar-pos' }, visible(row.label)),
        h('ol', { class: 'bar-list' }, row.bars.map((b) => bar(visible(b.label), b.p, b.actual)))))));
    case 'heatmaps': {
      const labels = output.labels.map(visible);
      return figure(output.caption, h('div', { class: 'cell-heatmaps' }, output.maps.map((map) => h('figure', { class: 'cell-figure' },
        h('figcaption', {}, map.title),
        h('div', { class: 'cell-scroll', tabindex: 0, role: 'group', 'aria-label': map.title }, heatmap(labels, labels, map.values))))));
    }
    case 'graph':
      return figure(output.caption, h('div', { class: 'cell-scroll', tabindex: 0, role: 'group', 'aria-label': output.caption }, graph(output.nodes, output.edges)));
    case 'training':
      return h('p', { class: 'cell-text' }, `Training ${thousands(output.numParams)} parameters on ${thousands(output.numDocs)} documents (vocabulary of ${output.vocabSize}) for ${thousands(output.numSteps)} steps.`);
  }
}
