/**
 * The explanations: every section has real prose, every line link lands on a line of code, every {{fact}} exists,
 * the figures compute what the prose says they compute, and the claims the prose makes about the code hold.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRun, defaults, trainStep, Value } from '../../microgpt/microgpt.ts';
import { fixed } from '../../microgpt/pyformat.ts';
import { getDefaultRun } from '../../src/lib/defaultRun.ts';
import { getFacts } from '../../src/lib/facts.ts';
import { figureNames, renderFigure } from '../../src/figures/index.ts';
import { autogradExample } from '../../src/figures/graph.ts';
import { paramShapes } from '../../src/figures/params.ts';
import { tokenPath } from '../../src/figures/tokenPath.ts';
import { opsExamples } from '../../src/figures/opsTable.ts';
import { trainedRun } from '../../src/figures/runs.ts';
import { transcriptLines } from '../../src/figures/transcript.ts';
import { loadTrace } from '../fixtures/traces.ts';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');

// The sections, read from the markers of the model file itself.
const SOURCE = read('microgpt/microgpt.ts').replace(/\n$/, '').split('\n');
const MARKER = /^\s*\/\/ @(chapter|section)\b/;
const markerLines = new Set(SOURCE.flatMap((text, i) => (MARKER.test(text) ? [i + 1] : [])));
const sectionIds = SOURCE.flatMap((text) => /^\s*\/\/ @section ([a-z0-9-]+) /.exec(text)?.[1] ?? []);
const chapterSlugs = SOURCE.flatMap((text) => /^\s*\/\/ @chapter (.+)$/.exec(text)?.[1].trim().toLowerCase().replace(/[^a-z0-9]+/g, '-') ?? []);
const CLOSING = ['run-it-yourself', 'microgpt-to-chatgpt'];

const sectionFiles = readdirSync(path.join(root, 'content/sections')).filter((f) => f.endsWith('.md'));
const chapterFiles = readdirSync(path.join(root, 'content/chapters')).filter((f) => f.endsWith('.md'));
const files = [
  ...sectionFiles.map((f) => `content/sections/${f}`),
  ...chapterFiles.map((f) => `content/chapters/${f}`),
];
const texts = new Map(files.map((f) => [f, read(f)]));
const all = [...texts.values()].join('\n');

/** Markdown without fenced blocks and code spans: what a reader reads as text and math. */
const withoutCode = (md: string) => md.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
/** Display formulas ($$ on their own lines) and inline ones ($..$), outside code. */
function formulas(md: string): string[] {
  const text = withoutCode(md);
  const display = [...text.matchAll(/^\$\$\n([\s\S]*?)\n\$\$$/gm)].map((m) => m[1]);
  const inline = [...text.replace(/^\$\$\n[\s\S]*?\n\$\$$/gm, '').matchAll(/\$([^$\n]+)\$/g)].map((m) => m[1]);
  return [...display, ...inline];
}
/** Every `#L<a>` or `#L<a>-L<b>` link target, in Markdown links and in raw HTML hrefs. */
const lineLinks = (md: string) => [...md.matchAll(/(?:\]\(|href=")#L(\d+)(?:-L(\d+))?[)"]/g)].map((m) => [Number(m[1]), Number(m[2] ?? m[1])] as const);
const words = (md: string) => md.split(/\s+/).filter((w) => /[A-Za-z]/.test(w)).length;

