// Autograd: build a small expression from Values, call backward(), and read every node's grad.
import { Value } from '../../microgpt/microgpt.ts';
import { Problem, type CellContext } from '../../src/cells/context.ts';
import { graphOf } from '../../src/cells/graph.ts';

export default function autograd(ctx: CellContext): void {
  const number = (name: string) => {
    const x = Number(ctx.inputs[name]);
    if (ctx.inputs[name].trim() === '' || !Number.isFinite(x)) throw new Problem(`${name} must be a number, got ${JSON.stringify(ctx.inputs[name])}`);
    return x;
  };
  const a = new Value(number('a'));
  const b = new Value(number('b'));
  const c = new Value(number('c'));
  const e = a.mul(b);
  const d = e.add(c);
  const f = d.relu();
  const g = f.mul(f); // f is used twice: its grad adds up both uses
  const h = g.add(1);
  const L = h.log();
  L.backward();
  ctx.emit({ kind: 'text', text: `L = log(relu(a·b + c)² + 1) = ${L.data.toFixed(4)};  dL/da = ${a.grad.toFixed(4)}, dL/db = ${b.grad.toFixed(4)}, dL/dc = ${c.grad.toFixed(4)}` });
  ctx.emit(graphOf('The graph after backward(): each node with its data and its grad', { a, b, c, 'e = a·b': e, 'd = e + c': d, 'f = relu(d)': f, 'g = f·f': g, 'h = g + 1': h, 'L = log h': L }));
}
