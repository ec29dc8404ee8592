/** Figures drawn at build time by the real code: a `figure` fence in the prose names one of them. */
const figures: Record<string, () => string> = {};

export function renderFigure(name: string): string {
  const draw = figures[name];
  if (!draw) throw new Error(`unknown figure ${JSON.stringify(name)}; expected one of: ${Object.keys(figures).join(', ') || '(none yet)'}`);
  return draw();
}
