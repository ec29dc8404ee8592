/**
 * The splitter: turns a source file with `// @chapter <Title>` and `// @section <id> <Title>` marker comments
 * into chapters and sections, each line keeping its real 1-based line number. Pure: no file system here.
 *
 * Every problem is thrown as a `SectionError` whose message starts with `file:line:` and says what was found
 * and what was expected, so the build and `scripts/sections.ts` fail with the same words.
 */

/** One line of source code with its real 1-based line number in the file. */
export interface SourceLine {
  n: number;
  text: string;
}

export interface Section {
  id: string;
  title: string;
  chapter: string;
  chapterSlug: string;
  /** Line number of the `// @section` marker itself. */
  markerLine: number;
  /** The section's code, marker lines excluded. */
  lines: SourceLine[];
}

export interface Chapter {
  title: string;
  slug: string;
  markerLine: number;
  sections: Section[];
}

export interface Outline {
  file: string;
  chapters: Chapter[];
  sections: Section[];
  /** Line numbers of the marker comments (not shown beside the prose). */
  markerLines: Set<number>;
  /** Number of lines in the file. */
  lineCount: number;
}

/** A validation failure of the source markers or of the prose that goes with them. */
export class SectionError extends Error {
  override name = 'SectionError';
}

export const ID_PATTERN = /^[a-z0-9-]+$/;
const MARKER = /^\s*\/\/\s*@([A-Za-z][\w-]*)(.*)$/;
/** TypeScript's own `// @ts-...` directives are comments for the compiler, not markers. */
const COMPILER_DIRECTIVE = /^ts-/;

/** The URL slug of a chapter title: "From microgpt to ChatGPT" -> "from-microgpt-to-chatgpt". */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const fail = (file: string, line: number, message: string): never => {
  throw new SectionError(`${file}:${line}: ${message}`);
};

