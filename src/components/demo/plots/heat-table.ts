/**
 * A small heat map as a table, for maps whose row and column labels are words: each cell shows its
 * weight (in [0, 1]) and is shaded by it; data-w holds the exact value.
 */
import { fixed } from '../format.ts';
import { fillTable } from '../table.ts';

/** Append a new table to `target`: `weights[r][c]` for row r and column c. */
export function heatTable(
  target: HTMLElement,
  {
    rows,
    cols,
    weights,
    caption,
    corner,
  }: {
    rows: string[];
    cols: string[];
    weights: number[][];
    caption: string;
    /** The top-left heading, saying what rows and columns are. */
    corner: string;
  },
): HTMLTableElement {
  const table = document.createElement('table');
  target.append(table);
  return fillTable(table, {
    caption,
    rowHeaders: true,
    head: [corner, ...cols],
    rows: weights.map((row, i) => [
      rows[i]!,
      ...row.map((w) => ({
        text: fixed(w, 2),
        data: { w: String(w) },
        background: `rgba(79, 140, 255, ${w.toFixed(3)})`,
      })),
    ]),
  });
}
