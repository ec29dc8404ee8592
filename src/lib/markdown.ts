/**
 * The prose pipeline: Markdown with `$math$`, `{{fact}}` placeholders, ```figure``` and ```cell``` fences and
 * line links, rendered to static HTML at build time (KaTeX included, so no client JavaScript is needed).
 *
 * - `{{name}}` in text, math and raw HTML is replaced by `getFacts()[name]` (src/lib/facts.ts); not in code.
 * - A fenced block ```figure\nNAME\n``` becomes `renderFigure(NAME)` (src/figures/index.ts);
 *   ```cell\nNAME\n``` becomes `await renderCell(NAME)` (src/cells/render.ts).
 * - Links `#L<n>` and `#L<a>-L<b>` get `class="line-link"` and `data-lines="a-b"` (the client highlights them on hover);
 *   with `lines` given, each end must be a line shown on the page; with `anchors` given, `#id` must be one of them.
 * - Headings are shifted so the shallowest one in the file becomes `<h{headingBase}>`, keeping the page outline in order.
 * Any problem throws a `ProseError` whose message starts with `file:line:`.
 */
import type { Code, Html, Link, Root, RootContent, Text } from 'mdast';
import type { Element, ElementContent } from 'hast';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { renderCell } from '../cells/render.ts';
import { renderFigure } from '../figures/index.ts';
import { getFacts } from './facts.ts';
import { codeBlockHtml, escapeAttr, highlightSnippet } from './highlight.ts';

/** Fence languages highlighted with Shiki; any other fence is shown as plain text. */
const FENCE_LANGS: Record<string, string> = {
  ts: 'typescript', typescript: 'typescript', js: 'javascript', javascript: 'javascript',
  sh: 'shell', shell: 'shell', bash: 'shell', console: 'shell', py: 'python', python: 'python',
};

export interface ProseOptions {
  /** Path shown in error messages, e.g. "content/sections/autograd-ops.md". */
  file: string;
  /** Level of the shallowest heading in the prose (default 3: below the page's h1 and the chapter's h2). */
  headingBase?: number;
  /** Line numbers that have an `L<n>` element on the page; line links outside it are errors. */
  lines?: ReadonlySet<number>;
  /** Ids of the page's other link targets (sections, chapters); `#id` links outside it are errors. */
  anchors?: ReadonlySet<string>;
  /** Where `{{name}}` values come from (default: getFacts()). */
  facts?: () => Record<string, string>;
}

/** remark-math's nodes (declared on mdast by remark-math's types). */
type MathNode = Extract<RootContent, { type: 'inlineMath' | 'math' }>;

/** A problem in a prose file, reported at its line. */
export class ProseError extends Error {
  override name = 'ProseError';
}

export const LINE_LINK = /^#L(\d+)(?:-L(\d+))?$/;
const FACT = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Render one Markdown file's text to HTML. */
export async function renderProse(markdown: string, options: ProseOptions): Promise<string> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkMath)
    .use(() => (tree: Root) => transformMarkdown(tree, options))
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeKatex, { output: 'htmlAndMathml' })
    .use(rehypeStringify, { allowDangerousHtml: true });
  const file = await processor.process(markdown);
  failOnMathErrors(file, options.file);
  return String(file);
}

