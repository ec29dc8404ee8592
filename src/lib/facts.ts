/** Figures quoted in the prose, computed from the real code and data at build time: `{{name}}` in Markdown. */
import { getDefaultRun } from './defaultRun.ts';

const thousands = (n: number) => n.toLocaleString('en-US');

export function getFacts(): Record<string, string> {
  const run = getDefaultRun();
  return {
    numDocs: thousands(run.numDocs),
    vocabSize: String(run.vocabSize),
    numParams: thousands(run.numParams),
  };
}
