/** A tiny element tree that renders to an HTML string at build time and to real DOM nodes in the page. */

export type Attrs = Record<string, string | number | boolean | undefined>;
export type Child = VNode | string | null | undefined | false;

export interface VNode {
  tag: string;
  attrs: Attrs;
  children: Child[];
}

/** An element: `h('li', { class: 'x' }, 'text')`. Text children are always text, never markup. */
export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): VNode {
  return { tag, attrs, children: children.flat() };
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => escapes[ch]);
}

const voidTags = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'col', 'wbr']);

/** The HTML string of a tree, every text and attribute escaped. */
export function toHtml(node: Child): string {
  if (!node) return '';
  if (typeof node === 'string') return escapeHtml(node);
  const attrs = Object.entries(node.attrs)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(String(v))}"`))
    .join('');
  if (voidTags.has(node.tag)) return `<${node.tag}${attrs}>`;
  return `<${node.tag}${attrs}>${node.children.map(toHtml).join('')}</${node.tag}>`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Real DOM nodes for a tree: SVG elements in the SVG namespace, text as text nodes. */
export function toDom(node: Child, inSvg = false): Node {
  if (!node) return document.createTextNode('');
  if (typeof node === 'string') return document.createTextNode(node);
  const svg = inSvg || node.tag === 'svg';
  const el = svg ? document.createElementNS(SVG_NS, node.tag) : document.createElement(node.tag);
  for (const [k, v] of Object.entries(node.attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of node.children) if (child) el.appendChild(toDom(child, svg && node.tag !== 'foreignObject'));
  return el;
}