/** Replace facts, figures and cells, check and mark links, shift headings. */
async function transformMarkdown(tree: Root, options: ProseOptions): Promise<void> {
  const { file } = options;
  let facts: Record<string, string> | undefined;
  const fact = (name: string, line: number): string => {
    facts ??= (options.facts ?? getFacts)();
    if (!Object.hasOwn(facts, name)) {
      throw new ProseError(`${file}:${line}: unknown fact {{${name}}}: expected one of ${Object.keys(facts).map((k) => `{{${k}}}`).join(', ')}`);
    }
    return facts[name];
  };
  /** Replace every {{name}} in `value`; `startLine` is the line of its first character in the file. */
  const fill = (value: string, startLine: number): string =>
    value.replace(FACT, (_, name: string, offset: number) => fact(name, startLine + countNewlines(value.slice(0, offset))));

  const lineOf = (node: { position?: { start: { line: number } } }) => node.position?.start.line ?? 1;

  visit(tree, (node) => {
    if (node.type === 'text' || node.type === 'html') {
      (node as Text | Html).value = fill(node.value, lineOf(node));
    } else if (node.type === 'inlineMath') {
      setMath(node, fill(node.value, lineOf(node)));
    } else if (node.type === 'math') {
      setMath(node, fill(node.value, lineOf(node) + 1)); // the formula starts below the opening $$
    } else if (node.type === 'link') {
      checkLink(node, options);
    }
  });

  // Fences naming a figure or a cell become their HTML; other fences become highlighted code (without line ids).
  const fences: { node: Code; kind: 'figure' | 'cell' | 'code'; name: string }[] = [];
  visit(tree, 'code', (node) => {
    if (node.lang !== 'figure' && node.lang !== 'cell') {
      fences.push({ node, kind: 'code', name: node.lang ?? '' });
    } else {
      const name = node.value.trim();
      if (!/^[A-Za-z0-9_-]+$/.test(name)) {
        throw new ProseError(`${file}:${lineOf(node)}: malformed ${node.lang} fence: got ${JSON.stringify(node.value)}; expected a single name on its own line, e.g. \`\`\`${node.lang}\\nNAME\\n\`\`\``);
      }
      fences.push({ node, kind: node.lang, name });
    }
  });
  for (const { node, kind, name } of fences) {
    let html: string;
    try {
      if (kind === 'code') {
        const lang = FENCE_LANGS[name.toLowerCase()];
        html = lang
          ? await highlightSnippet(node.value, lang)
          : codeBlockHtml(node.value.split('\n').map((l, i) => ({ n: i + 1, html: escapeAttr(l) })), { ids: false });
      } else {
        html = kind === 'figure' ? renderFigure(name) : await renderCell(name);
      }
    } catch (err) {
      throw new ProseError(`${file}:${lineOf(node)}: ${kind} "${name}": ${(err as Error).message}`, { cause: err });
    }
    const replacement = node as unknown as Html;
    replacement.type = 'html';
    replacement.value = html;
    delete (replacement as unknown as Partial<Code>).lang;
    delete (replacement as unknown as Partial<Code>).meta;
  }

  const base = options.headingBase ?? 3;
  let shallowest = 7;
  visit(tree, 'heading', (h) => void (shallowest = Math.min(shallowest, h.depth)));
  visit(tree, 'heading', (h) => void (h.depth = Math.min(6, h.depth - shallowest + base) as typeof h.depth));
}

/** Set a math node's formula in both places remark-math keeps it (the value and the prepared HTML child). */
function setMath(node: MathNode, value: string): void {
  node.value = value;
  const children = node.data?.hChildren as ElementContent[] | undefined;
  const holder = node.type === 'math' ? (children?.[0] as Element | undefined)?.children : children;
  if (holder) holder.splice(0, holder.length, { type: 'text', value });
}

/** Mark line links for the client and check that every in-page link lands somewhere. */
function checkLink(node: Link, options: ProseOptions): void {
  const url = node.url;
  if (!url.startsWith('#')) return;
  const at = `${options.file}:${node.position?.start.line ?? 1}`;
  const range = LINE_LINK.exec(url);
  if (range) {
    const a = Number(range[1]);
    const b = range[2] === undefined ? a : Number(range[2]);
    if (b < a) throw new ProseError(`${at}: line link ${url} runs backwards: expected #L${b}-L${a}`);
    for (const n of a === b ? [a] : [a, b]) {
      if (options.lines && !options.lines.has(n)) {
        throw new ProseError(`${at}: line link ${url} points at line ${n}, which is not shown on the page: expected a line of code (marker comments and lines past the end are not)`);
      }
    }
    node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), className: ['line-link'], dataLines: `${a}-${b}` } };
    return;
  }
  const id = decodeURIComponent(url.slice(1));
  if (options.anchors && !options.anchors.has(id)) {
    throw new ProseError(`${at}: link ${url} points at no section or chapter: expected #L<n>, #L<a>-L<b> or one of the page's ids`);
  }
}

/** rehype-katex reports bad LaTeX as a file message and renders it in red; a build must fail instead. */
function failOnMathErrors(file: VFile, path: string): void {
  const problem = file.messages.find((m) => m.source === 'rehype-katex');
  if (problem) {
    const reason = problem.cause instanceof Error ? problem.cause.message : problem.reason;
    throw new ProseError(`${path}:${problem.line ?? 1}: could not render math with KaTeX: ${reason}`);
  }
}

const countNewlines = (s: string) => s.split('\n').length - 1;
