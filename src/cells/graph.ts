/** An expression graph of Values, as plain data a cell can emit: named nodes, constants labelled by their value. */
import type { Value } from '../../microgpt/microgpt.ts';
import type { GraphNode, Output } from './protocol.ts';

/** Every node reachable from the last named Value (the root), and an edge from each child to its parent. */
export function graphOf(caption: string, named: Record<string, Value>): Extract<Output, { kind: 'graph' }> {
  const names = new Map(Object.entries(named).map(([label, v]) => [v, label]));
  const root = Object.values(named).at(-1);
  const index = new Map<Value, number>();
  const nodes: GraphNode[] = [];
  const edges: [number, number][] = [];
  const visit = (v: Value): number => {
    const seen = index.get(v);
    if (seen !== undefined) return seen;
    const id = nodes.length;
    index.set(v, id);
    nodes.push({ label: names.get(v) ?? String(v.data), data: v.data, grad: v.grad });
    for (const child of v.children) edges.push([visit(child), id]);
    return id;
  };
  if (root) visit(root);
  return { kind: 'graph', caption, nodes, edges };
}
