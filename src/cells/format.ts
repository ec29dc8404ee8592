/** Number formatting for the page's main thread. */

/** 32257 → "32,257" without Intl (its first use costs a long main-thread task). */
export function thousands(n: number): string {
  const [whole, frac] = String(n).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}
