/** The site's two color themes, in one place: the CSS variables of the layout and the contrast floor of the code colors. */

export type ThemeName = 'light' | 'dark';

export interface Palette {
  bg: string;          // page
  surface: string;     // cards, menus
  text: string;
  muted: string;       // secondary text, line numbers
  border: string;
  accent: string;      // links, focus rings
  codeBg: string;      // code panels
  lineHover: string;   // lines under a hovered prose link
  lineMark: string;    // lines named by the URL (data-highlighted)
  lineMarkEdge: string;
}

export const palettes: Record<ThemeName, Palette> = {
  light: {
    bg: '#fcfbf8', surface: '#ffffff', text: '#1d2125', muted: '#5c636b', border: '#e4e0d8', accent: '#1a5aa6',
    codeBg: '#f5f3ee', lineHover: '#e6eefa', lineMark: '#fdf1c4', lineMarkEdge: '#c99a06',
  },
  dark: {
    bg: '#141619', surface: '#1b1e22', text: '#e3e3df', muted: '#a0a6ad', border: '#2c3036', accent: '#8cb8f0',
    codeBg: '#1a1d21', lineHover: '#1e2a3a', lineMark: '#3a3217', lineMarkEdge: '#d9ae2b',
  },
};

/** Backgrounds code tokens may sit on in each theme; every token color keeps this contrast on all of them. */
export const CODE_CONTRAST = 4.7;
export const codeBackgrounds = (theme: ThemeName) => [palettes[theme].codeBg, palettes[theme].lineHover, palettes[theme].lineMark];

const rgb = (hex: string): [number, number, number] => {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
};
const toHex = (c: number[]) => `#${c.map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance of a #rrggbb color. */
export function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colors (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `color`, moved toward black (light theme) or white (dark theme) just enough to reach `ratio` on every background. */
export function ensureContrast(color: string, backgrounds: string[], theme: ThemeName, ratio = CODE_CONTRAST): string {
  const target = theme === 'light' ? [0, 0, 0] : [255, 255, 255];
  const start = rgb(color);
  for (let t = 0; t <= 1.0001; t += 0.02) {
    const candidate = toHex(start.map((v, i) => v + (target[i] - v) * t));
    if (backgrounds.every((bg) => contrast(candidate, bg) >= ratio)) return candidate;
  }
  return toHex(target);
}

/** The CSS custom properties of both themes: light by default, dark by system preference or by the toggle. */
export function themeCss(): string {
  const vars = (p: Palette) => Object.entries(p).map(([k, v]) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${v};`).join('');
  return [
    `:root{color-scheme:light;${vars(palettes.light)}}`,
    `:root[data-theme=dark]{color-scheme:dark;${vars(palettes.dark)}}`,
    `@media (prefers-color-scheme: dark){:root:not([data-theme=light]){color-scheme:dark;${vars(palettes.dark)}}}`,
  ].join('\n');
}
