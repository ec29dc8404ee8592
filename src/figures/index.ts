/** Figures drawn at build time by the real code: a `figure` fence in the prose names one of them. */
import { drawAutogradGraph } from './graph.ts';
import { drawParamShapes } from './params.ts';
import { drawTokenPath } from './tokenPath.ts';
import { drawTranscript } from './transcript.ts';
import { drawOpsTable } from './opsTable.ts';

const figures: Record<string, () => string> = {
  'autograd-graph': drawAutogradGraph,
  'param-shapes': drawParamShapes,
  'token-path': drawTokenPath,
  'cli-transcript': drawTranscript,
  'ops-table': drawOpsTable,
};

/** The names a `figure` fence may use. */
export const figureNames = Object.keys(figures);

export function renderFigure(name: string): string {
  const draw = figures[name];
  if (!draw) throw new Error(`unknown figure ${JSON.stringify(name)}; expected one of: ${Object.keys(figures).join(', ') || '(none yet)'}`);
  return draw();
}