/** Split a source file's text into chapters and sections, validating every marker. */
export function parseSections(text: string, file: string): Outline {
  const rawLines = text.replace(/\r\n?/g, '\n').split('\n');
  if (rawLines.length > 1 && rawLines[rawLines.length - 1] === '') rawLines.pop(); // the final newline ends the last line
  const chapters: Chapter[] = [];
  const sections: Section[] = [];
  const markerLines = new Set<number>();
  const seenIds = new Map<string, number>();
  const seenChapters = new Map<string, number>();
  let chapter: Chapter | undefined;
  let section: Section | undefined;

  const closeSection = () => {
    if (section && !section.lines.some((l) => l.text.trim() !== '')) {
      fail(file, section.markerLine, `section "${section.id}" has no code: expected at least one line of code between its marker and the next marker`);
    }
  };
  const closeChapter = () => {
    if (chapter && chapter.sections.length === 0) {
      fail(file, chapter.markerLine, `chapter "${chapter.title}" has no sections: expected a "// @section <id> <Title>" marker after it`);
    }
  };

  rawLines.forEach((text, index) => {
    const n = index + 1;
    const marker = MARKER.exec(text);
    if (marker && !COMPILER_DIRECTIVE.test(marker[1])) {
      const [, kind, rest] = marker;
      const got = JSON.stringify(text.trim());
      markerLines.add(n);
      if (kind === 'chapter') {
        if (rest !== '' && !/^\s/.test(rest)) fail(file, n, `malformed chapter marker: got ${got}; expected "// @chapter <Title>"`);
        const title = rest.trim();
        if (title === '') fail(file, n, `chapter marker without a title: got ${got}; expected "// @chapter <Title>"`);
        const slug = slugify(title);
        if (slug === '') fail(file, n, `chapter title ${JSON.stringify(title)} has no letters or digits: expected a title like "// @chapter Autograd"`);
        const earlier = seenChapters.get(slug);
        if (earlier !== undefined) fail(file, n, `duplicate chapter "${title}": got it again; expected each chapter once (first at line ${earlier})`);
        closeSection();
        closeChapter();
        seenChapters.set(slug, n);
        chapter = { title, slug, markerLine: n, sections: [] };
        chapters.push(chapter);
        section = undefined;
        return;
      }
      if (kind === 'section') {
        const parts = /^\s+(\S+)(?:\s+(.*))?$/.exec(rest);
        if (!parts) fail(file, n, `section marker without an id: got ${got}; expected "// @section <id> <Title>"`);
        const id = parts![1];
        const title = (parts![2] ?? '').trim();
        if (!ID_PATTERN.test(id)) fail(file, n, `malformed section id ${JSON.stringify(id)}: got ${got}; expected an id of lowercase letters, digits and dashes ([a-z0-9-]+)`);
        if (title === '') fail(file, n, `section marker without a title: got ${got}; expected "// @section ${id} <Title>"`);
        if (!chapter) fail(file, n, `section "${id}" before any chapter: expected a "// @chapter <Title>" marker above it`);
        const earlier = seenIds.get(id);
        if (earlier !== undefined) fail(file, n, `duplicate section id "${id}": got it again; expected each id once (first at line ${earlier})`);
        const clash = seenChapters.get(id);
        if (clash !== undefined) fail(file, n, `section id "${id}" is also the id of the chapter at line ${clash}: expected distinct ids`);
        closeSection();
        seenIds.set(id, n);
        section = { id, title, chapter: chapter!.title, chapterSlug: chapter!.slug, markerLine: n, lines: [] };
        chapter!.sections.push(section);
        sections.push(section);
        return;
      }
      fail(file, n, `unknown marker "@${kind}": got ${got}; expected "// @chapter <Title>" or "// @section <id> <Title>"`);
    }
    if (!section) {
      if (text.trim() === '') return; // blank lines before the first section are harmless
      fail(file, n, `code before the first section: got ${JSON.stringify(text.trim())}; expected a "// @section <id> <Title>" marker above it`);
    }
    section!.lines.push({ n, text });
  });

  closeSection();
  closeChapter();
  if (sections.length === 0) fail(file, 1, 'no sections: expected "// @chapter <Title>" and "// @section <id> <Title>" marker comments');
  for (const id of seenIds.keys()) {
    if (seenChapters.has(id)) fail(file, seenIds.get(id)!, `section id "${id}" is also the id of chapter "${id}" (line ${seenChapters.get(id)}): expected distinct ids`);
  }
  return { file, chapters, sections, markerLines, lineCount: rawLines.length };
}

/**
 * Check that every section has prose and every prose file belongs to a section.
 * `prose` maps file names in `proseDir` (e.g. "autograd-ops.md") to their text; names starting with `_` are not
 * section prose (e.g. `_intro.md`) and other extensions are ignored.
 */
export function checkProse(outline: Outline, prose: Record<string, string>, proseDir: string): void {
  const dir = proseDir.replace(/\/+$/, '');
  const ids = new Set(outline.sections.map((s) => s.id));
  for (const name of Object.keys(prose).sort()) {
    if (!name.endsWith('.md') || name.startsWith('_')) continue;
    const id = name.slice(0, -'.md'.length);
    if (!ids.has(id)) {
      const near = closest(id, [...ids]);
      fail(`${dir}/${name}`, 1, `prose for no section: got "${id}"; expected the id of a section of ${outline.file}${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  }
  for (const s of outline.sections) {
    const text = prose[`${s.id}.md`];
    if (text === undefined) fail(outline.file, s.markerLine, `section "${s.id}" has no prose: expected the file ${dir}/${s.id}.md`);
    if (text!.trim() === '') fail(outline.file, s.markerLine, `section "${s.id}" has no prose: ${dir}/${s.id}.md is empty; expected Markdown explaining the section`);
  }
}

/** The candidate nearest to `word` by edit distance, if it is close enough to be a likely typo. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}
