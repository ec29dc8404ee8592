/**
 * Everything an annotated page shows, computed at build time: a source file split into chapters and sections
 * (src/lib/sections.ts), its code highlighted once and sliced by section, and the Markdown prose of every section
 * and chapter rendered to HTML (src/lib/markdown.ts). Cached per set of options, so several components of one page
 * (table of contents, body) share one load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { codeBlockHtml, highlightLines } from './highlight.ts';
import { renderProse } from './markdown.ts';
import { SectionError, type Outline } from './sections.ts';
import { ROOT, displayPath, loadOutline, readProseDir } from './sourceFiles.ts';

export interface AnnotatedOptions {
  /** The annotated source file, relative to the project root, e.g. "microgpt/microgpt.ts". */
  file: string;
  /** Folder of the sections' prose, `<id>.md` each, e.g. "content/sections". */
  proseDir: string;
  /** Folder of chapter overviews `<chapter-slug>.md`; when given, every chapter must have one. */
  chapterDir?: string;
  /** Prose-only chapters after the code, each `<chapterDir>/<slug>.md` (required when listed). */
  closing?: { slug: string; title: string }[];
  /** Extra ids the prose may link to with `#id` (e.g. ids the page itself adds). */
  extraAnchors?: string[];
}

export interface AnnotatedSection {
  id: string;
  title: string;
  proseHtml: string;
  /** The cells that end the section's prose, taken out of it: the page shows them under prose and code, full width. */
  cellHtml: string;
  codeHtml: string;
  firstLine: number;
  lastLine: number;
}

export interface AnnotatedChapter {
  slug: string;
  title: string;
  overviewHtml?: string;
  sections: AnnotatedSection[];
}

export interface Annotated {
  file: string;
  outline: Outline;
  chapters: AnnotatedChapter[];
  closing: AnnotatedChapter[];
}

const loads = new Map<string, Promise<Annotated>>();

/** Load (once per build) the chapters and sections of `options.file` with their highlighted code and rendered prose. */
export function loadAnnotated(options: AnnotatedOptions): Promise<Annotated> {
  const { file, proseDir, chapterDir, closing, extraAnchors } = options; // only these: components may pass other props
  const key = JSON.stringify([file, proseDir, chapterDir, closing, extraAnchors]);
  let load = loads.get(key);
  if (!load) {
    load = build({ file, proseDir, chapterDir, closing, extraAnchors });
    loads.set(key, load);
  }
  return load;
}

async function build(options: AnnotatedOptions): Promise<Annotated> {
  const { outline, source, prose } = loadOutline(options.file, options.proseDir);
  const closingSpecs = options.closing ?? [];
  const chapterProse = options.chapterDir ? readProseDir(options.chapterDir) : {};
  if (options.chapterDir) checkChapterProse(outline, chapterProse, options.chapterDir, closingSpecs);

  const lines = new Set(outline.sections.flatMap((s) => s.lines.map((l) => l.n)));
  const anchors = new Set([
    ...outline.sections.map((s) => s.id),
    ...outline.chapters.map((c) => c.slug),
    ...closingSpecs.map((c) => c.slug),
    ...(options.extraAnchors ?? []),
  ]);
  const dir = (d: string) => displayPath(d).replace(/\/+$/, '');
  const render = (text: string, file: string, headingBase: number) => renderProse(text, { file, lines, anchors, headingBase });

  const highlighted = await highlightLines(source);
  const chapters: AnnotatedChapter[] = [];
  for (const chapter of outline.chapters) {
    const overview = chapterProse[`${chapter.slug}.md`];
    const sections: AnnotatedSection[] = [];
    for (const s of chapter.sections) {
      const html = await render(prose[`${s.id}.md`], `${dir(options.proseDir)}/${s.id}.md`, 4);
      const [proseHtml, cellHtml] = splitTrailingCells(html);
      sections.push({
        id: s.id,
        title: s.title,
        proseHtml,
        cellHtml,
        codeHtml: codeBlockHtml(s.lines.map((l) => ({ n: l.n, html: highlighted[l.n - 1] ?? '' }))),
        firstLine: s.lines[0].n,
        lastLine: s.lines.findLast((l) => l.text.trim() !== '')!.n, // parseSections guarantees one
      });
    }
    chapters.push({
      slug: chapter.slug,
      title: chapter.title,
      overviewHtml: overview === undefined ? undefined : await render(overview, `${dir(options.chapterDir!)}/${chapter.slug}.md`, 3),
      sections,
    });
  }
  const closing: AnnotatedChapter[] = [];
  for (const c of closingSpecs) {
    closing.push({ ...c, sections: [], overviewHtml: await render(chapterProse[`${c.slug}.md`], `${dir(options.chapterDir!)}/${c.slug}.md`, 3) });
  }
  return { file: displayPath(options.file), outline, chapters, closing };
}

/** Every chapter and closing chapter has a non-empty overview, and every overview file has a chapter. */
function checkChapterProse(outline: Outline, prose: Record<string, string>, chapterDir: string, closing: { slug: string; title: string }[]): void {
  const dir = displayPath(chapterDir).replace(/\/+$/, '');
  const known = new Set([...outline.chapters.map((c) => c.slug), ...closing.map((c) => c.slug)]);
  for (const name of Object.keys(prose).sort()) {
    if (name.startsWith('_')) continue;
    const slug = name.slice(0, -'.md'.length);
    if (!known.has(slug)) {
      throw new SectionError(`${dir}/${name}:1: overview for no chapter: got "${slug}"; expected one of ${[...known].map((k) => `"${k}"`).join(', ')}`);
    }
  }
  for (const c of outline.chapters) {
    const text = prose[`${c.slug}.md`];
    if (text === undefined || text.trim() === '') {
      throw new SectionError(`${outline.file}:${c.markerLine}: chapter "${c.title}" has no overview: expected Markdown in ${dir}/${c.slug}.md`);
    }
  }
  for (const c of closing) {
    const text = prose[`${c.slug}.md`];
    if (text === undefined || text.trim() === '') {
      throw new SectionError(`${dir}/${c.slug}.md:1: closing chapter "${c.title}" has no prose: expected Markdown in this file`);
    }
  }
}

/** Render one standalone Markdown file (an intro, say) with the page's link checks; `required` makes a missing file an error. */
export async function renderProseFile(path: string, options: { headingBase?: number; annotated?: Annotated; required?: boolean } = {}): Promise<string | undefined> {
  const abs = resolve(ROOT, path);
  if (!existsSync(abs)) {
    if (options.required ?? true) throw new SectionError(`${displayPath(path)}:1: missing prose file: expected Markdown here`);
    return undefined;
  }
  const outline = options.annotated?.outline;
  const lines = outline ? new Set(outline.sections.flatMap((s) => s.lines.map((l) => l.n))) : undefined;
  const anchors = options.annotated
    ? new Set([...outline!.sections.map((s) => s.id), ...outline!.chapters.map((c) => c.slug), ...options.annotated.closing.map((c) => c.slug)])
    : undefined;
  return renderProse(readFileSync(abs, 'utf8'), { file: displayPath(path), headingBase: options.headingBase ?? 2, lines, anchors });
}

/** Split rendered prose into its text and the cells that end it (a cell in the middle of the text stays there). */
export function splitTrailingCells(html: string): [prose: string, cells: string] {
  let cut = html.length;
  while (html.slice(0, cut).trimEnd().endsWith('</mg-cell>')) {
    const start = html.lastIndexOf('<mg-cell', cut - 1);
    if (start < 0) break;
    cut = start;
  }
  return [html.slice(0, cut), html.slice(cut).trim()];
}
