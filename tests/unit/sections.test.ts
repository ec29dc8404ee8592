import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SectionError, checkProse, parseSections, slugify } from '../../src/lib/sections.ts';
import { loadOutline, readProseDir } from '../../src/lib/sourceFiles.ts';

const FIXTURES = 'tests/fixtures/sections';
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`, 'utf8');
const parseFixture = (name: string) => parseSections(fixture(name), `${FIXTURES}/${name}`);

/** The error thrown by `fn`, which must be a SectionError. */
function errorOf(fn: () => unknown): SectionError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SectionError);
    return err as SectionError;
  }
  throw new Error('expected a SectionError, but nothing was thrown');
}

describe('parseSections on a valid file', () => {
  const outline = parseFixture('valid.ts');

  it('finds the chapters and sections in order, with slugs', () => {
    expect(outline.chapters.map((c) => [c.title, c.slug])).toEqual([
      ['Numbers', 'numbers'],
      ['The Class Itself', 'the-class-itself'],
    ]);
    expect(outline.sections.map((s) => [s.id, s.title, s.chapter, s.chapterSlug])).toEqual([
      ['numbers-add', 'Adding two numbers', 'Numbers', 'numbers'],
      ['numbers-mul', 'Multiplying, with a multi-line comment', 'Numbers', 'numbers'],
      ['class-box', 'A box', 'The Class Itself', 'the-class-itself'],
      ['class-box-get', 'Reading the box, marker indented', 'The Class Itself', 'the-class-itself'],
    ]);
  });

  it('keeps every code line with its real 1-based number and drops the marker lines', () => {
    const byId = Object.fromEntries(outline.sections.map((s) => [s.id, s.lines]));
    expect(byId['numbers-add'].map((l) => l.n)).toEqual([3, 4, 5, 6]);
    expect(byId['numbers-add'][0].text).toBe('export function add(a: number, b: number): number {');
    expect(byId['numbers-mul'].map((l) => l.n)).toEqual([8, 9, 10, 11]);
    expect(byId['class-box'].map((l) => l.n)).toEqual([14, 15, 16]);
    expect(byId['class-box'][2].text).toBe('  // @ts-ignore: a compiler directive is not a marker');
    expect(byId['class-box-get'].map((l) => l.n)).toEqual([18, 19, 20, 21]);
    expect([...outline.markerLines].sort((a, b) => a - b)).toEqual([1, 2, 7, 12, 13, 17]);
    expect(outline.lineCount).toBe(21);
    expect(outline.sections.flatMap((s) => s.lines).length + outline.markerLines.size).toBe(outline.lineCount);
  });

  it('records the marker line of each section', () => {
    expect(outline.sections.map((s) => s.markerLine)).toEqual([2, 7, 13, 17]);
  });

  it('reads CRLF files with the same line numbers', () => {
    const crlf = parseSections(fixture('valid.ts').replace(/\n/g, '\r\n'), 'crlf.ts');
    expect(crlf.sections.map((s) => s.lines.map((l) => l.n))).toEqual(outline.sections.map((s) => s.lines.map((l) => l.n)));
    expect(crlf.sections[0].lines[0].text).not.toContain('\r');
  });

  it('inserting a section changes no other id or line number, only splits a section', () => {
    const lines = fixture('valid.ts').split('\n');
    lines.splice(3, 0, '  // @section numbers-return The return');
    const after = parseSections(lines.join('\n'), 'inserted.ts');
    expect(after.sections.map((s) => s.id)).toEqual(['numbers-add', 'numbers-return', 'numbers-mul', 'class-box', 'class-box-get']);
    expect(after.sections[0].lines.map((l) => l.text)).toEqual(['export function add(a: number, b: number): number {']);
    expect(after.sections[1].lines.map((l) => l.text)).toEqual(['  return a + b;', '}', '']);
  });
});

describe('parseSections on the real model file', () => {
  const outline = parseSections(readFileSync('microgpt/microgpt.ts', 'utf8'), 'microgpt/microgpt.ts');

  it('has the seven chapters of the page in order', () => {
    expect(outline.chapters.map((c) => c.slug)).toEqual(['dataset', 'tokenizer', 'autograd', 'parameters', 'model', 'training', 'inference']);
  });

  it('gives every non-marker line to exactly one section, each with its real text', () => {
    const source = readFileSync('microgpt/microgpt.ts', 'utf8').split('\n');
    const numbers = outline.sections.flatMap((s) => s.lines.map((l) => l.n));
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const s of outline.sections) for (const l of s.lines) expect(l.text).toBe(source[l.n - 1]);
    for (const n of outline.markerLines) expect(source[n - 1]).toMatch(/^\s*\/\/ @(chapter|section) /);
  });
});

describe('malformed markers fail with file:line, what was found and what was expected', () => {
  const cases: [string, number, RegExp[]][] = [
    ['section-no-id.ts', 2, [/section marker without an id/, /got "\/\/ @section"/, /expected "\/\/ @section <id> <Title>"/]],
    ['section-bad-id.ts', 2, [/malformed section id "Add"/, /got "\/\/ @section Add Adding"/, /\[a-z0-9-\]\+/]],
    ['section-underscore-id.ts', 2, [/malformed section id "numbers_add"/, /expected an id of lowercase letters, digits and dashes/]],
    ['section-no-title.ts', 2, [/section marker without a title/, /got "\/\/ @section numbers-add"/, /expected "\/\/ @section numbers-add <Title>"/]],
    ['chapter-no-title.ts', 1, [/chapter marker without a title/, /got "\/\/ @chapter"/, /expected "\/\/ @chapter <Title>"/]],
    ['unknown-marker.ts', 4, [/unknown marker "@sektion"/, /got "\/\/ @sektion numbers-mul Multiplying"/, /expected "\/\/ @chapter <Title>" or "\/\/ @section <id> <Title>"/]],
    ['duplicate-id.ts', 4, [/duplicate section id "numbers-add"/, /first at line 2/]],
    ['duplicate-chapter.ts', 4, [/duplicate chapter "Numbers"/, /first at line 1/]],
    ['id-clashes-chapter.ts', 2, [/section id "numbers" is also the id of the chapter at line 1/, /expected distinct ids/]],
    ['code-before-first-section.ts', 1, [/code before the first section/, /got "const x = 1;"/, /expected a "\/\/ @section <id> <Title>" marker above it/]],
    ['section-before-chapter.ts', 1, [/section "numbers-add" before any chapter/, /expected a "\/\/ @chapter <Title>" marker above it/]],
    ['empty-section.ts', 2, [/section "numbers-add" has no code/, /expected at least one line of code/]],
    ['empty-chapter.ts', 1, [/chapter "Numbers" has no sections/, /expected a "\/\/ @section <id> <Title>" marker after it/]],
    ['no-markers.ts', 1, [/code before the first section/, /got "export const a = 1;"/]],
  ];

  for (const [name, line, patterns] of cases) {
    it(name, () => {
      const err = errorOf(() => parseFixture(name));
      expect(err.message.startsWith(`${FIXTURES}/${name}:${line}: `)).toBe(true);
      for (const p of patterns) expect(err.message).toMatch(p);
    });
  }

  it('an empty file has no sections', () => {
    expect(errorOf(() => parseSections('', 'empty.ts')).message).toBe(
      'empty.ts:1: no sections: expected "// @chapter <Title>" and "// @section <id> <Title>" marker comments',
    );
  });
});

describe('checkProse', () => {
  const outline = parseFixture('valid.ts');

  it('accepts one prose file per section and ignores files starting with _', () => {
    expect(() => checkProse(outline, readProseDir(`${FIXTURES}/prose-ok`), `${FIXTURES}/prose-ok`)).not.toThrow();
  });

  it('fails on a section without prose, at the section marker', () => {
    const err = errorOf(() => checkProse(outline, readProseDir(`${FIXTURES}/prose-missing`), `${FIXTURES}/prose-missing`));
    expect(err.message).toBe(
      `${FIXTURES}/valid.ts:17: section "class-box-get" has no prose: expected the file ${FIXTURES}/prose-missing/class-box-get.md`,
    );
  });

  it('fails on an empty prose file', () => {
    const err = errorOf(() => checkProse(outline, readProseDir(`${FIXTURES}/prose-empty`), `${FIXTURES}/prose-empty`));
    expect(err.message).toMatch(new RegExp(`^${FIXTURES}/valid.ts:17: section "class-box-get" has no prose: .*class-box-get.md is empty`));
  });

  it('fails on prose for no section, naming the file and the nearest id', () => {
    const err = errorOf(() => checkProse(outline, readProseDir(`${FIXTURES}/prose-orphan`), `${FIXTURES}/prose-orphan`));
    expect(err.message).toBe(
      `${FIXTURES}/prose-orphan/numbers-adds.md:1: prose for no section: got "numbers-adds"; expected the id of a section of ${FIXTURES}/valid.ts (did you mean "numbers-add"?)`,
    );
  });

  it('loadOutline runs the same checks from paths', () => {
    expect(loadOutline(`${FIXTURES}/valid.ts`, `${FIXTURES}/prose-ok`).outline.sections).toHaveLength(4);
    expect(() => loadOutline(`${FIXTURES}/valid.ts`, `${FIXTURES}/prose-missing`)).toThrow(/has no prose/);
  });
});

describe('slugify', () => {
  it('makes URL ids of chapter titles', () => {
    expect(slugify('Run it yourself')).toBe('run-it-yourself');
    expect(slugify('From microgpt to ChatGPT')).toBe('from-microgpt-to-chatgpt');
    expect(slugify('  Autograd!  ')).toBe('autograd');
  });
});
