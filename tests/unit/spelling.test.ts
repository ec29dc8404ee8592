/**
 * Spelling: every word a reader reads in content/**\/*.md (text and raw HTML; not code, math, link targets or
 * {{facts}}) is in aspell's English dictionary or in content/spelling.txt, the reviewed list of names, identifiers
 * and terms of the field. Needs `aspell` with its English dictionary (.ci/run installs it when it can); without it
 * the check is skipped and says why.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const proseFiles = ['sections', 'chapters', 'efficiency'].flatMap((dir) =>
  readdirSync(path.join(root, 'content', dir)).filter((f) => f.endsWith('.md')).map((f) => `content/${dir}/${f}`));

/** The words of a Markdown text that a reader reads: text nodes and the text inside raw HTML. */
export function proseWords(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkMath).parse(markdown) as Root;
  const chunks: string[] = [];
  let inCode = false; // inside an inline <code> … </code>, whose tags are html nodes of their own
  visit(tree, (node) => {
    if (node.type === 'text' && !inCode) chunks.push(node.value);
    if (node.type === 'html') {
      chunks.push(node.value.replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' '));
      const tags = node.value.match(/<\/?code>/g) ?? [];
      if (tags.length) inCode = tags[tags.length - 1] === '<code>';
    }
  });
  return chunks.join(' ').replace(/\{\{[^}]*\}\}|U\+[0-9A-F]+/g, ' ').match(/[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu)
    ?.filter((word) => !/\p{N}/u.test(word) && word.length > 1) ?? [];
}

/** The words aspell's English dictionary does not know, each once. */
function aspellUnknown(words: string[]): string[] {
  const result = spawnSync('aspell', ['--lang=en', '--encoding=utf-8', 'list'], { input: words.join('\n'), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`aspell failed: ${result.stderr || result.error}`);
  return [...new Set(result.stdout.split('\n').filter(Boolean))];
}

const hasAspell = spawnSync('aspell', ['--lang=en', 'list'], { input: 'hello', encoding: 'utf8' }).status === 0; // aspell and its English dictionary
const allowed = readFileSync(path.join(root, 'content/spelling.txt'), 'utf8').split('\n')
  .map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
const wordsByFile = new Map(proseFiles.map((f) => [f, proseWords(readFileSync(path.join(root, f), 'utf8'))]));

describe('the words of the prose', () => {
  it('come from text, not from code, math, link targets or facts', () => {
    const md = 'A `sorted(set(docs))` call; $\\sqrt{d}$ and [the link](#L12-L14) say {{numDocs}} <b>bold</b> <code>wte</code> U+FEFF wordz.\n\n```ts\nconst ignored = 1;\n```\n';
    expect(proseWords(md)).toEqual(['call', 'and', 'the', 'link', 'say', 'bold', 'wordz']);
  });

  it('are read from every prose file', () => {
    expect(proseFiles.length).toBeGreaterThan(60);
    expect([...wordsByFile.values()].flat().length).toBeGreaterThan(10_000);
  });
});

describe.skipIf(!hasAspell)('spelling (aspell, English)', () => {
  it('flags a misspelt word, so the check below can fail', () => {
    expect(aspellUnknown(['gradient', 'gradeint', 'softmax'])).toEqual(['gradeint', 'softmax']);
  });

  it('finds every word of the prose in the dictionary or in content/spelling.txt', () => {
    const allowedSet = new Set(allowed);
    const unknown = [...wordsByFile].flatMap(([file, words]) =>
      aspellUnknown(words).filter((w) => !allowedSet.has(w)).map((w) => `${file}: ${w}`));
    expect(unknown, 'fix the spelling, or add a real name or term to content/spelling.txt').toEqual([]);
  });

  it('lists in content/spelling.txt only words the prose uses and the dictionary lacks', () => {
    const used = [...new Set([...wordsByFile.values()].flat())];
    const needed = new Set(aspellUnknown(used));
    expect(allowed.filter((w) => !needed.has(w)), 'entries no longer needed').toEqual([]);
    expect(allowed).toEqual([...allowed].sort((a, b) => a.localeCompare(b, 'en')));
  });
});
