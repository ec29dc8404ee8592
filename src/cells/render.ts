/** Interim: the cells helper replaces this with the real cell renderer. */
export function renderCell(name: string): string {
  return `<div data-cell="${name}"></div>`;
}
