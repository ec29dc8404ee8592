/**
 * Syntax highlighting with Shiki, once per file: the whole text is tokenized in one pass (so multi-line comments and
 * strings stay right) and the result is returned line by line, to be sliced into sections afterwards.
 * Each token carries both themes as CSS variables (`--shiki-light`, `--shiki-dark`); the layout picks one.
 * Token colors are nudged to keep WCAG contrast on the code backgrounds of src/lib/palette.ts.
 */
import { createHighlighter, type BundledLanguage, type Highlighter } from 'shiki';
import { codeBackgrounds, ensureContrast, type ThemeName } from './palette.ts';

const THEMES: Record<ThemeName, string> = { light: 'github-light', dark: 'github-dark' };
let highlighter: Promise<Highlighter> | undefined;
const cache = new Map<string, Promise<string[]>>();

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const escapeAttr = (s: string) => escapeHtml(s).replace(/"/g, '&quot;');

/** The inner HTML of every line of `code` (index 0 is line 1), highlighted as `lang`. */
export function highlightLines(code: string, lang = 'typescript'): Promise<string[]> {
  const key = `${lang}\n${code}`;
  let lines = cache.get(key);
  if (!lines) {
    lines = tokenize(code, lang);
    cache.set(key, lines);
  }
  return lines;
}

async function tokenize(code: string, lang: string): Promise<string[]> {
  highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: ['typescript', 'javascript', 'shell', 'python'] });
  const h = await highlighter;
  const text = code.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const { tokens } = h.codeToTokens(text, { lang: lang as BundledLanguage, themes: THEMES, defaultColor: false });
  return tokens.map((line) => {
    let html = '';
    let open = '';
    for (const token of line) {
      const style = styleOf(token.htmlStyle ?? {});
      if (style !== open) {
        if (open) html += '</span>';
        if (style) html += `<span style="${style}">`;
        open = style;
      }
      html += escapeHtml(token.content);
    }
    return open ? `${html}</span>` : html;
  });
}

const fixed = new Map<string, string>();
/** A token's inline style, its colors raised to the contrast floor of their theme. */
function styleOf(htmlStyle: Record<string, string>): string {
  return Object.entries(htmlStyle)
    .map(([prop, value]) => {
      const theme = prop === '--shiki-light' ? 'light' : prop === '--shiki-dark' ? 'dark' : undefined;
      if (theme && /^#[0-9a-f]{6}$/i.test(value)) {
        const key = `${theme}${value}`;
        if (!fixed.has(key)) fixed.set(key, ensureContrast(value.toLowerCase(), codeBackgrounds(theme), theme));
        value = fixed.get(key)!;
      }
      return `${prop}:${value}`;
    })
    .join(';');
}

export interface CodeLine {
  n: number;
  html: string;
}

/**
 * A code block of numbered lines. With `ids` (default true), each line is `<span class="line" id="L<n>" data-line="<n>">`
 * with a gutter link `<a class="ln" href="#L<n>">`; the model file's page uses these as link targets, so pass
 * `ids: false` for any other code on the same page (cells, snippets).
 */
export function codeBlockHtml(lines: CodeLine[], { ids = true }: { ids?: boolean } = {}): string {
  const body = lines
    .map(({ n, html }) =>
      ids
        ? `<span class="line" id="L${n}" data-line="${n}"><a class="ln" href="#L${n}" aria-label="Line ${n}">${n}</a><span class="lc">${html || ' '}</span></span>`
        : `<span class="line"><span class="lc">${html || ' '}</span></span>`,
    )
    .join('');
  // Without line links inside, a block that scrolls sideways must itself take keyboard focus.
  return `<pre class="code"${ids ? '' : ' tabindex="0"'}><code>${body}</code></pre>`;
}

/** Highlight a whole snippet as one block without line ids: for code shown anywhere besides the annotated file. */
export async function highlightSnippet(code: string, lang = 'typescript'): Promise<string> {
  const lines = await highlightLines(code, lang);
  return codeBlockHtml(lines.map((html, i) => ({ n: i + 1, html })), { ids: false });
}
