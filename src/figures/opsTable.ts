/** Figure: the table of Value's operations and their local derivatives, with each one evaluated by the real class. */
import katex from 'katex';
import { Value } from '../../microgpt/microgpt.ts';
import { esc } from './svg.ts';

const tex = (s: string) => katex.renderToString(s, { output: 'htmlAndMathml', throwOnError: true });

/** Each operation: how the code calls it, its result and local derivatives in math, and the real node it builds. */
export function opsExamples(a = 2, b = 3, k = 2) {
  const va = new Value(a);
  const vb = new Value(b);
  return [
    { call: 'a.add(b)', result: 'a + b', local: '1,\\ 1', node: va.add(vb) },
    { call: 'a.mul(b)', result: 'a\\,b', local: 'b,\\ a', node: va.mul(vb) },
    { call: `a.pow(${k})`, result: 'a^k', local: 'k\\,a^{k-1}', node: va.pow(k) },
    { call: 'a.log()', result: '\\ln a', local: '1/a', node: va.log() },
    { call: 'a.exp()', result: 'e^{a}', local: 'e^{a}', node: va.exp() },
    { call: 'a.relu()', result: '\\max(0, a)', local: '[a > 0]', node: va.relu() },
  ];
}

/** A number as short as it can be: 5, 0.6931. */
const short = (x: number) => String(Number(x.toFixed(4))).replace('-', '\u2212');

export function drawOpsTable(): string {
  const a = 2, b = 3, k = 2;
  const rows = opsExamples(a, b, k).map((op) => `<tr><td style="white-space:nowrap"><code>${esc(op.call)}</code></td><td>${tex(op.result)}</td><td>${tex(op.local)}</td>`
    + `<td style="white-space:nowrap">${short(op.node.data)}; [${op.node.localGrads.map(short).join(', ')}]</td></tr>`).join('');
  return `<figure class="mg-figure" data-figure="ops-table" style="margin:1.5rem 0;max-width:100%">`
    + `<table><thead><tr><th scope="col">method</th><th scope="col"><code>data</code></th><th scope="col"><code>localGrads</code></th>`
    + `<th scope="col">at a = ${a}, b = ${b}</th></tr></thead><tbody>${rows}</tbody></table>`
    + `<figcaption style="font-size:0.9em">Every primitive operation of <code>Value</code>: its result, its local derivative with respect to each operand in order (for <code>relu</code>, 1 if a &gt; 0 and 0 otherwise), and, in the last column, the <code>data</code> and <code>localGrads</code> the real class computes at a = ${a}, b = ${b}, k = ${k} when this page is built.</figcaption></figure>`;
}