describe('the prose files', () => {
  it('cover every section of microgpt.ts, and only those', () => {
    expect(sectionIds.length).toBeGreaterThan(20);
    expect(sectionFiles.map((f) => f.replace(/\.md$/, '')).sort()).toEqual([...sectionIds].sort());
  });

  it('include an overview for every chapter and the two closing chapters', () => {
    expect(chapterSlugs).toEqual(['dataset', 'tokenizer', 'autograd', 'parameters', 'model', 'training', 'inference']);
    expect(chapterFiles.map((f) => f.replace(/\.md$/, '')).sort()).toEqual([...chapterSlugs, ...CLOSING].sort());
  });

  it('are real explanations: a solid paragraph at least, no placeholders', () => {
    for (const [file, md] of texts) {
      expect(words(withoutCode(md)), file).toBeGreaterThanOrEqual(file.includes('/chapters/') ? 50 : 100);
      expect(md, file).not.toMatch(/\b(TODO|TBD|FIXME|XXX|lorem|ipsum)\b|coming soon/i);
    }
  });

  it('add up to well over 7,000 words', () => {
    expect(words(all)).toBeGreaterThanOrEqual(7000);
  });

  it('hold at least 40 formulas, each closed and non-empty', () => {
    const fs = formulas(all);
    expect(fs.length).toBeGreaterThanOrEqual(40);
    for (const f of fs) expect(f.trim()).not.toBe('');
    for (const [file, md] of texts) expect(withoutCode(md).split(/^\$\$$/m).length % 2, `unbalanced $$ in ${file}`).toBe(1);
  });

  it('link at least 40 times to lines of code, every link inside the file and on a line the page shows', () => {
    const links = [...texts].flatMap(([file, md]) => lineLinks(md).map(([a, b]) => ({ file, a, b })));
    expect(links.length).toBeGreaterThanOrEqual(40);
    for (const { file, a, b } of links) {
      const at = `${file}: #L${a}-L${b}`;
      expect(a, at).toBeGreaterThanOrEqual(1);
      expect(b, at).toBeLessThanOrEqual(SOURCE.length);
      expect(a, at).toBeLessThanOrEqual(b);
      expect(markerLines.has(a) || markerLines.has(b), `${at} ends on a marker line`).toBe(false);
    }
  });

  it('link to sections and chapters that exist', () => {
    const ids = new Set([...sectionIds, ...chapterSlugs, ...CLOSING]);
    for (const [file, md] of texts) {
      for (const m of md.matchAll(/\]\(#([a-z0-9-]+)\)/g)) {
        if (!/^L\d/.test(m[1])) expect(ids.has(m[1]), `${file}: #${m[1]}`).toBe(true);
      }
    }
  });

  it('quote only facts that getFacts() computes, and every fact is a non-empty string', () => {
    const facts = getFacts();
    for (const [name, value] of Object.entries(facts)) expect(value, name).toMatch(/\S/);
    const used = new Set([...all.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(30);
    for (const name of used) expect(Object.hasOwn(facts, name), `{{${name}}}`).toBe(true);
    // facts are not replaced inside code, so a {{fact}} there would reach the reader as is
    for (const [file, md] of texts) {
      const code = [...md.matchAll(/^```[\s\S]*?^```|`[^`\n]*`/gm)].map((m) => m[0]);
      for (const c of code) expect(c, `${file}: a fact inside code`).not.toMatch(/\{\{/);
    }
  });

  it('do not type by hand the numbers the facts compute', () => {
    const facts = getFacts();
    const computed = ['numDocs', 'numDistinctDocs', 'numParams', 'startLoss', 'firstLoss', 'finalLoss', 'meanLast50', 'graphNodes', 'paramsReached', 'wteCount', 'layerParams'];
    for (const [file, md] of texts) {
      const text = withoutCode(md).replace(/\{\{[^{}]*\}\}/g, '');
      for (const name of computed) {
        const value = facts[name];
        const bare = value.replace(/,/g, '');
        for (const form of new Set([value, bare])) {
          expect(new RegExp(`(^|[^0-9.,])${form.replace(/[.,]/g, '\\$&')}(?![0-9])`).test(text), `${file} types ${form} ({{${name}}})`).toBe(false);
        }
      }
    }
  });

  it('place each cell once, and only figures that exist', () => {
    const cells = [...all.matchAll(/^```cell\n(.+)\n```$/gm)].map((m) => m[1].trim());
    expect(cells.sort()).toEqual(['autograd', 'dataset', 'forward', 'parameters', 'sample', 'tokenizer', 'train']);
    const figures = [...all.matchAll(/^```figure\n(.+)\n```$/gm)].map((m) => m[1].trim());
    expect(new Set(figures)).toEqual(new Set(figureNames));
  });
});

describe('the facts', () => {
  const facts = getFacts();
  const run = getDefaultRun();

  it('agree with the default run and the formulas the prose states', () => {
    const v = run.vocabSize;
    expect(facts.vocabSize).toBe(String(v));
    expect(facts.startLoss).toBe((-Math.log(1 / v)).toFixed(2));
    expect(facts.startLoss).toBe('3.30'); // the issue's −ln(1/27) ≈ 3.30, for the shipped names
    expect(facts.firstLoss).toBe(fixed(run.losses[0], 4));
    expect(facts.finalLoss).toBe(fixed(run.losses.at(-1)!, 4));
    const { nEmbd: d, blockSize: T, nLayer } = run.config;
    const n = (s: string) => Number(s.replace(/,/g, ''));
    expect(n(facts.numParams)).toBe(2 * v * d + T * d + nLayer * 12 * d * d);
    expect(n(facts.outsideLayerParams) + nLayer * n(facts.layerParams)).toBe(n(facts.numParams));
    expect(facts.numParams).toBe('4,192');
    expect(facts.samples.split(', ')).toEqual(run.samples.map((s) => `"${s}"`));
    expect(Number(facts.numNewSamples)).toBeLessThanOrEqual(run.samples.length);
  });
});

describe('the figures', () => {
  it('autograd-graph: the real Value class gives the gradients calculus gives', () => {
    const { x, y, L } = autogradExample();
    const [a, b] = [x.data, y.data];
    expect(L.data).toBeCloseTo(Math.log(a * b + a), 14);
    expect(x.grad).toBeCloseTo((b + 1) / (a * b + a), 14);
    expect(y.grad).toBeCloseTo(a / (a * b + a), 14);
    const html = renderFigure('autograd-graph');
    expect(html).toContain('role="img"');
    expect(html).toContain(`grad ${x.grad.toFixed(4)}`);
    expect(html).toContain('<title>');
  });

  it('ops-table: each operation builds the node its row describes', () => {
    const [add, mul, pow, log, exp, relu] = opsExamples(2, 3, 2).map((o) => o.node);
    expect([add.data, ...add.localGrads]).toEqual([5, 1, 1]);
    expect([mul.data, ...mul.localGrads]).toEqual([6, 3, 2]);
    expect([pow.data, ...pow.localGrads]).toEqual([4, 4]);
    expect([log.data, ...log.localGrads]).toEqual([Math.log(2), 0.5]);
    expect([exp.data, ...exp.localGrads]).toEqual([Math.exp(2), Math.exp(2)]);
    expect([relu.data, ...relu.localGrads]).toEqual([2, 1]);
  });

  it('param-shapes: the matrices of a real initModel, adding up to the parameter count', () => {
    const shapes = paramShapes();
    expect(shapes).toEqual(getDefaultRun().matrices);
    expect(shapes.reduce((s, [, r, c]) => s + r * c, 0)).toBe(getDefaultRun().numParams);
    const html = renderFigure('param-shapes');
    for (const [name, r, c] of shapes) expect(html).toContain(`${name}: ${r} rows by ${c} columns`);
  });

  it('token-path: follows gpt() exactly (the figure throws if its stages disagree with the model)', () => {
    const t = tokenPath();
    expect(t.probs.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    expect(t.stages.at(-1)!.values).toEqual(t.probs);
    expect(renderFigure('token-path')).toContain('role="img"');
  });

  it('cli-transcript: the lines the CLI prints, from the default run', () => {
    const lines = transcriptLines();
    const run = getDefaultRun();
    expect(lines.slice(0, 3)).toEqual([`num docs: ${run.numDocs}`, `vocab size: ${run.vocabSize}`, `num params: ${run.numParams}`]);
    expect(lines[3]).toBe(`step    1 / ${run.config.numSteps} | loss ${fixed(run.losses[0], 4)}`);
    expect(lines.at(-1)).toBe(`sample ${run.samples.length}: ${run.samples.at(-1)}`);
  });
});

describe('claims the prose makes about the code', () => {
  it('run-it-yourself: what the original prints on the makemore list (typed there, checked against its trace)', () => {
    const md = texts.get('content/chapters/run-it-yourself.md')!;
    const trace = loadTrace('makemore-names-seed42.json');
    expect(md).toContain(`\`num docs: ${trace.num_docs}\``);
    expect(md).toContain(`\`vocab size: ${trace.vocab_size}\``);
    expect(md).toContain(`\`num params: ${trace.num_params}\``);
    expect(md).toContain(`\`step    1 / ${trace.config.num_steps} | loss ${fixed(trace.losses[0], 4)}\``);
    expect(md).toContain(`starting with ${trace.samples.slice(0, 4).join(', ')} and ${trace.samples[4]}`);
  });

  it('the port tracks the original to about fifteen significant digits on every loss of the default run', () => {
    const trace = loadTrace('ssa2018-names-seed42.json');
    const losses = getDefaultRun().losses;
    expect(losses).toHaveLength(trace.losses.length);
    const worst = Math.max(...losses.map((l, i) => Math.abs(l - trace.losses[i]) / Math.abs(trace.losses[i])));
    expect(worst).toBeLessThan(1e-14);
  });

  it('walking a node\'s children first to last instead of last to first changes no loss and no weight', () => {
    const original = Value.prototype.backward;
    const forwardOrder = function (this: Value): void {
      // the same topological sort, then the inner loop over children in the other direction
      const pass = ++Value.passes;
      const topo: Value[] = [];
      const stack: Value[] = [this];
      const next: number[] = [0];
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
          topo.push(v);
          stack.pop();
          next.pop();
        }
      }
      this.grad = 1;
      for (let t = topo.length - 1; t >= 0; t--) {
        const v = topo[t];
        for (let i = 0; i < v.children.length; i++) v.children[i].grad += v.localGrads[i] * v.grad;
      }
    };
    const text = read('content/data/names.txt');
    const reference = getDefaultRun();
    const weights = trainedRun().model.params.map((p) => p.data); // trained with the real backward
    Value.prototype.backward = forwardOrder;
    try {
      const run = createRun(text, defaults);
      const losses = Array.from({ length: defaults.numSteps }, () => trainStep(run));
      expect(losses).toEqual(reference.losses);
      expect(run.model.params.map((p) => p.data)).toEqual(weights);
    } finally {
      Value.prototype.backward = original;
    }
  });

  it('the backward pass of a node used twice accumulates both paths (the += of the prose)', () => {
    const x = new Value(3);
    const y = x.mul(x).add(x); // x² + x
    y.backward();
    expect(x.grad).toBe(2 * 3 + 1);
  });
});
