/**
 * The two pieces of Python string formatting that microgpt.py's output uses, so our lines match its
 * lines character for character: `{n:4d}` and `{x:.4f}`.
 */

/** `f"{n:{width}d}"`: an integer right-aligned in `width` columns. */
export function padInt(n: number, width: number): string {
  return String(n).padStart(width, ' ');
}

/**
 * `f"{x:.{digits}f}"`: Python rounds the exact binary value half to even; JavaScript's toFixed rounds an
 * exact tie up. Ties are rare (0.03125 is one), so we take toFixed's answer and correct it on a tie.
 */
export function fixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const ax = Math.abs(x);
  let out = ax.toFixed(digits);
  // toFixed(100) is exact for any double of this size, so the digits after `digits` tell a tie.
  if (ax < 1e21) {
    const exact = ax.toFixed(100);
    const cut = exact.indexOf('.') + 1 + digits;
    const rest = exact.slice(cut);
    const isTie = rest[0] === '5' && /^50*$/.test(rest);
    if (isTie) {
      const kept = exact.slice(0, cut);
      const lastDigit = Number(kept[kept.length - 1] === '.' ? kept[kept.length - 2] : kept[kept.length - 1]);
      if (lastDigit % 2 === 0) out = digits === 0 ? kept.slice(0, -1) : kept; // round down to the even digit
    }
  }
  return sign + out;
}
