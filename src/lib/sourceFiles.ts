/** File-system side of the splitter: read a source file and its prose folder, validated by src/lib/sections.ts. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkProse, parseSections, type Outline } from './sections.ts';

/** The project root (two levels above this file), so paths like "microgpt/microgpt.ts" work from any cwd. */
export const ROOT = resolve(new URL('../..', import.meta.url).pathname);

/** A path relative to the project root, as printed in error messages. */
export const displayPath = (path: string) => relative(ROOT, resolve(ROOT, path)) || path;

/** Every `.md` file in `dir` (name -> text); an absent folder reads as empty. */
export function readProseDir(dir: string): Record<string, string> {
  const abs = resolve(ROOT, dir);
  if (!existsSync(abs)) return {};
  const prose: Record<string, string> = {};
  for (const name of readdirSync(abs)) if (name.endsWith('.md')) prose[name] = readFileSync(join(abs, name), 'utf8');
  return prose;
}

/** Parse `file` into sections and check them against the prose in `proseDir`; throws SectionError on any problem. */
export function loadOutline(file: string, proseDir: string): { outline: Outline; source: string; prose: Record<string, string> } {
  const source = readFileSync(resolve(ROOT, file), 'utf8');
  const outline = parseSections(source, displayPath(file));
  const prose = readProseDir(proseDir);
  checkProse(outline, prose, displayPath(proseDir));
  return { outline, source, prose };
}
