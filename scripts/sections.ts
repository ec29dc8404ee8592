/**
 * Print the chapters and sections of a source file, then check its prose with the build's own validation:
 *   tsx scripts/sections.ts microgpt/microgpt.ts content/sections
 * Exits 1 with the build's `file:line` message when a marker is malformed or prose is missing or orphaned.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, displayPath, readProseDir } from '../src/lib/sourceFiles.ts';
import { SectionError, checkProse, parseSections } from '../src/lib/sections.ts';

const [file, proseDir] = process.argv.slice(2);
if (!file || !proseDir || process.argv.includes('--help')) {
  console.log('usage: tsx scripts/sections.ts <source file> <prose folder>\n  e.g. tsx scripts/sections.ts microgpt/microgpt.ts content/sections');
  process.exit(file && proseDir ? 0 : 2);
}

try {
  const outline = parseSections(readFileSync(resolve(ROOT, file), 'utf8'), displayPath(file));
  const prose = readProseDir(proseDir);
  for (const chapter of outline.chapters) {
    console.log(`\n${chapter.title}  (#${chapter.slug}, line ${chapter.markerLine})`);
    for (const s of chapter.sections) {
      const range = `L${s.lines[0].n}-L${s.lines.findLast((l) => l.text.trim() !== '')!.n}`;
      const text = prose[`${s.id}.md`];
      const words = text === undefined ? 'no prose' : `${text.split(/\s+/).filter(Boolean).length} words`;
      console.log(`  ${s.id.padEnd(22)} ${range.padEnd(10)} ${words.padStart(9)}  ${s.title}`);
    }
  }
  console.log(`\n${outline.sections.length} sections in ${outline.chapters.length} chapters.`);
  checkProse(outline, prose, displayPath(proseDir));
  console.log(`Every section has prose in ${displayPath(proseDir)}, and every prose file has a section.`);
} catch (err) {
  if (err instanceof SectionError || (err as NodeJS.ErrnoException).code === 'ENOENT') {
    console.error(`error: ${(err as Error).message}`);
    process.exit(1);
  }
  throw err;
}
