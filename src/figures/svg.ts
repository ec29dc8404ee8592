/** Small helpers shared by the figures: escaping, number formatting, and the figure wrapper. */

/** Escape text for HTML and SVG. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A number with `digits` decimals, with a real minus sign and never "-0". */
export function num(x: number, digits = 4): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s.replace('-', '\u2212');
}

/** Wrap an SVG and its text alternative in a figure: the SVG is an image with a label, the text is for everyone. */
export function figure(name: string, svg: string, caption: string, textAlternative: string): string {
  return `<figure class="mg-figure" data-figure="${esc(name)}" style="margin:1.5rem 0;max-width:100%;overflow:hidden">`
    + svg
    + `<figcaption style="font-size:0.9em;margin-top:0.5rem">${caption}</figcaption>`
    + `<details style="font-size:0.9em;margin-top:0.25rem"><summary>The figure as text</summary>${textAlternative}</details>`
    + `</figure>`;
}
