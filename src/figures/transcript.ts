/** Figure: what `npm run train` prints with the defaults, computed from the default run with the CLI's own formatting. */
import { getDefaultRun } from '../lib/defaultRun.ts';
import { padInt, fixed } from '../../microgpt/pyformat.ts';
import { esc } from './svg.ts';

/** The lines of the default run's output, with the middle step lines elided. */
export function transcriptLines(head = 3, tail = 2): string[] {
  const run = getDefaultRun();
  const n = run.config.numSteps;
  const step = (i: number) => `step ${padInt(i + 1, 4)} / ${padInt(n, 4)} | loss ${fixed(run.losses[i], 4)}`;
  const steps = run.losses.length > head + tail
    ? [...run.losses.slice(0, head).map((_, i) => step(i)), '…', ...run.losses.slice(-tail).map((_, i) => step(n - tail + i))]
    : run.losses.map((_, i) => step(i));
  return [
    `num docs: ${run.numDocs}`,
    `vocab size: ${run.vocabSize}`,
    `num params: ${run.numParams}`,
    ...steps,
    '',
    '--- inference (new, hallucinated names) ---',
    ...run.samples.map((s, i) => `sample ${padInt(i + 1, 2)}: ${s}`),
  ];
}

export function drawTranscript(): string {
  return `<figure class="mg-figure" data-figure="cli-transcript" style="margin:1.5rem 0;max-width:100%">`
    + `<pre tabindex="0" style="overflow-x:auto;max-width:100%"><code>${esc(transcriptLines().join('\n'))}</code></pre>`
    + `<figcaption style="font-size:0.9em">The output of <code>npm run train</code> into a file or a pipe, computed when this page was built by the same code and formatting as the command line (the step lines between the first three and the last two are left out).</figcaption></figure>`;
}
