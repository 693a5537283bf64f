/**
 * A confusion matrix as a table: rows are the true class, columns the prediction, and each cell is
 * shaded by its share of its row (green on the diagonal, orange off it).
 */
import { fillTable } from './table.ts';

/** Fill `target` (see fillTable) with the matrix `m` and return the table (class "confusion"). */
export function fillConfusion(
  target: HTMLElement,
  m: number[][],
  caption: string,
): HTMLTableElement {
  const table = fillTable(target, {
    caption,
    head: ['true ↓ / predicted →', ...m.map((_, j) => String(j))],
    rows: m.map((row, i) => {
      const total = row.reduce((a, b) => a + b, 0) || 1;
      return [
        String(i),
        ...row.map((v, j) => ({
          text: String(v),
          background: `rgba(${i === j ? '60,196,124' : '255,122,89'},${(v / total).toFixed(3)})`,
        })),
      ];
    }),
    rowHeaders: true,
  });
  table.classList.add('confusion');
  return table;
}
