import { describe, expect, it } from 'vitest';
import { ProseError, renderProse } from '../../src/lib/markdown.ts';
import { highlightLines } from '../../src/lib/highlight.ts';
import { contrast, ensureContrast } from '../../src/lib/palette.ts';
import { splitTrailingCells } from '../../src/lib/annotated.ts';

const facts = () => ({ vocabSize: '27', numDocs: '32,257' });
const render = (md: string, extra: Partial<Parameters<typeof renderProse>[1]> = {}) =>
  renderProse(md, { file: 'content/sections/x.md', facts, lines: new Set([1, 2, 3, 60, 61, 72]), anchors: new Set(['autograd-ops']), ...extra });

/** The ProseError message `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProseError);
  return (err as Error).message;
}

describe('renderProse', () => {
  it('fills {{facts}} in text and math, not in code', async () => {
    const html = await render('There are {{vocabSize}} tokens, $\\ln {{ vocabSize }}$, and `{{numDocs}}` stays.');
    expect(html).toContain('There are 27 tokens');
    expect(html).toContain('<annotation encoding="application/x-tex">\\ln 27</annotation>');
    expect(html).toContain('<code>{{numDocs}}</code>');
  });

  it('fills facts in display math and renders it with KaTeX at build time', async () => {
    const html = await render('Loss:\n\n$$\n-\\ln \\frac{1}{ {{vocabSize}} }\n$$\n');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('\\frac{1}{ 27 }');
  });

  it('fails on an unknown fact at its line', async () => {
    const message = await failure(render('One.\n\nTwo, with {{nope}}.'));
    expect(message).toBe('content/sections/x.md:3: unknown fact {{nope}}: expected one of {{vocabSize}}, {{numDocs}}');
  });

  it('fails on an unknown fact in display math at the formula line', async () => {
    expect(await failure(render('Text.\n\n$$\nx = 1\n+ {{nope}}\n$$'))).toMatch(/^content\/sections\/x.md:5: unknown fact \{\{nope\}\}/);
  });

  it('fails on an unknown figure with its file and line', async () => {
    const message = await failure(render('Text.\n\n```figure\nno-such-figure\n```'));
    expect(message).toMatch(/^content\/sections\/x.md:3: figure "no-such-figure": unknown figure "no-such-figure"/);
  });

  it('fails on a malformed fence', async () => {
    expect(await failure(render('```figure\ntwo names\n```'))).toMatch(/^content\/sections\/x.md:1: malformed figure fence/);
  });

  it('fails on bad LaTeX instead of rendering it red', async () => {
    expect(await failure(render('Text.\n\nBad $\\frac{1$ here.'))).toMatch(/^content\/sections\/x.md:3: could not render math with KaTeX/);
  });

  it('marks line links for the client and keeps them links', async () => {
    const html = await render('See [the loop](#L60-L72) and [one](#L2) and [ops](#autograd-ops).');
    expect(html).toContain('<a href="#L60-L72" class="line-link" data-lines="60-72">the loop</a>');
    expect(html).toContain('<a href="#L2" class="line-link" data-lines="2-2">one</a>');
    expect(html).toContain('<a href="#autograd-ops">ops</a>');
  });

  it('fails on a line link to a line not on the page, or backwards', async () => {
    expect(await failure(render('[x](#L4)'))).toBe(
      'content/sections/x.md:1: line link #L4 points at line 4, which is not shown on the page: expected a line of code (marker comments and lines past the end are not)',
    );
    expect(await failure(render('[x](#L72-L60)'))).toMatch(/runs backwards: expected #L60-L72/);
    expect(await failure(render('\n[x](#no-such-section)'))).toMatch(/^content\/sections\/x.md:2: link #no-such-section points at no section or chapter/);
  });

  it('shifts headings so the shallowest becomes headingBase', async () => {
    expect(await render('# A\n\n## B', { headingBase: 4 })).toBe('<h4>A</h4>\n<h5>B</h5>');
    expect(await render('## A\n\n### B', { headingBase: 3 })).toBe('<h3>A</h3>\n<h4>B</h4>');
  });

  it('highlights fenced code without line ids', async () => {
    const html = await render('```sh\nnpm run train\n```');
    expect(html).toMatch(/^<pre class="code" tabindex="0"><code><span class="line"><span class="lc"><span style="--shiki-light:/);
    expect(html).not.toContain('id="L');
  });
});

describe('highlightLines', () => {
  it('highlights the file once and keeps multi-line comments colored on every line', async () => {
    const lines = await highlightLines('/* one\n   two */\nconst x = 1;\n');
    expect(lines).toHaveLength(3);
    const color = (html: string) => /--shiki-light:(#[0-9a-f]{6})/.exec(html)?.[1];
    expect(color(lines[1])).toBe(color(lines[0]));
    expect(lines[2]).toContain('>const</span>');
    expect(lines[2]).not.toBe(lines[1]);
  });

  it('raises token colors to the contrast floor on every code background', () => {
    const fixed = ensureContrast('#6a737d', ['#1a1d21', '#3a3217'], 'dark');
    expect(contrast(fixed, '#1a1d21')).toBeGreaterThanOrEqual(4.7);
    expect(contrast(fixed, '#3a3217')).toBeGreaterThanOrEqual(4.7);
    expect(ensureContrast('#24292e', ['#f5f3ee'], 'light')).toBe('#24292e'); // already fine: unchanged
  });
});

describe('splitTrailingCells', () => {
  const cell = (name: string) => `<mg-cell class="cell" data-cell="${name}"><pre>&lt;mg-cell&gt;</pre></mg-cell>`;

  it('takes the cells that end the prose out of it, in order', () => {
    expect(splitTrailingCells(`<p>Text.</p>\n${cell('a')}\n${cell('b')}\n`)).toEqual(['<p>Text.</p>\n', `${cell('a')}\n${cell('b')}`]);
  });

  it('leaves a cell in the middle of the text where it is, and prose without cells alone', () => {
    const middle = `<p>Before.</p>${cell('a')}<p>After.</p>`;
    expect(splitTrailingCells(middle)).toEqual([middle, '']);
    expect(splitTrailingCells(`${cell('a')}<p>After.</p>${cell('b')}`)).toEqual([`${cell('a')}<p>After.</p>`, cell('b')]);
    expect(splitTrailingCells('<p>Only text.</p>')).toEqual(['<p>Only text.</p>', '']);
  });
});
